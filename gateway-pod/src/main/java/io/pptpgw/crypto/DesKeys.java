package io.pptpgw.crypto;

import java.util.Objects;

/**
 * DES key expansion as MS-CHAP uses it (RFC 2759 §8.6, example in §9.3): 56 key bits taken seven at a time, each
 * group becoming the high seven bits of one octet whose low bit makes the octet's parity odd.
 */
public final class DesKeys {
    public static final int RAW_LENGTH = 7;
    public static final int KEY_LENGTH = 8;

    private DesKeys() {}

    /** The eight-octet DES key made from the seven octets at {@code offset}. */
    public static byte[] expand(byte[] raw, int offset) {
        Objects.checkFromIndexSize(offset, RAW_LENGTH, raw.length);
        long bits = 0;
        for (int i = 0; i < RAW_LENGTH; i++) {
            bits = (bits << 8) | (raw[offset + i] & 0xFF);
        }
        byte[] key = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            int seven = (int) (bits >>> (49 - 7 * i)) & 0x7F;
            key[i] = (byte) withOddParity(seven << 1);
        }
        return key;
    }

    private static int withOddParity(int octet) {
        return Integer.bitCount(octet) % 2 == 0 ? octet | 1 : octet;
    }
}
