package io.pptpgw.lab.topology;

import java.util.Arrays;
import java.util.List;

/** One end of a veth link: the host (namespace) it lives in, its interface name there, and its addresses. */
public record Endpoint(String host, String interfaceName, List<Cidr> addresses) {
    public Endpoint {
        addresses = List.copyOf(addresses);
    }

    /** An end with the given addresses, e.g. {@code Endpoint.of("node", "wan1", "203.0.113.2/24")}. */
    public static Endpoint of(String host, String interfaceName, String... addresses) {
        return new Endpoint(
                host, interfaceName, Arrays.stream(addresses).map(Cidr::parse).toList());
    }

    @Override
    public String toString() {
        return host + ":" + interfaceName + (addresses.isEmpty() ? "" : " " + addresses);
    }
}
