package io.pptpgw.ppp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PPP protocol numbers this gateway meets (RFC 1661 §2, IANA "PPP DLL Protocol Numbers"), with the short names
 * pppd prints in its packet logs.
 */
public enum PppProtocol {
    IP(0x0021, "IP"),
    IPV6(0x0057, "IPv6"),
    /** RFC 1962 §2: a datagram compressed or encrypted by the method CCP negotiated, here MPPE. */
    COMPRESSED_DATAGRAM(0x00FD, "Compressed"),
    IPCP(0x8021, "IPCP"),
    IPV6CP(0x8057, "IPV6CP"),
    CCP(0x80FD, "CCP"),
    LCP(0xC021, "LCP"),
    PAP(0xC023, "PAP"),
    LINK_QUALITY_REPORT(0xC025, "LQR"),
    CALLBACK_CONTROL(0xC029, "CBCP"),
    CHAP(0xC223, "CHAP");

    private static final Map<Integer, PppProtocol> BY_NUMBER = new HashMap<>();

    static {
        for (PppProtocol protocol : values()) {
            BY_NUMBER.put(protocol.number, protocol);
        }
    }

    private final int number;
    private final String logName;

    PppProtocol(int number, String logName) {
        this.number = number;
        this.logName = logName;
    }

    public int number() {
        return number;
    }

    public String logName() {
        return logName;
    }

    public static Optional<PppProtocol> fromNumber(int number) {
        return Optional.ofNullable(BY_NUMBER.get(number));
    }

    /** The log name of a known protocol, else its number in hex, e.g. {@code 0x8281}. */
    public static String nameOf(int number) {
        PppProtocol known = BY_NUMBER.get(number);
        return known != null ? known.logName : String.format("0x%04x", number);
    }

    /**
     * RFC 1661 §2: a protocol number is odd in its least significant octet and even in its most significant one.
     */
    public static boolean isValidNumber(int number) {
        return number > 0 && number <= 0xFFFF && (number & 0x0101) == 0x0001;
    }
}
