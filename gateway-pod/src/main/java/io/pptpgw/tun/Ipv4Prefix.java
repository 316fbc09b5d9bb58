package io.pptpgw.tun;

import io.pptpgw.sys.Ipv4;

/**
 * An IPv4 address with a prefix length, as {@code 10.250.0.1/24}: an interface address (host bits set) or, through
 * {@link #network()}, the route it implies. The address is an {@code int} in network order.
 */
public record Ipv4Prefix(int address, int prefixLength) {
    public Ipv4Prefix {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException(
                    "prefix length " + prefixLength + " of " + Ipv4.format(address) + " is outside 0..32");
        }
    }

    /** Parses {@code a.b.c.d/n}. */
    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 prefix like 10.250.0.0/24");
        }
        String length = text.substring(slash + 1);
        if (length.isEmpty() || length.length() > 2 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + text + "\" has prefix length \"" + length + "\", not 0..32");
        }
        return new Ipv4Prefix(Ipv4.parse(text.substring(0, slash)), Integer.parseInt(length));
    }

    public int netmask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** The prefix with the host bits cleared: {@code 10.250.0.0/24} for {@code 10.250.0.1/24}. */
    public Ipv4Prefix network() {
        return new Ipv4Prefix(address & netmask(), prefixLength);
    }

    public boolean contains(int other) {
        return (other & netmask()) == (address & netmask());
    }

    @Override
    public String toString() {
        return Ipv4.format(address) + "/" + prefixLength;
    }
}
