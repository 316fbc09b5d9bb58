package io.pptpgw.ppp.lcp;

import io.pptpgw.ppp.option.OptionHandler;
import io.pptpgw.ppp.option.Verdict;
import java.util.Optional;

/**
 * Protocol-Field-Compression (RFC 1661 §6.5) and Address-and-Control-Field-Compression (§6.6): options without a
 * value. Asking for one lets the peer compress what it sends us; acknowledging the peer's lets us compress what we send.
 * Our receiver accepts both forms either way.
 */
public final class FieldCompressionOption implements OptionHandler {
    public static final int PROTOCOL_FIELD_COMPRESSION = 7;
    public static final int ADDRESS_AND_CONTROL_FIELD_COMPRESSION = 8;

    private final int type;
    private final String name;
    private final boolean wanted;
    private boolean rejected;
    private boolean peerMayCompress;
    private boolean weMayCompress;

    private FieldCompressionOption(int type, String name, boolean wanted) {
        this.type = type;
        this.name = name;
        this.wanted = wanted;
    }

    public static FieldCompressionOption protocolField(boolean request) {
        return new FieldCompressionOption(PROTOCOL_FIELD_COMPRESSION, "pcomp", request);
    }

    public static FieldCompressionOption addressAndControlField(boolean request) {
        return new FieldCompressionOption(ADDRESS_AND_CONTROL_FIELD_COMPRESSION, "accomp", request);
    }

    /** Whether frames we send may use this compression: the peer asked for it and we acknowledged. */
    public boolean mayCompressOnSend() {
        return weMayCompress;
    }

    /** Whether the peer agreed to compress what it sends us. */
    public boolean peerMayCompress() {
        return peerMayCompress;
    }

    @Override
    public int type() {
        return type;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<byte[]> request() {
        return wanted && !rejected ? Optional.of(new byte[0]) : Optional.empty();
    }

    @Override
    public Verdict review(byte[] peerValue) {
        return peerValue.length == 0 ? Verdict.ACK : Verdict.REJECT;
    }

    @Override
    public void acked(byte[] value) {
        peerMayCompress = true;
    }

    /** An option without a value cannot be Nak'd into another value; a Nak leaves our request as it is. */
    @Override
    public void naked(byte[] hint) {}

    @Override
    public void rejected() {
        rejected = true;
        peerMayCompress = false;
    }

    @Override
    public void peerAcked(byte[] value) {
        weMayCompress = true;
    }

    @Override
    public void peerAbsent() {
        weMayCompress = false;
    }

    @Override
    public void reset() {
        rejected = false;
        peerMayCompress = false;
        weMayCompress = false;
    }
}
