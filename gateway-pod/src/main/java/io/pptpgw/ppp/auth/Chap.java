package io.pptpgw.ppp.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The CHAP packet format that CHAP-MD5 and MS-CHAPv2 share (RFC 1994 §4, RFC 2759 §3-6): the codes, and the
 * Value-Size / Value / Name layout of Challenge and Response, parsed with every length checked first.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Code      |  Identifier   |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Value-Size   |  Value ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Name ...
 * </pre>
 */
final class Chap {
    static final int CHALLENGE = 1;
    static final int RESPONSE = 2;
    static final int SUCCESS = 3;
    static final int FAILURE = 4;

    private Chap() {}

    /** The data of a Challenge or Response. */
    record ValueAndName(byte[] value, byte[] name) {}

    /** The Value and Name, or {@code null} when the Value-Size is zero or runs past the data. */
    static ValueAndName parse(byte[] data) {
        if (data.length < 1) {
            return null;
        }
        int valueSize = data[0] & 0xFF;
        if (valueSize == 0 || 1 + valueSize > data.length) {
            return null;
        }
        return new ValueAndName(
                Arrays.copyOfRange(data, 1, 1 + valueSize), Arrays.copyOfRange(data, 1 + valueSize, data.length));
    }

    static byte[] encode(byte[] value, byte[] name) {
        byte[] data = new byte[1 + value.length + name.length];
        data[0] = (byte) value.length;
        System.arraycopy(value, 0, data, 1, value.length);
        System.arraycopy(name, 0, data, 1 + value.length, name.length);
        return data;
    }

    /** Why {@link #parse} refused the data, for a log line. */
    static String whyMalformed(byte[] data) {
        return data.length < 1
                ? "has no Value-Size"
                : "has Value-Size " + (data[0] & 0xFF) + " in " + data.length + " octets of data";
    }

    /** Peer-supplied text made safe to log: UTF-8, control characters replaced, at most 128 characters. */
    static String printable(byte[] text) {
        String decoded = new String(text, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return decoded.length() > 128 ? decoded.substring(0, 128) + "..." : decoded;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
