package io.pptpgw.ppp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A PPP control packet as LCP, IPCP, CCP, PAP and CHAP share it (RFC 1661 §5): Code, Identifier, Length, Data.
 * Control packets are rare, so the data is a heap copy owned by the record: no reference counting crosses layers.
 *
 * <pre>
 *  0                   1                   2                   3
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     Code      |  Identifier   |            Length             |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |    Data ...
 * </pre>
 */
public record ControlPacket(int code, int identifier, byte[] data) {
    public static final int HEADER_LENGTH = 4;

    public ControlPacket {
        if (code < 0 || code > 0xFF) {
            throw new IllegalArgumentException("code " + code + " is not an octet");
        }
        if (identifier < 0 || identifier > 0xFF) {
            throw new IllegalArgumentException("identifier " + identifier + " is not an octet");
        }
        if (data.length > 0xFFFF - HEADER_LENGTH) {
            throw new IllegalArgumentException("data of " + data.length + " bytes exceeds the 16-bit Length field");
        }
    }

    public int length() {
        return HEADER_LENGTH + data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlPacket p
                && p.code == code
                && p.identifier == identifier
                && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * code + identifier) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ControlPacket[code=" + code + " id=0x" + Integer.toHexString(identifier) + " data="
                + HexFormat.of().formatHex(data) + "]";
    }
}
