package io.pptpgw.lab.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A network to build from namespaces: hosts (one namespace each) joined by veth {@link Link}s. It is a value,
 * validated as a whole when constructed, so a lab never half-builds a topology that could not work; change it with
 * the {@code with...} methods, which return a new topology. {@link Topologies} has the standard ones.
 */
public record Topology(String name, List<Host> hosts, List<Link> links) {
    public Topology {
        hosts = List.copyOf(hosts);
        links = List.copyOf(links);
        List<String> problems = TopologyCheck.problems(name, hosts, links);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "topology " + name + " is invalid:\n  - " + String.join("\n  - ", problems));
        }
    }

    public List<String> hostNames() {
        return hosts.stream().map(Host::name).toList();
    }

    public Host host(String hostName) {
        return hosts.stream()
                .filter(h -> h.name().equals(hostName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "topology " + name + " has no host '" + hostName + "'; its hosts are " + hostNames()));
    }

    /** The veth ends that live in a host, in link order. */
    public List<Endpoint> endpoints(String hostName) {
        return links.stream()
                .flatMap(link -> Stream.of(link.a(), link.b()))
                .filter(end -> end.host().equals(hostName))
                .toList();
    }

    /** Every interface name of a host: its veth ends, then its bridges. */
    public List<String> interfaces(String hostName) {
        return Stream.concat(
                        endpoints(hostName).stream().map(Endpoint::interfaceName),
                        host(hostName).bridges().stream().map(Bridge::name))
                .toList();
    }

    /** The addresses configured on a host's interface (a veth end or a bridge). */
    public List<Cidr> addresses(String hostName, String interfaceName) {
        Stream<List<Cidr>> ofEnds = endpoints(hostName).stream()
                .filter(end -> end.interfaceName().equals(interfaceName))
                .map(Endpoint::addresses);
        Stream<List<Cidr>> ofBridges = host(hostName).bridges().stream()
                .filter(bridge -> bridge.name().equals(interfaceName))
                .map(Bridge::addresses);
        return Stream.concat(ofEnds, ofBridges)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("host " + hostName + " of topology " + name
                        + " has no interface '" + interfaceName + "'; it has " + interfaces(hostName)));
    }

    /** The first address of a host's interface, e.g. {@code address("node", "wan1")} is {@code 203.0.113.2/24}. */
    public Cidr address(String hostName, String interfaceName) {
        List<Cidr> addresses = addresses(hostName, interfaceName);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException(
                    "interface " + interfaceName + " of host " + hostName + " in topology " + name + " has no address");
        }
        return addresses.getFirst();
    }

    public Topology withHost(Host host) {
        List<Host> next = new ArrayList<>(hosts);
        int index = hostNames().indexOf(host.name());
        if (index < 0) {
            next.add(host);
        } else {
            next.set(index, host);
        }
        return new Topology(name, next, links);
    }

    public Topology withLink(Link link) {
        List<Link> next = new ArrayList<>(links);
        next.add(link);
        return new Topology(name, hosts, next);
    }

    /** This topology with one host changed, e.g. {@code withHost("nat", h -> h.withRoute(...))}. */
    public Topology withHost(String hostName, UnaryOperator<Host> change) {
        List<Host> next = hosts.stream()
                .map(h -> h.name().equals(hostName) ? change.apply(h) : h)
                .toList();
        host(hostName);
        return new Topology(name, next, links);
    }

    public Topology withRoute(String hostName, Route route) {
        return withHost(hostName, h -> h.withRoute(route));
    }

    public Topology withName(String newName) {
        return new Topology(newName, hosts, links);
    }
}
