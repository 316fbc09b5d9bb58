package io.pptpgw.ppp.option;

import java.util.HexFormat;
import java.util.Optional;

/**
 * One configuration option type on one link, both directions: what we ask for in our Configure-Request, what we say
 * to the peer's, and what we learn from the peer's answers. {@link Negotiation} calls it; it never sends anything.
 */
public interface OptionHandler {
    int type();

    /** pppd's short name for logs, e.g. {@code mru}. */
    String name();

    /** The value to put in our next Configure-Request, or empty to leave the option out. */
    Optional<byte[]> request();

    /** Our verdict on the value the peer asks for. */
    Verdict review(byte[] peerValue);

    /** The peer acknowledged our request carrying {@code value}. */
    void acked(byte[] value);

    /** The peer Nak'd our request, or named this option unasked, suggesting {@code hint} (RFC 1661 §5.3). */
    void naked(byte[] hint);

    /** The peer rejected the option: it must not appear in our requests again (RFC 1661 §5.4). */
    void rejected();

    /** A value to Nak with when the peer's request lacks this option, prompting it to ask (RFC 1661 §5.3). */
    default Optional<byte[]> hintWhenAbsent() {
        return Optional.empty();
    }

    /** We sent a Configure-Ack of a request carrying this option: the peer's value holds. */
    default void peerAcked(byte[] value) {}

    /** We sent a Configure-Ack of a request without this option: the default holds. */
    default void peerAbsent() {}

    /** A new negotiation starts (the layer is started or renegotiated): forget what the last one learned. */
    default void reset() {}

    /** The value as pppd prints it inside {@code < >}, e.g. {@code mru 1400}. */
    default String describe(byte[] value) {
        return value.length == 0 ? name() : name() + " " + HexFormat.of().formatHex(value);
    }
}
