package io.pptpgw.ppp.lcp;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.option.OptionHandler;
import io.pptpgw.ppp.option.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Authentication-Protocol (RFC 1661 §6.2; CHAP's algorithm octet from RFC 1994 §3 and RFC 2759 §2). The authenticator
 * asks for its methods in preference order and moves on when the peer Naks, straight to the peer's suggestion if that
 * is one of ours; it never lets the peer authenticate it. The peer being authenticated acknowledges a method it
 * supports and Naks anything else with the method it prefers.
 */
public final class AuthProtocolOption implements OptionHandler {
    public static final int TYPE = 3;

    private final boolean authenticator;
    private final List<AuthProtocol> methods;
    private int index;
    private boolean rejected;
    private AuthProtocol agreed;
    private String refusal;

    private AuthProtocolOption(boolean authenticator, List<AuthProtocol> methods) {
        this.authenticator = authenticator;
        this.methods = List.copyOf(methods);
    }

    /** The server's side: it asks for {@code methods}, the most preferred first. */
    public static AuthProtocolOption authenticator(List<AuthProtocol> methods) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("an authenticator needs at least one authentication method");
        }
        return new AuthProtocolOption(true, methods);
    }

    /** The client's side: it accepts {@code methods} and suggests the first. */
    public static AuthProtocolOption authenticatee(List<AuthProtocol> methods) {
        return new AuthProtocolOption(false, methods);
    }

    /** The method agreed for this link: acknowledged by the peer (authenticator) or by us (authenticatee). */
    public Optional<AuthProtocol> agreed() {
        return Optional.ofNullable(agreed);
    }

    /** Why the authenticator could not agree on a method, if it could not. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The method an Authentication-Protocol value names, if it is one we know. */
    public static Optional<AuthProtocol> parse(byte[] value) {
        return Arrays.stream(AuthProtocol.values())
                .filter(p -> Arrays.equals(p.lcpOptionData(), value))
                .findFirst();
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public Optional<byte[]> request() {
        return authenticator && !rejected && index < methods.size()
                ? Optional.of(methods.get(index).lcpOptionData())
                : Optional.empty();
    }

    @Override
    public Verdict review(byte[] peerValue) {
        if (authenticator || methods.isEmpty()) {
            return Verdict.REJECT; // we do not prove our identity to the peer
        }
        return parse(peerValue).filter(methods::contains).isPresent()
                ? Verdict.ACK
                : Verdict.nak(methods.getFirst().lcpOptionData());
    }

    @Override
    public void acked(byte[] value) {
        agreed = parse(value).orElse(null);
    }

    @Override
    public void naked(byte[] hint) {
        if (!authenticator || index >= methods.size()) {
            return;
        }
        Optional<AuthProtocol> suggested = parse(hint);
        int position = suggested.map(methods::indexOf).orElse(-1);
        index = position > index ? position : index + 1;
        if (index >= methods.size()) {
            refusal = "peer supports none of our authentication methods " + methods + "; it suggested "
                    + suggested.map(Enum::name).orElse(describe(hint));
        }
    }

    @Override
    public void rejected() {
        rejected = true;
        refusal = "peer rejected the Authentication-Protocol option (asked for " + methods + ")";
    }

    @Override
    public void peerAcked(byte[] value) {
        if (!authenticator) {
            agreed = parse(value).orElse(null);
        }
    }

    @Override
    public void peerAbsent() {
        if (!authenticator) {
            agreed = null;
        }
    }

    @Override
    public void reset() {
        index = 0;
        rejected = false;
        agreed = null;
        refusal = null;
    }

    @Override
    public String describe(byte[] value) {
        return parse(value)
                .map(p -> switch (p) {
                    case PAP -> "auth pap";
                    case CHAP_MD5 -> "auth chap MD5";
                    case MSCHAP_V2 -> "auth chap MS-v2";
                })
                .orElseGet(() -> OptionHandler.super.describe(value));
    }
}
