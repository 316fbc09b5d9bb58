package io.pptpgw.ppp.option;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One configuration option as it travels (RFC 1661 §6): Type, Length, then the value. The value is a copy owned by the
 * record.
 *
 * <pre>
 *  0                   1                   2
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |    Length     |  Value ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public record Option(int type, byte[] value) {
    public static final int HEADER_LENGTH = 2;
    public static final int MAXIMUM_VALUE_LENGTH = 0xFF - HEADER_LENGTH;

    public Option {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("option type " + type + " is not an octet");
        }
        if (value.length > MAXIMUM_VALUE_LENGTH) {
            throw new IllegalArgumentException("option " + type + " value of " + value.length + " bytes exceeds the "
                    + MAXIMUM_VALUE_LENGTH + " an 8-bit Length field allows");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The Length field: the whole option, header included. */
    public int length() {
        return HEADER_LENGTH + value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Option other && other.type == type && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Option[type=" + type + " value=" + HexFormat.of().formatHex(value) + "]";
    }
}
