package io.pptpgw.sys;

/** IPv4 addresses as the data path holds them: an {@code int} in network order ({@code 10.0.0.1} is 0x0A000001). */
public final class Ipv4 {
    private Ipv4() {}

    /** Parses dotted-quad notation strictly: four decimal octets, no leading zeros, no host names. */
    public static int parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("IPv4 address \"" + text + "\" does not have four dotted octets");
        }
        int address = 0;
        for (String part : parts) {
            if (part.isEmpty()
                    || part.length() > 3
                    || (part.length() > 1 && part.charAt(0) == '0')
                    || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException(
                        "IPv4 address \"" + text + "\" has octet \"" + part + "\", not a decimal 0..255");
            }
            address = address << 8 | Integer.parseInt(part);
        }
        return address;
    }

    public static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }
}
