package io.pptpgw.bench;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabException;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bench's lab ({@link BenchTopology}) with its files (users, password, gateway configs) and every process the
 * bench starts in it. Closing it stops them, keeps their output in the logs directory if one was given, and removes
 * the namespaces.
 */
final class BenchLab implements AutoCloseable {
    static final String USER = "bench";
    static final String TUN_NAME = "bench0";
    private static final String PASSWORD = "bench-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Lab lab;
    private final BenchOptions options;
    private final Path files;
    /** Removes {@link #files} when the JVM exits before {@link #close()} (Ctrl-C): the lab has a hook of its own. */
    private final Thread removeFilesAtExit;

    private final List<Tracked> processes = new ArrayList<>();
    private int started;

    private record Tracked(String name, LabProcess process) {}

    private BenchLab(Lab lab, BenchOptions options, Path files) {
        this.lab = lab;
        this.options = options;
        this.files = files;
        this.removeFilesAtExit =
                Thread.ofPlatform().name("bench-files-teardown").unstarted(() -> removeFiles(files));
        Runtime.getRuntime().addShutdownHook(removeFilesAtExit);
    }

    static BenchLab build(BenchOptions options) {
        Path files;
        try {
            files = Files.createTempDirectory("pptpgw-bench");
            Files.writeString(files.resolve("users.yaml"), USER + ": " + PASSWORD + "\n");
            Files.writeString(files.resolve("password"), PASSWORD + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bench's files to a temporary directory", e);
        }
        try {
            return new BenchLab(Lab.build(BenchTopology.build(options.sourceAddresses())), options, files);
        } catch (RuntimeException e) {
            removeFiles(files);
            throw e;
        }
    }

    Namespace client() {
        return lab.namespace(BenchTopology.CLIENT);
    }

    Namespace node() {
        return lab.namespace(BenchTopology.NODE);
    }

    Namespace server() {
        return lab.namespace(BenchTopology.SERVER);
    }

    Path passwordFile() {
        return files.resolve("password");
    }

    /** Starts {@code pptpgw gateway} in the node, MS-CHAPv2 with the given {@code spec.authentication.encryption}. */
    GatewayUnderTest startGateway(String encryption) {
        Path config = write("gateway-" + encryption + ".yaml", gatewayConfig(encryption));
        Invocation gateway = Invocation.java(
                        options.gatewayJvmOptions(),
                        PptpgwCommand.class,
                        "gateway",
                        "--config",
                        config.toString(),
                        "--users",
                        files.resolve("users.yaml").toString(),
                        "--admin-socket",
                        files.resolve("admin-" + encryption + ".sock").toString())
                .inNamespace(node().name())
                .withEnvironment("PPTPGW_LOG_LEVEL", "WARN")
                .withEnvironment("PPTPGW_ACCOUNTING_LOG_LEVEL", "OFF");
        LabProcess process = track("gateway-" + encryption, gateway.start());
        process.awaitOutput("listening on port", START_TIMEOUT);
        return new GatewayUnderTest(process, node());
    }

    /**
     * Starts {@code pptpgw probe} in the client with a real TUN device that routes the tunnel target, holds the
     * session, and checks that a ping crosses it.
     */
    LabProcess startProbe(boolean encrypted) {
        Invocation probe = Invocation.java(
                        options.clientJvmOptions(),
                        PptpgwCommand.class,
                        "probe",
                        "--server",
                        BenchTopology.GATEWAY_ADDRESS,
                        "--user",
                        USER,
                        "--password-file",
                        passwordFile().toString(),
                        "--encryption",
                        encrypted ? "required" : "off",
                        "--tun",
                        TUN_NAME,
                        "--route",
                        BenchTopology.TUNNEL_TARGET + "/32",
                        "--hold")
                .inNamespace(client().name())
                .withEnvironment("PPTPGW_LOG_LEVEL", "WARN");
        LabProcess process = track("probe-" + (encrypted ? "mppe" : "plain"), probe.start());
        process.awaitOutput("encryption:", START_TIMEOUT);
        awaitPing(BenchTopology.TUNNEL_TARGET, process);
        return process;
    }

    /** The probe configures its TUN device right after it prints the link: ping until the route is there. */
    private void awaitPing(String address, LabProcess probe) {
        ExecResult ping = null;
        for (int attempt = 0; attempt < 30 && probe.isAlive(); attempt++) {
            ping = client().exec("ping", "-c", "1", "-W", "1", address);
            if (ping.exitCode() == 0) {
                return;
            }
            if (ping.exitCode() == 2) {
                sleep(Duration.ofMillis(200)); // no route yet: ping failed at once
            }
        }
        throw new LabException("no ping crosses the tunnel to " + address + ": " + ping + "\nprobe: " + probe.stdout()
                + probe.stderr());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the tunnel", e);
        }
    }

