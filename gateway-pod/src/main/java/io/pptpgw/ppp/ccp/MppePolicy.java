package io.pptpgw.ppp.ccp;

/**
 * What encryption a link insists on, and what it asks for.
 *
 * <p>Stateless 128-bit MPPE is what every side asks for unless told otherwise. Allowing stateful mode or 40-bit keys
 * lets a peer that asks for them have them; preferring one makes this side ask for it (and insist, by Nak, on the
 * peer's request too, so both directions agree) until the peer refuses it. A client that wants stateful or 40-bit MPPE
 * prefers it; the gateway allows, and prefers stateful only when configured to ({@code mppe.preferStateful}).
 *
 * @param encryption whether MPPE must, may or must not be negotiated
 * @param allowStateful whether stateful MPPE (no H bit) may be agreed
 * @param allow40Bit whether 40-bit keys may be agreed
 * @param preferred the mode this side asks for; within what the two flags allow
 */
public record MppePolicy(Encryption encryption, boolean allowStateful, boolean allow40Bit, MppeMode preferred) {
    /** Stateless 128-bit: the mode asked for unless a policy prefers another. */
    public static final MppeMode STATELESS_128 = new MppeMode(MppeMode.KeyLength.BITS_128, true);

    public enum Encryption {
        /** MPPE or no link: a peer that will not do MPPE is terminated. */
        REQUIRED,
        /** MPPE when the peer agrees, unencrypted IP otherwise. */
        OPTIONAL,
        /** No CCP at all: a peer's CCP is answered with Protocol-Reject. */
        OFF
    }

    public MppePolicy {
        java.util.Objects.requireNonNull(encryption, "encryption");
        java.util.Objects.requireNonNull(preferred, "preferred");
        if (!preferred.stateless() && !allowStateful) {
            throw new IllegalArgumentException("preferred MPPE mode " + preferred + " is stateful, which the policy"
                    + " does not allow (allowStateful is false)");
        }
        if (preferred.keyLength() == MppeMode.KeyLength.BITS_40 && !allow40Bit) {
            throw new IllegalArgumentException(
                    "preferred MPPE mode " + preferred + " has 40-bit keys, which the policy does not allow");
        }
    }

    /** A policy that asks for stateless 128-bit MPPE. */
    public MppePolicy(Encryption encryption, boolean allowStateful, boolean allow40Bit) {
        this(encryption, allowStateful, allow40Bit, STATELESS_128);
    }

    /** Required, stateless, 128-bit only. */
    public static MppePolicy defaults() {
        return new MppePolicy(Encryption.REQUIRED, false, false);
    }

    /** This policy asking for {@code mode}, and allowing it. */
    public MppePolicy preferring(MppeMode mode) {
        return new MppePolicy(
                encryption,
                allowStateful || !mode.stateless(),
                allow40Bit || mode.keyLength() == MppeMode.KeyLength.BITS_40,
                mode);
    }
}
