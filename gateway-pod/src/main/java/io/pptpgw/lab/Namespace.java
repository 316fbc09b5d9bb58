package io.pptpgw.lab;

import io.pptpgw.lab.topology.Cidr;
import io.pptpgw.lab.topology.Topology;
import java.util.List;

/**
 * One host of a running lab: a network namespace, known by its role ({@link #host()}, e.g. {@code node}) and its
 * kernel name ({@link #name()}, e.g. {@code pgl4711-6}). Commands and Java processes run inside it.
 *
 * <pre>{@code
 * lab.namespace("node").exec("nft", "list", "ruleset").orThrow().stdout();
 * try (LabProcess server = lab.namespace("inside").startJava(EchoServer.class, "7")) { ... }
 * }</pre>
 */
public final class Namespace {
    private final Topology topology;
    private final String host;
    private final String name;

    Namespace(Topology topology, String host, String name) {
        this.topology = topology;
        this.host = host;
        this.name = name;
    }

    /** The host's role name in the topology. */
    public String host() {
        return host;
    }

    /** The kernel's name for the namespace, as {@code ip netns exec} takes it. */
    public String name() {
        return name;
    }

    /** {@code ip netns exec <name>}: put it in front of a command line built elsewhere (QEMU, a shell). */
    public List<String> execPrefix() {
        return List.of(Preflight.tool("ip"), "netns", "exec", name);
    }

    /** A command to run in this namespace, to adjust (input, timeout, environment) before running or starting. */
    public Invocation command(String... command) {
        return Invocation.of(command).inNamespace(name);
    }

    /** Runs a command here to completion, within {@link Invocation#DEFAULT_TIMEOUT}; a non-zero exit is a result. */
    public ExecResult exec(String... command) {
        return command(command).run();
    }

    /** Starts a command here and returns at once. */
    public LabProcess start(String... command) {
        return command(command).start();
    }

    /** A Java process here running {@code mainClass} from this JVM's class path (see {@link Invocation#java}). */
    public Invocation java(Class<?> mainClass, String... args) {
        return Invocation.java(mainClass, args).inNamespace(name);
    }

    /** Starts {@code mainClass} here as a separate JVM and returns at once. */
    public LabProcess startJava(Class<?> mainClass, String... args) {
        return java(mainClass, args).start();
    }

    /** The first address of one of this host's interfaces, e.g. {@code "203.0.113.2"}. */
    public String address(String interfaceName) {
        return interfaceAddress(interfaceName).addressText();
    }

    /** The first address of one of this host's interfaces, with its prefix length. */
    public Cidr interfaceAddress(String interfaceName) {
        return topology.address(host, interfaceName);
    }

    @Override
    public String toString() {
        return host + " (" + name + ")";
    }
}
