package io.pptpgw.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of its own for one test, named {@code nft-<pid>-<n>} so parallel runs never collide, and
 * deleted on close (with everything in it). Tests that need it skip, saying why, when not run as root.
 */
public final class TestNamespace implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final CommandRunner HOST = ProcessCommandRunner.host();

    private final String name;
    private final ProcessCommandRunner runner;

    private TestNamespace(String name) {
        this.name = name;
        this.runner = ProcessCommandRunner.inNamespace(name);
    }

    /** A fresh namespace with loopback up; skips the calling test when namespaces cannot be created. */
    public static TestNamespace create() {
        assumeTrue(HOST.run("id", "-u").stdout().strip().equals("0"), "needs root to create network namespaces");
        String name = "nft-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        CommandResult added = HOST.run("ip", "netns", "add", name);
        assumeTrue(added.succeeded(), () -> "cannot create a network namespace: " + added.describeFailure());
        TestNamespace namespace = new TestNamespace(name);
        namespace.run("ip", "link", "set", "lo", "up");
        return namespace;
    }

    public String name() {
        return name;
    }

    /** Runs commands inside this namespace. */
    public ProcessCommandRunner runner() {
        return runner;
    }

    /** Runs {@code argv} inside the namespace and returns its standard output; fails the test on a non-zero exit. */
    public String run(String... argv) {
        return runner.runChecked(argv).stdout();
    }

    public String runWithInput(String stdin, String... argv) {
        CommandResult result = runner.run(List.of(argv), stdin);
        if (!result.succeeded()) {
            throw new CommandException(result.describeFailure());
        }
        return result.stdout();
    }

    /**
     * A link named {@code device} that is up and has {@code addressWithPrefix} (dummy links need a module this
     * kernel may not have, so it is one end of a veth pair whose other end, {@code device-p}, is also up here).
     */
    public void link(String device, String addressWithPrefix) {
        run("ip", "link", "add", device, "type", "veth", "peer", "name", device + "-p");
        run("ip", "link", "set", device + "-p", "up");
        run("ip", "link", "set", device, "up");
        if (addressWithPrefix != null) {
            run("ip", "addr", "add", addressWithPrefix, "dev", device);
        }
    }

    /** Lines of {@code ip rule} and of {@code ip route show table T} for each given table, for assertions. */
    public List<String> rulesAndRoutes(long... tables) {
        List<String> lines = new ArrayList<>(run("ip", "rule", "show").lines().toList());
        for (long table : tables) {
            CommandResult routes = runner.run("ip", "route", "show", "table", Long.toString(table));
            routes.stdout().lines().forEach(line -> lines.add("table " + table + ": " + line.strip()));
        }
        return lines;
    }

    @Override
    public void close() {
        HOST.run("ip", "netns", "del", name);
    }
}
