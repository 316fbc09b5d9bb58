package io.pptpgw.lab.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One network namespace of a topology, by its role name ({@code client}, {@code node}, ...): the sysctls set in it
 * before its interfaces appear, its bridges, its routes, and an nftables ruleset loaded last ({@code ""} for none).
 * Its veth ends are declared by the topology's {@link Link}s.
 */
public record Host(
        String name, Map<String, String> sysctls, List<Bridge> bridges, List<Route> routes, String nftRuleset) {
    public static final String IP_FORWARD = "net.ipv4.ip_forward";
    public static final String RP_FILTER_ALL = "net.ipv4.conf.all.rp_filter";
    public static final String RP_FILTER_DEFAULT = "net.ipv4.conf.default.rp_filter";

    public Host {
        sysctls = Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
        bridges = List.copyOf(bridges);
        routes = List.copyOf(routes);
    }

    /** A host with no sysctls, bridges, routes or rules. */
    public static Host named(String name) {
        return new Host(name, Map.of(), List.of(), List.of(), "");
    }

    public Host withSysctl(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(sysctls);
        next.put(key, value);
        return new Host(name, next, bridges, routes, nftRuleset);
    }

    /** Turns IPv4 forwarding on: the host routes between its interfaces. */
    public Host forwarding() {
        return withSysctl(IP_FORWARD, "1");
    }

    /**
     * Sets reverse-path filtering for every interface (RFC 3704): 1 strict (a packet must arrive on the interface
     * the reply would leave by), 2 loose (its source must be routable at all), 0 off.
     */
    public Host reversePathFilter(int mode) {
        return withSysctl(RP_FILTER_ALL, Integer.toString(mode)).withSysctl(RP_FILTER_DEFAULT, Integer.toString(mode));
    }

    public Host withBridge(Bridge bridge) {
        return new Host(name, sysctls, append(bridges, bridge), routes, nftRuleset);
    }

    public Host withRoute(Route route) {
        return new Host(name, sysctls, bridges, append(routes, route), nftRuleset);
    }

    public Host withNftRuleset(String ruleset) {
        return new Host(name, sysctls, bridges, routes, ruleset);
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> next = new ArrayList<>(list);
        next.add(element);
        return next;
    }
}
