package io.pptpgw.interop.scenario;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code pptpgw gateway} as a real process in a lab namespace, from a PptpGateway spec and a users file, with its
 * PPP and PPTP packet traces at DEBUG ({@code PPTPGW_LOG_LEVEL=DEBUG}) so a failing scenario can show them beside
 * pppd's log.
 *
 * <pre>{@code
 * try (GatewayProcess gateway = GatewayProcess.start(lab.namespace("node"), work, """
 *         clientPool: {cidr: 10.250.0.0/24}
 *         authentication: {usersSecretRef: {name: users}}
 *         """, Map.of("alice", "alice-password"))) {
 *     ...
 *     String trace = gateway.trace();
 * }
 * }</pre>
 */
public final class GatewayProcess implements AutoCloseable {

    /** The gateway's own address on its TUN device when the pool is {@code 10.250.0.0/24}: the pool's first. */
    public static final String TUNNEL_ADDRESS = "10.250.0.1";

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final LabProcess process;
    private final Path directory;

    private GatewayProcess(LabProcess process, Path directory) {
        this.process = process;
        this.directory = directory;
    }

    /**
     * Writes {@code gateway.yaml} (a PptpGateway named {@code interop} with {@code spec}, indented as the YAML under
     * {@code spec:}) and {@code users.yaml} under {@code work}, starts the gateway in {@code namespace} and waits until
     * it listens.
     */
    public static GatewayProcess start(Namespace namespace, Path work, String spec, Map<String, String> users) {
        try {
            Files.createDirectories(work);
            Path config = Files.writeString(work.resolve("gateway.yaml"), gatewayYaml(spec));
            Path usersFile = Files.writeString(
                    work.resolve("users.yaml"),
                    users.entrySet().stream()
                            .map(user -> user.getKey() + ": " + user.getValue() + "\n")
                            .collect(Collectors.joining()));
            LabProcess process = Invocation.java(
                            List.of("-Xmx256m", "-XX:+UseSerialGC"),
                            PptpgwCommand.class,
                            "gateway",
                            "--config",
                            config.toString(),
                            "--users",
                            usersFile.toString())
                    .inNamespace(namespace.name())
                    .withEnvironment("PPTPGW_LOG_LEVEL", "DEBUG")
                    .start();
            GatewayProcess gateway = new GatewayProcess(process, work);
            try {
                process.awaitOutput("listening on port", STARTUP);
            } catch (RuntimeException e) {
                process.close();
                throw e;
            }
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the gateway's files under " + work, e);
        }
    }

    /** The PptpGateway manifest around {@code spec} (the lines under {@code spec:}, unindented). */
    static String gatewayYaml(String spec) {
        String indented = spec.stripTrailing().lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
        return """
                apiVersion: pptpgw.io/v1alpha1
                kind: PptpGateway
                metadata: {name: interop}
                spec:
                """ + indented + "\n";
    }

    /** Everything the gateway wrote so far: stdout (its log, with packet traces) then stderr. */
    public String trace() {
        String stderr = process.stderr();
        return process.stdout() + (stderr.isBlank() ? "" : "----- stderr -----\n" + stderr);
    }

    public Path directory() {
        return directory;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (the gateway sends Stop-Control-Connection-Request to its peers), then SIGKILL after a grace period. */
    @Override
    public void close() {
        process.close();
    }
}
