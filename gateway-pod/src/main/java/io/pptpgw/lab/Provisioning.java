package io.pptpgw.lab;

import io.pptpgw.lab.topology.Bridge;
import io.pptpgw.lab.topology.Endpoint;
import io.pptpgw.lab.topology.Host;
import io.pptpgw.lab.topology.Link;
import io.pptpgw.lab.topology.Route;
import io.pptpgw.lab.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings a topology up in namespaces that already exist, in the order the kernel needs: sysctls first (so
 * interfaces created afterwards inherit the defaults), then the veth pairs (each end created directly in its own
 * namespace, so no name is ever taken in the caller's namespace), then per namespace in one {@code ip -batch}:
 * loopback, bridges, links up, addresses, routes; nftables rules last.
 */
final class Provisioning {
    private static final Duration BRIDGE_PATIENCE = Duration.ofSeconds(5);

    private final Topology topology;
    private final Map<String, String> names;

    private Provisioning(Topology topology, Map<String, String> names) {
        this.topology = topology;
        this.names = names;
    }

    static void provision(Topology topology, Map<String, String> names) {
        Provisioning provisioning = new Provisioning(topology, names);
        topology.hosts().forEach(provisioning::sysctls);
        provisioning.links();
        topology.hosts().forEach(provisioning::interfacesAndRoutes);
        topology.hosts().forEach(provisioning::nftables);
        topology.hosts().stream().filter(host -> !host.bridges().isEmpty()).forEach(provisioning::awaitBridgesUp);
    }

    private void sysctls(Host host) {
        if (host.sysctls().isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(Preflight.tool("sysctl"), "-q", "-w"));
        host.sysctls().forEach((key, value) -> command.add(key + "=" + value));
        check(
                host,
                "sysctls",
                Invocation.of(command).inNamespace(names.get(host.name())).run());
    }

    private void links() {
        List<String> lines = new ArrayList<>();
        for (Link link : topology.links()) {
            lines.add("link add " + link.a().interfaceName() + " netns "
                    + names.get(link.a().host()) + " type veth peer name "
                    + link.b().interfaceName() + " netns " + names.get(link.b().host()));
        }
        if (!lines.isEmpty()) {
            ExecResult result = Netns.ipBatch(List.of(), lines);
            if (!result.succeeded()) {
                throw new LabException("topology " + topology.name() + ": cannot create the veth links "
                        + topology.links() + ": " + result);
            }
        }
    }

    private void interfacesAndRoutes(Host host) {
        List<String> lines = new ArrayList<>(List.of("link set lo up"));
        List<Endpoint> ends = topology.endpoints(host.name());
        for (Bridge bridge : host.bridges()) {
            lines.add("link add " + bridge.name() + " type bridge");
            bridge.ports().forEach(port -> lines.add("link set " + port + " master " + bridge.name()));
        }
        topology.interfaces(host.name()).forEach(name -> lines.add("link set " + name + " up"));
        ends.forEach(end -> end.addresses()
                .forEach(address -> lines.add("address add " + address + " dev " + end.interfaceName())));
        host.bridges()
                .forEach(bridge -> bridge.addresses()
                        .forEach(address -> lines.add("address add " + address + " dev " + bridge.name())));
        for (Route route : host.routes()) {
            lines.add("route add " + route);
        }
        check(
                host,
                "ip batch\n" + String.join("\n", lines) + "\n",
                Netns.ipBatch(List.of("-n", names.get(host.name())), lines));
    }

    private void nftables(Host host) {
        if (host.nftRuleset().isBlank()) {
            return;
        }
        Invocation nft = Invocation.of(Preflight.tool("nft"), "-f", "-")
                .withInput(host.nftRuleset())
                .inNamespace(names.get(host.name()));
        check(host, "nftables ruleset", nft.run());
    }

    /**
     * Waits until the host's bridges are operationally up. A bridge's carrier change is not urgent to the kernel's
     * link watcher, which handles it up to a second later; until then the bridge drops what it sends (its qdisc is
     * still the no-op one), so a test's first packet would be lost for no reason of its own.
     */
    private void awaitBridgesUp(Host host) {
        long deadline = System.nanoTime() + BRIDGE_PATIENCE.toNanos();
        while (true) {
            ExecResult links = Invocation.of(
                            Preflight.tool("ip"), "-n", names.get(host.name()), "-br", "link", "show", "type", "bridge")
                    .run();
            check(host, "bridges (listing them)", links);
            List<String> notUp = links.stdout()
                    .lines()
                    .map(line -> line.split("\\s+"))
                    .filter(fields -> fields.length < 2 || !fields[1].equals("UP"))
                    .map(fields -> fields[0])
                    .toList();
            if (notUp.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LabException("topology " + topology.name() + ", host " + host.name() + ": bridges " + notUp
                        + " did not come up within " + BRIDGE_PATIENCE + ":\n" + links.stdout());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for bridges to come up", e);
        }
    }

    private void check(Host host, String what, ExecResult result) {
        if (!result.succeeded()) {
            throw new LabException("topology " + topology.name() + ", host " + host.name() + " (namespace "
                    + names.get(host.name()) + "): cannot apply its " + what + ": " + result);
        }
    }
}
