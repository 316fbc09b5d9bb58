package io.pptpgw.pptp.control;

import io.netty.buffer.ByteBuf;
import java.util.function.ToIntFunction;

/**
 * The field kinds of RFC 2637 §2 as checks for compact constructors and a writer for the fixed-size strings:
 * unsigned octets, words and longwords, and ASCII strings padded with NUL octets to their field's size.
 */
final class WireFields {
    private WireFields() {}

    static int unsigned8(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " " + value + " does not fit the 8-bit field (0..255)");
        }
        return value;
    }

    static int unsigned16(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(field + " " + value + " does not fit the 16-bit field (0..65535)");
        }
        return value;
    }

    static long unsigned32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " " + value + " does not fit the 32-bit field (0..4294967295)");
        }
        return value;
    }

    /**
     * Printable ASCII only (0x20 to 0x7E), at most {@code fieldLength} characters: the RFC's strings are host names,
     * vendor names and phone numbers, and anything else would reach our logs unescaped.
     */
    static String ascii(String field, String value, int fieldLength) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is null; send an empty string for an empty field");
        }
        if (value.length() > fieldLength) {
            throw new IllegalArgumentException(field + " \"" + value + "\" has " + value.length()
                    + " characters; the field holds at most " + fieldLength);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(field + " \"" + value + "\" has character 0x"
                        + Integer.toHexString(c) + " at " + i + "; only printable ASCII (0x20..0x7e) is allowed");
            }
        }
        return value;
    }

    /** RFC 2637 §2.1: "If less than 64 octets in length, the remainder of this field is filled with octets of value 0." */
    static void writeAscii(ByteBuf out, String value, int fieldLength) {
        for (int i = 0; i < value.length(); i++) {
            out.writeByte(value.charAt(i));
        }
        out.writeZero(fieldLength - value.length());
    }

    /** The constant of a code table whose code is {@code code}, or null when the RFC does not define it. */
    static <K extends Enum<K>> K known(K[] table, ToIntFunction<K> codeOf, int code) {
        for (K known : table) {
            if (codeOf.applyAsInt(known) == code) {
                return known;
            }
        }
        return null;
    }
}
