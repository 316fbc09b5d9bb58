package io.pptpgw.net;

/**
 * An IPv4 prefix in canonical form: the network address has no host bits set ({@code 10.250.0.0/24}, never
 * {@code 10.250.0.1/24}), so two equal prefixes always print the same.
 */
public record Cidr(Ipv4Address network, int prefixLength) implements NetValue {
    public Cidr {
        if (network == null) {
            throw new IllegalArgumentException("CIDR network address is missing");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("CIDR " + network + "/" + prefixLength + " has prefix length "
                    + prefixLength + "; it must be 0 to 32");
        }
        if ((network.bits() & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException(
                    "CIDR " + network + "/" + prefixLength + " has host bits set; the network is "
                            + new Ipv4Address(network.bits() & mask(prefixLength)) + "/" + prefixLength);
        }
    }

    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR is missing");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("CIDR \"" + text + "\" needs a prefix length, like 10.250.0.0/24");
        }
        Ipv4Address address = Ipv4Address.parse(text.substring(0, slash));
        String length = text.substring(slash + 1);
        if (length.isEmpty() || length.length() > 2 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "CIDR \"" + text + "\" has prefix length \"" + length + "\"; it must be 0 to 32");
        }
        return new Cidr(address, Integer.parseInt(length));
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    /** Every address of the prefix, including network and broadcast. */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    /** The last address of the prefix (the broadcast address for prefixes up to /30). */
    public Ipv4Address last() {
        return network.plus(size() - 1);
    }

    public boolean contains(Ipv4Address address) {
        return (address.bits() & mask(prefixLength)) == network.bits();
    }

    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.network) || other.contains(network);
    }

    @Override
    public String toString() {
        return network + "/" + prefixLength;
    }
}
