package io.pptpgw.lab.topology;

import java.util.Arrays;
import java.util.List;

/**
 * A Linux bridge inside a host: a shared segment whose ports are that host's veth ends, like a switch. The
 * bridge itself may carry addresses (a router's LAN side); its ports carry none.
 */
public record Bridge(String name, List<String> ports, List<Cidr> addresses) {
    public Bridge {
        ports = List.copyOf(ports);
        addresses = List.copyOf(addresses);
    }

    /** A bridge over {@code ports} with the given addresses, e.g. {@code Bridge.of("lan", List.of("lan1", "lan2"), "192.168.1.1/24")}. */
    public static Bridge of(String name, List<String> ports, String... addresses) {
        return new Bridge(name, ports, Arrays.stream(addresses).map(Cidr::parse).toList());
    }
}
