package io.pptpgw.testing;

import java.util.HexFormat;

/** Hex in test vectors: whitespace, line breaks and {@code #} comments to the end of a line are ignored. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String hex) {
        StringBuilder digits = new StringBuilder();
        for (String line : hex.split("\n")) {
            int comment = line.indexOf('#');
            digits.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s+", ""));
        }
        return HexFormat.of().parseHex(digits);
    }

    public static String string(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
