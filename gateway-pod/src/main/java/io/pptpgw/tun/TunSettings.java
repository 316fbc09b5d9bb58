package io.pptpgw.tun;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How to create and configure a TUN interface: its name, MTU, optional address (the address with its prefix also
 * routes that subnet to the device), more prefixes to route to it (the client pool), and whether it has several
 * queues (IFF_MULTI_QUEUE) for several reading workers.
 */
public record TunSettings(String name, int mtu, Ipv4Prefix address, List<Ipv4Prefix> routes, boolean multiQueue) {
    /** IFNAMSIZ is 16 with the terminating NUL; the characters are those safe in any tool's arguments. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    public TunSettings {
        if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("interface name \"" + name
                    + "\" must be 1..15 characters of A-Z a-z 0-9 _ . - (IFNAMSIZ), and not . or ..");
        }
        if (mtu < 68 || mtu > 65_535) {
            throw new IllegalArgumentException("MTU " + mtu + " of " + name + " is outside 68..65535 (RFC 791)");
        }
        routes = List.copyOf(routes);
    }

    public static TunSettings of(String name, int mtu) {
        return new TunSettings(name, mtu, null, List.of(), false);
    }

    public TunSettings withAddress(Ipv4Prefix address) {
        return new TunSettings(name, mtu, address, routes, multiQueue);
    }

    public TunSettings withRoutes(List<Ipv4Prefix> routes) {
        return new TunSettings(name, mtu, address, routes, multiQueue);
    }

    public TunSettings withMultiQueue(boolean multiQueue) {
        return new TunSettings(name, mtu, address, routes, multiQueue);
    }
}
