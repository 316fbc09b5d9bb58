package io.pptpgw.lab.topology;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A route in a namespace's main table: a destination network, reached through a gateway, a device, or both.
 * A destination of {@code 0.0.0.0/0} is the default route.
 */
public record Route(Cidr destination, Optional<Inet4Address> via, Optional<String> device) {
    public Route {
        if (!destination.isNetwork()) {
            throw new IllegalArgumentException(
                    "route destination " + destination + " has host bits set; the network is " + destination.network());
        }
        if (via.isEmpty() && device.isEmpty()) {
            throw new IllegalArgumentException("route to " + destination + " names neither a gateway nor a device");
        }
    }

    /** {@code default via <gateway>}. */
    public static Route defaultVia(String gateway) {
        return to("0.0.0.0/0", gateway);
    }

    /** {@code <network> via <gateway>}. */
    public static Route to(String network, String gateway) {
        return new Route(Cidr.parse(network), Optional.of(Cidr.parseAddress(gateway)), Optional.empty());
    }

    /** {@code <network> dev <device>}: an on-link route. */
    public static Route onLink(String network, String device) {
        return new Route(Cidr.parse(network), Optional.empty(), Optional.of(device));
    }

    /** The arguments after {@code ip route add}. */
    public List<String> arguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add(destination.isDefault() ? "default" : destination.toString());
        via.ifPresent(gateway -> arguments.addAll(List.of("via", gateway.getHostAddress())));
        device.ifPresent(name -> arguments.addAll(List.of("dev", name)));
        return List.copyOf(arguments);
    }

    @Override
    public String toString() {
        return String.join(" ", arguments());
    }
}
