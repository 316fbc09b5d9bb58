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
 * +H +S. Our own request names one key length, except where 40-bit keys are allowed but not preferred: then it offers
 * +S +L and the peer Naks it to the one it takes (RFC 3078 §2). A peer held to 40-bit (pppd's require-mppe-40) rejects
 * a request for 128 bits outright and hangs up, so asking for 128 alone would lose it.
 *
 * <p>Stateless or stateful (RFC 3078 §2: H set asks for stateless). An offer with H is agreed stateless even when
 * stateful is allowed: that is what Windows offers (+H with every key length) and expects, what pppd always asks for,
 * and the mode that survives loss. An offer without H is agreed stateful when the policy allows it, as pppd does with
 * {@code mppe-stateful}. A side that prefers stateful (or 40-bit) asks for it and Naks the peer's request to it too,
 * so both directions of the link agree, until the peer Naks it away: then it follows, so negotiation converges.
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
    private boolean statefulRefused;
    private boolean fortyBitRefused;
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
     * The best value within {@code offered} and the policy: our preferred key length and mode where we still insist on
     * them, else 128 over 40 bits, and stateless unless the offer asks for stateful and the policy allows it; what we
     * would ask for ourselves when the offer holds no key length we may use.
     */
    public int narrow(int offered) {
        boolean key128 = (offered & KEY_128_BIT) != 0;
        boolean key40 = (offered & KEY_40_BIT) != 0 && policy.allow40Bit();
        if (!key128 && !key40) {
            return preferredBits();
        }
        int key = prefers40Bit() || !key128 ? KEY_40_BIT : KEY_128_BIT;
        boolean stateless = !prefersStateful() && ((offered & STATELESS) != 0 || !policy.allowStateful());
        return key | (stateless ? STATELESS : 0);
    }

    private int preferredBits() {
        int key = prefers40Bit() ? KEY_40_BIT : policy.allow40Bit() ? KEY_128_BIT | KEY_40_BIT : KEY_128_BIT;
        return key | (prefersStateful() ? 0 : STATELESS);
    }

    private boolean prefersStateful() {
        return !policy.preferred().stateless() && !statefulRefused;
    }

    private boolean prefers40Bit() {
        return policy.preferred().keyLength() == MppeMode.KeyLength.BITS_40 && !fortyBitRefused;
    }

    /** The mode a single acceptable value names (the stronger key, should a peer acknowledge both). */
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

    /**
     * We follow a suggestion as far as the policy allows, and keep insisting beyond that. A suggestion without our
     * preferred stateful mode or 40-bit key is the peer refusing it: we stop insisting on it, in our request and in
     * what we Nak the peer's to.
     */
    @Override
    public void naked(byte[] hint) {
        if (hint.length == 4) {
            int suggested = OptionValues.int32(hint);
            statefulRefused |= prefersStateful() && (suggested & STATELESS) != 0;
            fortyBitRefused |= prefers40Bit() && (suggested & KEY_40_BIT) == 0;
            requested = narrow(suggested);
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
        statefulRefused = false;
        fortyBitRefused = false;
        requested = preferredBits();
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
