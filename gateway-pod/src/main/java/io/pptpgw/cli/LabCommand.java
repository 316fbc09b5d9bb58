package io.pptpgw.cli;

import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabNames;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.topology.Topologies;
import io.pptpgw.lab.topology.Topology;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code pptpgw lab up|status|down}: the demo topology in network namespaces for a user to explore. The namespaces
 * have stable names ({@code pptpgw-client}, {@code pptpgw-node}, ...), so the lab lives on between invocations
 * until {@code down} removes it.
 */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "A demo network in Linux network namespaces (needs root): two clients behind a home NAT router, an"
                    + " internet segment, two ISPs, a gateway node with two WAN uplinks, and a server inside the"
                    + " node's LAN.",
            "Exit codes of status: 0 up, 1 partly up, 3 down."
        })
public final class LabCommand implements Callable<Integer> {
    static final int DOWN = 3;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--prefix",
            scope = ScopeType.INHERIT,
            defaultValue = "pptpgw",
            paramLabel = "PREFIX",
            description =
                    "Namespaces are named PREFIX-<host> (default: ${DEFAULT-VALUE}); another prefix is another lab.")
    private String prefix;

    private final Topology topology = Topologies.demo();

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return PptpgwCommand.USAGE;
    }

    @Command(name = "up", description = "Build the demo lab and print its address plan and how to enter it.")
    int up() {
        Lab lab = Lab.build(topology, naming());
        PrintWriter out = out();
        out.printf(
                "The %s lab is up: topology %s in %d network namespaces.%n",
                prefix, topology.name(), lab.namespaces().size());
        out.print(lab.describe());
        out.println("Enter a namespace with ip netns exec (as root), for example:");
        String client = lab.namespace("client").name();
        String node = lab.namespace("node").name();
        out.printf(
                "  ip netns exec %s ping -c 3 %s    # client -> nat -> isp1 -> node%n",
                client, lab.address("node", "wan1"));
        out.printf(
                "  ip netns exec %s ping -c 3 %s   # via isp2: no reply until the node pins it to wan2%n",
                client, lab.address("node", "wan2"));
        out.printf("  ip netns exec %s bash                   # a shell on the gateway node%n", node);
        out.printf("  ip netns exec %s nft list ruleset%n", lab.namespace("nat").name());
        out.printf("Remove it with: pptpgw lab%s down%n", prefix.equals("pptpgw") ? "" : " --prefix " + prefix);
        return 0;
    }

    @Command(name = "status", description = "Show which namespaces of the lab exist and their live addresses.")
    int status() {
        Map<String, String> existing = Lab.existing(topology, naming());
        PrintWriter out = out();
        if (existing.isEmpty()) {
            out.printf("The %s lab is down (no %s-* namespaces).%n", prefix, prefix);
            return DOWN;
        }
        if (existing.size() < topology.hosts().size()) {
            List<String> missing = topology.hostNames().stream()
                    .filter(host -> !existing.containsKey(host))
                    .toList();
            out.printf(
                    "The %s lab is partly up: %s exist, hosts %s are missing; run pptpgw lab down, then up.%n",
                    prefix, existing.values(), missing);
            return 1;
        }
        Lab lab = Lab.attach(topology, naming());
        out.printf("The %s lab is up: topology %s.%n", prefix, topology.name());
        out.print(lab.describe());
        out.println("Live addresses:");
        for (Namespace namespace : lab.namespaces()) {
            String addresses =
                    namespace.exec("ip", "-br", "-4", "address").orThrow().stdout();
            addresses
                    .lines()
                    .filter(line -> !line.startsWith("lo "))
                    .forEach(line -> out.printf("  %-15s %s%n", namespace.name(), line.strip()));
        }
        return 0;
    }

    @Command(name = "down", description = "Remove the lab: kill what runs inside and delete its namespaces.")
    int down() {
        List<String> removed = Lab.remove(topology, naming());
        if (removed.isEmpty()) {
            out().printf("The %s lab was not up.%n", prefix);
        } else {
            out().printf("Removed the %s lab: %s.%n", prefix, String.join(", ", removed));
        }
        return 0;
    }

    private LabNames.Stable naming() {
        return new LabNames.Stable(prefix);
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
