package io.pptpgw.lab;

import io.pptpgw.lab.topology.Bridge;
import io.pptpgw.lab.topology.Cidr;
import io.pptpgw.lab.topology.Endpoint;
import io.pptpgw.lab.topology.Host;
import io.pptpgw.lab.topology.Topology;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A topology brought up in real network namespaces. Closing it kills every process inside and deletes the
 * namespaces (and with them their veths). A lab with owned names ({@link LabNames.Owned}, the default) is also
 * closed when the JVM exits, and reaped by the next lab built anywhere on the machine if the JVM is killed.
 *
 * <pre>{@code
 * try (Lab lab = Lab.build(Topologies.demo())) {
 *     lab.namespace("client").exec("ping", "-c1", lab.address("node", "wan1")).orThrow();
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
    private static final Set<Lab> OPEN = ConcurrentHashMap.newKeySet();
    /** Owned names this JVM created and has not deleted: never leftovers, whatever their PID says. */
    private static final Set<String> CREATED_HERE = ConcurrentHashMap.newKeySet();

    private static final AtomicBoolean HOOK_REGISTERED = new AtomicBoolean();
    private static final Duration DIAGNOSTIC_TIMEOUT = Duration.ofSeconds(5);

    private final Topology topology;
    private final Map<String, Namespace> namespaces = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lab(Topology topology, Map<String, String> names) {
        this.topology = topology;
        names.forEach((host, name) -> namespaces.put(host, new Namespace(topology, host, name)));
    }

    /** Builds a topology with names owned by this process (torn down on close or JVM exit). */
    public static Lab build(Topology topology) {
        return build(topology, LabNames.ownedByThisProcess());
    }

    /**
     * Builds a topology: checks capabilities and tools first ({@link Preflight}, failing at once), reaps leftovers
     * of dead owners, then creates everything; if any step fails, what was created is removed before this throws.
     */
    public static Lab build(Topology topology, LabNames naming) {
        Preflight.require();
        Reaper.reapDeadOwners(CREATED_HERE::contains);
        Map<String, String> names = naming.assign(topology.hostNames());
        List<String> taken = names.values().stream().filter(Netns::exists).toList();
        if (!taken.isEmpty()) {
            throw new LabException("cannot build topology " + topology.name() + ": namespaces " + taken
                    + " already exist (a lab with these names is up; remove it first)");
        }
        Lab lab = new Lab(topology, names);
        if (!naming.persistent()) {
            CREATED_HERE.addAll(names.values());
            registerShutdownHook();
            OPEN.add(lab);
        }
        try {
            Netns.add(names.values());
            Provisioning.provision(topology, names);
        } catch (RuntimeException e) {
            lab.closeAfterFailure(e);
            throw e;
        }
        return lab;
    }

    /** The lab of a topology with stable names that was built earlier, maybe by another process. */
    public static Lab attach(Topology topology, LabNames.Stable naming) {
        Preflight.require();
        Map<String, String> names = naming.assign(topology.hostNames());
        List<String> missing =
                names.values().stream().filter(name -> !Netns.exists(name)).toList();
        if (!missing.isEmpty()) {
            throw new LabException("the " + topology.name() + " lab named " + naming.prefix()
                    + "-* is not (completely) up: namespaces " + missing + " do not exist");
        }
        return new Lab(topology, names);
    }

    /** Which of a stably named topology's namespaces exist now, by host. */
    public static Map<String, String> existing(Topology topology, LabNames.Stable naming) {
        Map<String, String> existing = new LinkedHashMap<>();
        naming.assign(topology.hostNames()).forEach((host, name) -> {
            if (Netns.exists(name)) {
                existing.put(host, name);
            }
        });
        return existing;
    }

    /** Removes whatever exists of a stably named topology's namespaces; returns the names removed. */
    public static List<String> remove(Topology topology, LabNames.Stable naming) {
        Preflight.require();
        List<String> names = List.copyOf(existing(topology, naming).values());
        Netns.delete(names);
        return names;
    }

    public Topology topology() {
        return topology;
    }

    /** The namespace of a host, e.g. {@code namespace("node")}. */
    public Namespace namespace(String host) {
        Namespace namespace = namespaces.get(host);
        if (namespace == null) {
            throw new IllegalArgumentException("lab of topology " + topology.name() + " has no host '" + host
                    + "'; it has " + namespaces.keySet());
        }
        return namespace;
    }

    /** Every namespace, in the topology's host order. */
    public List<Namespace> namespaces() {
        return List.copyOf(namespaces.values());
    }

    /** The first address of a host's interface, e.g. {@code address("node", "wan1")} is {@code "203.0.113.2"}. */
    public String address(String host, String interfaceName) {
        return namespace(host).address(interfaceName);
    }

    public Cidr interfaceAddress(String host, String interfaceName) {
        return namespace(host).interfaceAddress(interfaceName);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** The address plan: each host, its namespace, interfaces, addresses and routes, one host per line. */
    public String describe() {
        StringBuilder text = new StringBuilder("topology " + topology.name() + ":\n");
        for (Host host : topology.hosts()) {
            String interfaces = topology.endpoints(host.name()).stream()
                    .filter(end ->
                            host.bridges().stream().noneMatch(b -> b.ports().contains(end.interfaceName())))
                    .map(Lab::describe)
                    .collect(Collectors.joining(", "));
            String bridges = host.bridges().stream().map(Lab::describe).collect(Collectors.joining(", "));
            String routes = host.routes().stream().map(Object::toString).collect(Collectors.joining(", "));
            text.append(String.format(
                    "  %-8s %-15s %s%n",
                    host.name(),
                    namespace(host.name()).name(),
                    Stream.of(interfaces, bridges, routes)
                            .filter(part -> !part.isEmpty())
                            .collect(Collectors.joining("; "))));
        }
        return text.toString();
    }

    private static String describe(Endpoint end) {
        return withAddresses(end.interfaceName(), end.addresses());
    }

    private static String describe(Bridge bridge) {
        return withAddresses(
                bridge.name() + " (bridge of " + String.join(" ", bridge.ports()) + ")", bridge.addresses());
    }

    private static String withAddresses(String interfaceName, List<Cidr> addresses) {
        return Stream.concat(Stream.of(interfaceName), addresses.stream().map(Cidr::toString))
                .collect(Collectors.joining(" "));
    }

    /** The live state of every namespace: addresses, routes and nftables rules, for a failing test's report. */
    public String diagnostics() {
        StringBuilder text = new StringBuilder();
        for (Namespace namespace : namespaces.values()) {
            text.append("=== ").append(namespace).append('\n');
            for (List<String> command : List.of(
                    List.of(Preflight.tool("ip"), "-br", "address"),
                    List.of(Preflight.tool("ip"), "route"),
                    List.of(Preflight.tool("nft"), "list", "ruleset"))) {
                try {
                    ExecResult result = Invocation.of(command)
                            .inNamespace(namespace.name())
                            .withTimeout(DIAGNOSTIC_TIMEOUT)
                            .run();
                    text.append("$ ")
                            .append(String.join(" ", command.subList(1, command.size())))
                            .append('\n');
                    text.append(result.stdout()).append(result.stderr());
                } catch (LabException e) {
                    text.append(e.getMessage()).append('\n');
                }
            }
        }
        return text.toString();
    }

    /** Kills every process in the lab's namespaces and deletes them. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<String> names = namespaces.values().stream().map(Namespace::name).toList();
        try {
            Netns.delete(names);
        } finally {
            OPEN.remove(this);
            names.stream().filter(name -> !Netns.exists(name)).forEach(CREATED_HERE::remove);
        }
    }

    private void closeAfterFailure(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void registerShutdownHook() {
        if (HOOK_REGISTERED.compareAndSet(false, true)) {
            Runtime.getRuntime()
                    .addShutdownHook(Thread.ofPlatform().name("lab-teardown").unstarted(Lab::closeAll));
        }
    }

    private static void closeAll() {
        for (Lab lab : List.copyOf(OPEN)) {
            try {
                lab.close();
            } catch (RuntimeException e) {
                System.err.println("pptpgw lab: teardown at exit failed: " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "lab " + topology.name() + " " + namespaces.values();
    }
}
