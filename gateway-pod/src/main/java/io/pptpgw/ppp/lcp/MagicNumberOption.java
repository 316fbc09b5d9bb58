package io.pptpgw.ppp.lcp;

import io.pptpgw.ppp.option.OptionHandler;
import io.pptpgw.ppp.option.OptionValues;
import io.pptpgw.ppp.option.Verdict;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Magic-Number (RFC 1661 §6.4), with its loopback detection: a peer request carrying our own number may be our request
 * coming back, so it is Nak'd with a different number; a Nak that carries the number we last Nak'd with is our own Nak
 * coming back. After {@link #LOOPBACK_EVIDENCE} such returns the link is declared looped back, before Max-Failure would
 * turn the Naks into Rejects and let a looped link open.
 */
public final class MagicNumberOption implements OptionHandler {
    public static final int TYPE = 5;
    /** Our own Nak seen coming back this many times means the link is looped back. */
    public static final int LOOPBACK_EVIDENCE = 3;

    private final RandomGenerator random;
    private final Runnable loopedBack;
    private int ours;
    private boolean rejected;
    private int agreed;
    private boolean nakSent;
    private int lastNakSent;
    private int loopbackEvidence;

    /** @param loopedBack called once the loopback evidence is conclusive */
    public MagicNumberOption(RandomGenerator random, Runnable loopedBack) {
        this.random = random;
        this.loopedBack = loopedBack;
        this.ours = nonZeroExcept(0);
    }

    /** Our Magic-Number once the peer acknowledged it, else 0 (RFC 1661 §6.4: zero when not negotiated). */
    public int agreed() {
        return agreed;
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "magic";
    }

    @Override
    public Optional<byte[]> request() {
        return rejected ? Optional.empty() : Optional.of(OptionValues.int32(ours));
    }

    @Override
    public Verdict review(byte[] peerValue) {
        if (peerValue.length != 4) {
            return Verdict.REJECT;
        }
        int peer = OptionValues.int32(peerValue);
        if (peer == 0 || (peer == ours && !rejected)) {
            // zero is illegal; our own number may be our own request looped back: ask for another either way
            lastNakSent = nonZeroExcept(ours);
            nakSent = true;
            return Verdict.nak(OptionValues.int32(lastNakSent));
        }
        return Verdict.ACK;
    }

    @Override
    public void acked(byte[] value) {
        agreed = OptionValues.int32(value);
    }

    /** RFC 1661 §6.4: a Nak of our number means choosing a new one, different from the one suggested. */
    @Override
    public void naked(byte[] hint) {
        if (hint.length != 4) {
            return;
        }
        int suggested = OptionValues.int32(hint);
        if (nakSent && suggested == lastNakSent && ++loopbackEvidence == LOOPBACK_EVIDENCE) {
            loopedBack.run();
        }
        int previous = ours;
        do {
            ours = nonZeroExcept(suggested);
        } while (ours == previous);
    }

    @Override
    public void rejected() {
        rejected = true;
        agreed = 0;
    }

    /** A new negotiation keeps our number: it is still unique. */
    @Override
    public void reset() {
        rejected = false;
        agreed = 0;
        nakSent = false;
        loopbackEvidence = 0;
    }

    @Override
    public String describe(byte[] value) {
        return value.length == 4
                ? String.format("magic 0x%08x", OptionValues.int32(value))
                : OptionHandler.super.describe(value);
    }

    private int nonZeroExcept(int excluded) {
        int value;
        do {
            value = random.nextInt();
        } while (value == 0 || value == excluded);
        return value;
    }
}
