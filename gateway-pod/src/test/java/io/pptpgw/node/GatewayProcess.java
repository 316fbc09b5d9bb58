package io.pptpgw.node;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final LabProcess process;
    private final Path config;

    private GatewayProcess(LabProcess process, Path config) {
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
        return new GatewayProcess(process, config);
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
