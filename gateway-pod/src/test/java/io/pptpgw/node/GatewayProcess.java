package io.pptpgw.node;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import io.pptpgw.sys.NetworkNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pptpgw gateway} as a real process in a lab namespace, from a PptpGateway YAML written to a directory, with
 * one user ({@link #USER}, {@link #PASSWORD}). Started means listening: node programming is done by then.
 */
final class GatewayProcess implements AutoCloseable {
    static final String USER = "alice";
    static final String PASSWORD = "secret";
    /** A cold JVM on a loaded two-core machine, plus nft and ip, can take a while. */
    private static final Duration START = Duration.ofSeconds(90);

    private static final int METRICS_PORT = 9723;

    private final LabProcess process;
    private final Path config;

    private final Namespace namespace;

    private GatewayProcess(Namespace namespace, LabProcess process, Path config) {
        this.namespace = namespace;
        this.process = process;
        this.config = config;
    }

    /**
     * Starts a gateway named {@code name} whose spec is {@code spec} (YAML lines at the spec's indentation, two
     * spaces) and waits until it listens.
     */
    static GatewayProcess start(Namespace namespace, Path directory, String name, String spec, String... options) {
        Path config = write(directory.resolve(name + ".yaml"), yaml(name, spec));
        Path users = write(directory.resolve("users.yaml"), USER + ": " + PASSWORD + "\n");
        List<String> args =
                new ArrayList<>(List.of("gateway", "--config", config.toString(), "--users", users.toString()));
        args.addAll(List.of(options));
        LabProcess process = namespace.startJava(PptpgwCommand.class, args.toArray(String[]::new));
        try {
            process.awaitOutput("listening on port", START);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new GatewayProcess(namespace, process, config);
    }

    static String yaml(String name, String spec) {
        return "apiVersion: pptpgw.io/v1alpha1\nkind: PptpGateway\nmetadata: {name: " + name + "}\nspec:\n"
                + "  authentication:\n    usersSecretRef: {name: users}\n"
                + spec.stripIndent().lines().map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n");
    }

    /** The file holding {@link #PASSWORD}, as {@code pptpgw probe --password-file} reads it. */
    static Path passwordFile(Path directory) {
        return write(directory.resolve("password"), PASSWORD + "\n");
    }

    Path config() {
        return config;
    }

    long pid() {
        return process.pid();
    }

    /** Everything the gateway wrote (its log is on stderr). */
    String output() {
        return process.stdout() + process.stderr();
    }

    /**
     * The value of a counter or gauge without labels on the gateway's {@code /metrics} (spec.metrics.port, default
     * 9723), scraped from inside its namespace, or throws if the gateway does not expose it.
     */
    double metric(String name) {
        String exposition = scrape();
        return exposition
                .lines()
                .filter(line -> line.startsWith(name + " "))
                .map(line ->
                        Double.parseDouble(line.substring(name.length() + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + " in /metrics:\n" + exposition));
    }

    private String scrape() {
        try (NetworkNamespace inside = NetworkNamespace.named(namespace.name())) {
            return inside.call(() -> {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), METRICS_PORT)) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream()
                            .write("GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                    String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    if (!response.startsWith("HTTP/1.1 200") && !response.startsWith("HTTP/1.0 200")) {
                        throw new AssertionError("GET /metrics answered "
                                + response.lines().findFirst().orElse(""));
                    }
                    return response.substring(response.indexOf("\r\n\r\n") + 4);
                }
            });
        } catch (Exception e) {
            throw new AssertionError("cannot scrape /metrics of " + this, e);
        }
    }

    /** SIGTERM, as a kubelet stops a pod, and the exit once the shutdown hook has run. */
    ExecResult terminate(Duration patience) {
        signal("-TERM");
        return process.waitFor(patience);
    }

    /** Freezes the process (SIGSTOP): it holds its rules but cannot repair them until {@link #resume()}. */
    void pause() {
        signal("-STOP");
    }

    void resume() {
        signal("-CONT");
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            resume();
        }
        process.close();
    }

    private void signal(String signal) {
        Invocation.of("kill", signal, Long.toString(process.pid())).run().orThrow();
    }

    @Override
    public String toString() {
        return "gateway " + config.getFileName() + " (pid " + process.pid() + "), its output:\n" + output();
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
