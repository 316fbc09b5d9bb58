package io.pptpgw.lab.topology;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Every rule a topology must meet, checked at once so that one message lists every problem. */
final class TopologyCheck {
    /** Short enough that {@code pptpgw-<host>} fits IFNAMSIZ (15 characters), as the CLI's lab names it. */
    static final Pattern HOST_NAME = Pattern.compile("[a-z][a-z0-9]{0,7}");
    /** IFNAMSIZ is 16 bytes with the terminating NUL; iproute2 also refuses '/', ':' and whitespace. */
    static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private static final Pattern TOPOLOGY_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SYSCTL_KEY = Pattern.compile("[a-z0-9_]+(\\.[A-Za-z0-9_-]+)+");
    private static final Pattern SYSCTL_VALUE = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final List<String> problems = new ArrayList<>();

    private TopologyCheck() {}

    static List<String> problems(String name, List<Host> hosts, List<Link> links) {
        TopologyCheck check = new TopologyCheck();
        check.require(TOPOLOGY_NAME.matcher(name).matches(), "name '" + name + "' must match " + TOPOLOGY_NAME);
        check.require(!hosts.isEmpty(), "it has no hosts");
        check.hosts(hosts);
        Set<String> hostNames = new HashSet<>(hosts.stream().map(Host::name).toList());
        for (Link link : links) {
            check.endpoint(link.a(), hostNames);
            check.endpoint(link.b(), hostNames);
        }
        for (Host host : hosts) {
            List<Endpoint> ends = links.stream()
                    .flatMap(link -> Stream.of(link.a(), link.b()))
                    .filter(end -> end.host().equals(host.name()))
                    .toList();
            check.interfaces(host, ends);
            check.sysctls(host);
            check.routes(host, ends);
        }
        return List.copyOf(check.problems);
    }

    private void hosts(List<Host> hosts) {
        Set<String> seen = new HashSet<>();
        for (Host host : hosts) {
            require(
                    HOST_NAME.matcher(host.name()).matches(),
                    "host name '" + host.name() + "' must match " + HOST_NAME + " (at most 8 characters)");
            require(seen.add(host.name()), "host '" + host.name() + "' is declared twice");
        }
    }

    private void endpoint(Endpoint end, Set<String> hostNames) {
        require(hostNames.contains(end.host()), "link end " + end + " names no declared host");
        require(
                INTERFACE_NAME.matcher(end.interfaceName()).matches()
                        && !end.interfaceName().equals("lo"),
                "interface name '" + end.interfaceName() + "' of host " + end.host() + " must match " + INTERFACE_NAME
                        + " (IFNAMSIZ) and not be 'lo'");
    }

    private void interfaces(Host host, List<Endpoint> ends) {
        Set<String> names = new HashSet<>();
        for (Endpoint end : ends) {
            require(
                    names.add(end.interfaceName()),
                    "host " + host.name() + " has two interfaces named " + end.interfaceName());
        }
        Set<String> bridged = new HashSet<>();
        for (Bridge bridge : host.bridges()) {
            require(
                    INTERFACE_NAME.matcher(bridge.name()).matches() && names.add(bridge.name()),
                    "bridge '" + bridge.name() + "' of host " + host.name()
                            + " needs a valid interface name used by nothing else in that host");
            for (String port : bridge.ports()) {
                Endpoint end = ends.stream()
                        .filter(e -> e.interfaceName().equals(port))
                        .findFirst()
                        .orElse(null);
                require(
                        end != null,
                        "bridge " + bridge.name() + " of host " + host.name() + " has port " + port
                                + ", which is no veth end of that host");
                require(bridged.add(port), "port " + port + " of host " + host.name() + " is in two bridges");
                require(
                        end == null || end.addresses().isEmpty(),
                        "bridge port " + port + " of host " + host.name() + " has addresses; put them on the bridge "
                                + bridge.name());
            }
        }
    }

    private void sysctls(Host host) {
        for (Map.Entry<String, String> sysctl : host.sysctls().entrySet()) {
            require(
                    SYSCTL_KEY.matcher(sysctl.getKey()).matches()
                            && SYSCTL_VALUE.matcher(sysctl.getValue()).matches(),
                    "sysctl " + sysctl.getKey() + "=" + sysctl.getValue() + " of host " + host.name() + " must match "
                            + SYSCTL_KEY + "=" + SYSCTL_VALUE);
        }
    }

    private void routes(Host host, List<Endpoint> ends) {
        Map<String, List<Cidr>> connected = new LinkedHashMap<>();
        ends.forEach(end -> connected.put(end.interfaceName(), end.addresses()));
        host.bridges().forEach(bridge -> connected.put(bridge.name(), bridge.addresses()));
        for (Route route : host.routes()) {
            route.device()
                    .ifPresent(device -> require(
                            connected.containsKey(device),
                            "route " + route + " of host " + host.name() + " uses device " + device
                                    + ", which that host does not have"));
            route.via()
                    .ifPresent(gateway -> require(
                            onLink(
                                    gateway,
                                    route.device()
                                            .map(d -> connected.getOrDefault(d, List.of()))
                                            .orElseGet(() -> connected.values().stream()
                                                    .flatMap(List::stream)
                                                    .toList())),
                            "route " + route + " of host " + host.name() + ": gateway " + gateway.getHostAddress()
                                    + " is on none of that host's connected networks " + connected));
        }
    }

    private static boolean onLink(Inet4Address gateway, List<Cidr> networks) {
        return networks.stream().anyMatch(network -> network.contains(gateway));
    }

    private void require(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