    /** Starts a Java main class of ours in a namespace, with the client JVM options, and keeps its output. */
    LabProcess startJava(Namespace namespace, String name, Class<?> main, String... args) {
        Invocation java = Invocation.java(options.clientJvmOptions(), main, args)
                .inNamespace(namespace.name())
                .withEnvironment("PPTPGW_LOG_LEVEL", "WARN");
        return track(name, java.start());
    }

    /** Starts a command in a namespace and keeps its output. */
    LabProcess start(Namespace namespace, String name, String... command) {
        return track(name, namespace.start(command));
    }

    /** Stops a process the bench started (SIGTERM, then SIGKILL) and keeps its output. */
    void stop(LabProcess process) {
        process.close();
        processes.stream()
                .filter(tracked -> tracked.process() == process)
                .findFirst()
                .ifPresent(tracked -> {
                    keepOutput(tracked);
                    processes.remove(tracked);
                });
    }

    private LabProcess track(String name, LabProcess process) {
        processes.add(new Tracked(String.format("%02d-%s", ++started, name), process));
        return process;
    }

    private void keepOutput(Tracked tracked) {
        if (options.logs() == null) {
            return;
        }
        try {
            Files.createDirectories(options.logs());
            Files.writeString(
                    options.logs().resolve(tracked.name() + ".log"),
                    String.join(" ", tracked.process().command()) + "\n--- stdout\n"
                            + tracked.process().stdout() + "--- stderr\n"
                            + tracked.process().stderr());
        } catch (IOException e) {
            System.err.println("pptpgw bench: cannot keep the output of " + tracked.name() + ": " + e.getMessage());
        }
    }

    /** Writes {@code content} to the logs directory, if there is one. */
    void keep(String name, String content) {
        if (options.logs() == null) {
            return;
        }
        try {
            Files.createDirectories(options.logs());
            Files.writeString(options.logs().resolve(name), content);
        } catch (IOException e) {
            System.err.println("pptpgw bench: cannot keep " + name + ": " + e.getMessage());
        }
    }

    private String gatewayConfig(String encryption) {
        return """
                apiVersion: pptpgw.io/v1alpha1
                kind: PptpGateway
                metadata: {name: bench}
                spec:
                  listen: {address: %s}
                  clientPool: {cidr: %s}
                  authentication:
                    usersSecretRef: {name: users}
                    encryption: %s
                  limits: {maxSessions: 60000, maxControlConnectionsPerSource: %d, setupsPerSecond: 100000}
                """.formatted(
                        BenchTopology.GATEWAY_ADDRESS,
                        BenchTopology.CLIENT_POOL,
                        encryption,
                        BenchOptions.SESSIONS_PER_SOURCE + 24);
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(files.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.resolve(name), e);
        }
    }

    @Override
    public void close() {
        for (Tracked tracked : List.copyOf(processes).reversed()) {
            stop(tracked.process());
        }
        lab.close();
        removeFiles(files);
        try {
            Runtime.getRuntime().removeShutdownHook(removeFilesAtExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs anyway and finds nothing left
        }
    }

    private static void removeFiles(Path files) {
        try (Stream<Path> walk = Files.walk(files)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
