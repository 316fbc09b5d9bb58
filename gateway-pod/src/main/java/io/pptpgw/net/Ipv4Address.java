package io.pptpgw.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 address, parsed strictly from dotted-quad text (four decimal octets, no leading zeros). */
public record Ipv4Address(int bits) implements NetValue, Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);

    public static Ipv4Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("IPv4 address is missing");
        }
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException(
                    "IPv4 address \"" + text + "\" must be four dot-separated decimal octets like 192.0.2.1");
        }
        int bits = 0;
        for (String octet : octets) {
            bits = (bits << 8) | octet(text, octet);
        }
        return new Ipv4Address(bits);
    }

    private static int octet(String text, String octet) {
        if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "IPv4 address \"" + text + "\" has octet \"" + octet + "\"; each octet is 0 to 255 in decimal");
        }
        if (octet.length() > 1 && octet.charAt(0) == '0') {
            // "010" is octal to inet_aton but decimal to most readers: refuse the ambiguity.
            throw new IllegalArgumentException(
                    "IPv4 address \"" + text + "\" has octet \"" + octet + "\" with a leading zero");
        }
        int value = Integer.parseInt(octet);
        if (value > 255) {
            throw new IllegalArgumentException(
                    "IPv4 address \"" + text + "\" has octet " + value + "; each octet is 0 to 255");
        }
        return value;
    }

    public static Ipv4Address of(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("address " + address + " is not IPv4");
        }
        byte[] b = address.getAddress();
        return new Ipv4Address(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
    }

    public boolean isUnspecified() {
        return bits == 0;
    }

    /** The address {@code delta} after this one (negative for before), wrapping at 2^32. */
    public Ipv4Address plus(long delta) {
        return new Ipv4Address((int) (Integer.toUnsignedLong(bits) + delta));
    }

    public InetAddress toInetAddress() {
        try {
            return InetAddress.getByAddress(
                    new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
