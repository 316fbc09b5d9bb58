package io.pptpgw.ppp.ccp;

import io.pptpgw.ppp.option.OptionHandler;
import io.pptpgw.ppp.option.OptionValues;
import io.pptpgw.ppp.option.Verdict;
import java.util.Optional;

/**
 * The MPPE option of CCP (RFC 3078 §2), type 18, four octets of Supported Bits:
 *
 * <pre>
 *  3                   2                   1
 *  1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               |H|                             |M|S|L|D| | | |C|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * C is MPPC compression (refused), D obsolete, L 40-bit, M 56-bit (not supported), S 128-bit, H stateless. Both sides
 * follow one rule: an acceptable value names exactly one key length the policy allows, with H unless stateful is
 * allowed; anything else is Nak'd to the best acceptable value, so an offer of everything (+H +M +S +L +C) becomes
 * +H +S. Our own request is always a single acceptable value.
 */
public final class MppeOption implements OptionHandler {
    public static final int TYPE = 18;
    public static final int COMPRESSION_MPPC = 0x0000_0001;
    public static final int OBSOLETE_D = 0x0000_0010;
    public static final int KEY_40_BIT = 0x0000_0020;
    public static final int KEY_128_BIT = 0x0000_0040;
    public static final int KEY_56_BIT = 0x0000_0080;
    public static final int STATELESS = 0x0100_0000;

    private final MppePolicy policy;
    private int requested;
    private boolean rejected;
    private MppeMode ours;
    private MppeMode peers;

    public MppeOption(MppePolicy policy) {
        this.policy = policy;
        reset();
    }

    /** The mode of our request, once the peer acknowledged it. */
    public Optional<MppeMode> acknowledgedByPeer() {
        return Optional.ofNullable(ours);
    }

    /** The mode of the peer's request, once we acknowledged it. */
    public Optional<MppeMode> acknowledgedByUs() {
        return Optional.ofNullable(peers);
    }

    /** Whether the peer rejected the option outright. */
    public boolean rejectedByPeer() {
        return rejected;
    }

    /**
     * The best value within {@code offered} and the policy: 128 over 40 bits, stateless over stateful; our own
     * preference, stateless 128-bit, when the offer holds no key length we may use.
     */
    public int narrow(int offered) {
        boolean key128 = (offered & KEY_128_BIT) != 0;
        boolean key40 = (offered & KEY_40_BIT) != 0 && policy.allow40Bit();
        if (!key128 && !key40) {
            return KEY_128_BIT | STATELESS;
        }
        boolean stateless = (offered & STATELESS) != 0 || !policy.allowStateful();
        return (key128 ? KEY_128_BIT : KEY_40_BIT) | (stateless ? STATELESS : 0);
    }

    /** The mode a single acceptable value names. */
    public static MppeMode mode(int bits) {
        MppeMode.KeyLength key = (bits & KEY_128_BIT) != 0 ? MppeMode.KeyLength.BITS_128 : MppeMode.KeyLength.BITS_40;
        return new MppeMode(key, (bits & STATELESS) != 0);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "mppe";
    }

    @Override
    public Optional<byte[]> request() {
        return rejected ? Optional.empty() : Optional.of(OptionValues.int32(requested));
    }

    @Override
    public Verdict review(byte[] peerValue) {
        if (peerValue.length != 4) {
            return Verdict.REJECT;
        }
        int offered = OptionValues.int32(peerValue);
        int acceptable = narrow(offered);
        return acceptable == offered ? Verdict.ACK : Verdict.nak(OptionValues.int32(acceptable));
    }

    @Override
    public void acked(byte[] value) {
        ours = mode(OptionValues.int32(value));
    }

    /** We follow a suggestion as far as the policy allows, and keep insisting beyond that. */
    @Override
    public void naked(byte[] hint) {
        if (hint.length == 4) {
            requested = narrow(OptionValues.int32(hint));
        }
    }

    @Override
    public void rejected() {
        rejected = true;
        ours = null;
    }

    @Override
    public void peerAcked(byte[] value) {
        peers = mode(OptionValues.int32(value));
    }

    @Override
    public void peerAbsent() {
        peers = null;
    }

    @Override
    public void reset() {
        requested = narrow(KEY_128_BIT | STATELESS);
        rejected = false;
        ours = null;
        peers = null;
    }

    /** pppd's notation: {@code mppe +H -M +S -L -D -C}. */
    @Override
    public String describe(byte[] value) {
        if (value.length != 4) {
            return OptionHandler.super.describe(value);
        }
        int bits = OptionValues.int32(value);
        return "mppe " + flag(bits, STATELESS, 'H') + " " + flag(bits, KEY_56_BIT, 'M') + " "
                + flag(bits, KEY_128_BIT, 'S') + " " + flag(bits, KEY_40_BIT, 'L') + " " + flag(bits, OBSOLETE_D, 'D')
                + " " + flag(bits, COMPRESSION_MPPC, 'C');
    }

    private static String flag(int bits, int bit, char name) {
        return ((bits & bit) != 0 ? "+" : "-") + name;
    }
}
