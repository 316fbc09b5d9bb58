package io.pptpgw.ppp.ccp;

/**
 * The MPPE variant agreed for a link (RFC 3078 §2): the session key length and whether the key changes with every
 * packet (stateless, H bit) or every 256 packets with resynchronisation after loss (stateful).
 */
public record MppeMode(KeyLength keyLength, boolean stateless) {
    public enum KeyLength {
        BITS_40(40),
        BITS_128(128);

        private final int bits;

        KeyLength(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }
    }

    public MppeMode {
        java.util.Objects.requireNonNull(keyLength, "keyLength");
    }

    @Override
    public String toString() {
        return "MPPE-" + keyLength.bits + (stateless ? " stateless" : " stateful");
    }
}
