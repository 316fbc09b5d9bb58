package io.pptpgw.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The NT password hash (RFC 2759 §8.3: MD4 of the password in UTF-16LE), either computed from a password or read
 * from the {@code nthash:<32 hex digits>} notation the users file accepts. Error messages never repeat the value.
 */
public final class NtHash {
    public static final String NOTATION_PREFIX = "nthash:";
    public static final int LENGTH = Md4.DIGEST_LENGTH;

    private NtHash() {}

    public static byte[] ofPassword(String password) {
        return Md4.digest(password.getBytes(StandardCharsets.UTF_16LE));
    }

    public static boolean isNotation(String value) {
        return value.startsWith(NOTATION_PREFIX);
    }

    /**
     * @throws IllegalArgumentException if the text after the prefix is not exactly 32 hexadecimal digits
     */
    public static byte[] parseNotation(String value) {
        if (!isNotation(value)) {
            throw new IllegalArgumentException("an NT hash is written " + NOTATION_PREFIX + "<32 hex digits>");
        }
        String hex = value.substring(NOTATION_PREFIX.length()).strip();
        if (hex.length() != 2 * LENGTH || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("an NT hash after " + NOTATION_PREFIX + " must be exactly " + 2 * LENGTH
                    + " hexadecimal digits (it has " + hex.length() + " characters)");
        }
        return HexFormat.of().parseHex(hex);
    }
}
