package io.pptpgw.lab.topology;

import java.net.Inet4Address;
import java.util.regex.Pattern;

/**
 * An IPv4 address with a prefix length, as {@code ip address add} and {@code ip route add} take it:
 * {@code 203.0.113.2/24} is an interface address, {@code 10.0.0.0/24} a network. The lab is IPv4 only.
 */
public record Cidr(Inet4Address address, int prefixLength) {
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException(
                    "prefix length " + prefixLength + " of " + address.getHostAddress() + " is outside 0..32");
        }
    }

    /** Parses {@code a.b.c.d/n}; {@code a.b.c.d} alone means a host ({@code /32}). */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        int length = slash < 0 ? 32 : parseLength(text, text.substring(slash + 1));
        return new Cidr(parseAddress(addressText), length);
    }

    /** Parses a dotted-quad IPv4 address, never consulting DNS. */
    public static Inet4Address parseAddress(String text) {
        if (!DOTTED_QUAD.matcher(text).matches()) {
            throw new IllegalArgumentException("address '" + text + "' is not a dotted-quad IPv4 address");
        }
        try {
            return Inet4Address.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address '" + text + "' has an octet above 255", e);
        }
    }

    private static int parseLength(String text, String length) {
        if (!length.matches("\\d{1,2}")) {
            throw new IllegalArgumentException("prefix length '" + length + "' of '" + text + "' is not a number");
        }
        return Integer.parseInt(length);
    }

    /** The network this address lies in, host bits cleared: {@code 203.0.113.2/24} gives {@code 203.0.113.0/24}. */
    public Cidr network() {
        return new Cidr(toAddress(bits(address) & mask()), prefixLength);
    }

    public boolean isNetwork() {
        return (bits(address) & ~mask()) == 0;
    }

    public boolean isDefault() {
        return prefixLength == 0;
    }

    public boolean contains(Inet4Address other) {
        return (bits(other) & mask()) == (bits(address) & mask());
    }

    /** The address alone, as commands take it: {@code 203.0.113.2}. */
    public String addressText() {
        return address.getHostAddress();
    }

    @Override
    public String toString() {
        return addressText() + "/" + prefixLength;
    }

    private int mask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    private static int bits(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    private static Inet4Address toAddress(int bits) {
        return Inet4Address.ofLiteral(
                (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF));
    }
}
