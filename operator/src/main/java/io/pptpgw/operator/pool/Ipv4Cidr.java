package io.pptpgw.operator.pool;

import java.util.regex.Pattern;

/**
 * An IPv4 network: a 32-bit address and a prefix length. Parsing is strict (dotted quad, no leading zeros) and the
 * value may have host bits set, so that a check can report them instead of silently masking a user's typo.
 */
public record Ipv4Cidr(int address, int prefixLength) {
    private static final Pattern SYNTAX = Pattern.compile(
            "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}/(\\d{1,2})$");

    public Ipv4Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-32");
        }
    }

    /** Parses {@code a.b.c.d/n}; the message names the text and the rule it breaks. */
    public static Ipv4Cidr parse(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not an IPv4 network in CIDR notation (a.b.c.d/n, n 0-32)");
        }
        int slash = text.indexOf('/');
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix > 32) {
            throw new IllegalArgumentException("\"" + text + "\" has prefix length " + prefix + "; IPv4 allows 0-32");
        }
        String[] octets = text.substring(0, slash).split("\\.");
        int address = 0;
        for (String octet : octets) {
            address = (address << 8) | Integer.parseInt(octet);
        }
        return new Ipv4Cidr(address, prefix);
    }

    public int mask() {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public boolean hasHostBits() {
        return (address & ~mask()) != 0;
    }

    /** The same prefix with the host bits cleared. */
    public Ipv4Cidr network() {
        return new Ipv4Cidr(address & mask(), prefixLength);
    }

    /** Number of addresses, 2^(32 - prefix length). */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    /** Addresses a host can use: all but the network and broadcast address, except in /31 (RFC 3021) and /32. */
    public long usableAddresses() {
        return prefixLength >= 31 ? size() : size() - 2;
    }

    /** Number of sub-networks of {@code subPrefixLength} in this network. */
    public long subnetCount(int subPrefixLength) {
        checkSubPrefix(subPrefixLength);
        return 1L << (subPrefixLength - prefixLength);
    }

    /** The {@code index}-th sub-network of {@code subPrefixLength}, counting from the lowest address. */
    public Ipv4Cidr subnet(long index, int subPrefixLength) {
        checkSubPrefix(subPrefixLength);
        if (index < 0 || index >= subnetCount(subPrefixLength)) {
            throw new IllegalArgumentException(
                    "sub-network " + index + " of /" + subPrefixLength + " is outside " + this);
        }
        long step = 1L << (32 - subPrefixLength);
        return new Ipv4Cidr((int) ((network().address & 0xFFFFFFFFL) + index * step), subPrefixLength);
    }

    /** Where {@code other} sits among this network's sub-networks of its prefix length, or -1 if it does not. */
    public long indexOf(Ipv4Cidr other) {
        if (other.prefixLength < prefixLength || other.hasHostBits() || (other.address & mask()) != network().address) {
            return -1;
        }
        long offset = (other.address & 0xFFFFFFFFL) - (network().address & 0xFFFFFFFFL);
        return offset >> (32 - other.prefixLength);
    }

    private void checkSubPrefix(int subPrefixLength) {
        if (subPrefixLength < prefixLength || subPrefixLength > 32) {
            throw new IllegalArgumentException(
                    "sub-network prefix /" + subPrefixLength + " must be between /" + prefixLength + " and /32");
        }
    }

    @Override
    public String toString() {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF) + "/" + prefixLength;
    }
}
