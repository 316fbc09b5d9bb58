package io.pptpgw.mppe;

/**
 * The negotiated MPPE session key strength (RFC 3078 §2 bits L, M, S). 40- and 56-bit keys are eight octets whose
 * leading octets are fixed (RFC 3079 §3.1-3.2), so RC4 is always keyed with {@link #sessionKeyLength()} octets.
 */
public enum KeyStrength {
    BITS_40(8),
    BITS_56(8),
    BITS_128(16);

    private final int sessionKeyLength;

    KeyStrength(int sessionKeyLength) {
        this.sessionKeyLength = sessionKeyLength;
    }

    public int sessionKeyLength() {
        return sessionKeyLength;
    }
}
