package io.pptpgw.ppp.ccp;

/**
 * What encryption a link insists on.
 *
 * @param encryption whether MPPE must, may or must not be negotiated
 * @param allowStateful whether stateful MPPE (no H bit) may be agreed; stateless is always preferred
 * @param allow40Bit whether 40-bit keys may be agreed; 128-bit is always preferred
 */
public record MppePolicy(Encryption encryption, boolean allowStateful, boolean allow40Bit) {
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
    }

    /** Required, stateless, 128-bit only. */
    public static MppePolicy defaults() {
        return new MppePolicy(Encryption.REQUIRED, false, false);
    }
}
