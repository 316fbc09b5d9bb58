package io.pptpgw.ppp.lcp;

import io.pptpgw.ppp.PppSpec;
import io.pptpgw.ppp.option.OptionHandler;
import io.pptpgw.ppp.option.OptionValues;
import io.pptpgw.ppp.option.Verdict;
import java.util.Optional;

/**
 * Maximum-Receive-Unit (RFC 1661 §6.1), both directions: we ask for ours when it is not the default, and accept any
 * peer MRU from {@link PppSpec#MINIMUM_MRU} up, Nak'ing a smaller one to that minimum.
 */
public final class MruOption implements OptionHandler {
    public static final int TYPE = 1;

    private final int configured;
    private int requested;
    private boolean rejected;
    private int localMru = PppSpec.DEFAULT_MRU;
    private int peerMru = PppSpec.DEFAULT_MRU;

    public MruOption(int configured) {
        this.configured = configured;
        this.requested = configured;
    }

    /** The largest packet the peer agreed to send us. */
    public int localMru() {
        return localMru;
    }

    /** The largest packet we may send the peer. */
    public int peerMru() {
        return peerMru;
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "mru";
    }

    @Override
    public Optional<byte[]> request() {
        return rejected || requested == PppSpec.DEFAULT_MRU
                ? Optional.empty()
                : Optional.of(OptionValues.unsigned16(requested));
    }

    @Override
    public Verdict review(byte[] peerValue) {
        if (peerValue.length != 2) {
            return Verdict.REJECT;
        }
        return OptionValues.unsigned16(peerValue) < PppSpec.MINIMUM_MRU
                ? Verdict.nak(OptionValues.unsigned16(PppSpec.MINIMUM_MRU))
                : Verdict.ACK;
    }

    @Override
    public void acked(byte[] value) {
        localMru = OptionValues.unsigned16(value);
    }

    /** A smaller MRU than ours is fine to receive; a larger one is not what we configured, so we keep asking. */
    @Override
    public void naked(byte[] hint) {
        if (hint.length == 2) {
            int suggested = OptionValues.unsigned16(hint);
            if (suggested >= PppSpec.MINIMUM_MRU && suggested <= configured) {
                requested = suggested;
            }
        }
    }

    @Override
    public void rejected() {
        rejected = true;
        localMru = PppSpec.DEFAULT_MRU;
    }

    @Override
    public void peerAcked(byte[] value) {
        peerMru = OptionValues.unsigned16(value);
    }

    @Override
    public void peerAbsent() {
        peerMru = PppSpec.DEFAULT_MRU;
    }

    @Override
    public void reset() {
        requested = configured;
        rejected = false;
        localMru = PppSpec.DEFAULT_MRU;
        peerMru = PppSpec.DEFAULT_MRU;
    }

    @Override
    public String describe(byte[] value) {
        return value.length == 2 ? "mru " + OptionValues.unsigned16(value) : OptionHandler.super.describe(value);
    }
}
