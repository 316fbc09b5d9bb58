package io.pptpgw.gateway;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.Preflight;
import io.pptpgw.lab.topology.Endpoint;
import io.pptpgw.lab.topology.Host;
import io.pptpgw.lab.topology.Link;
import io.pptpgw.lab.topology.Route;
import io.pptpgw.lab.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A gateway lab for the data-path tests: our gateway as a real process in {@code node}, our client in {@code
 * client}, and a host behind the gateway in {@code inside}, built once per test class.
 *
 * <pre>
 * [client] eth0 203.0.113.10/24 ---- wan1 203.0.113.2/24 [node] lan 10.0.0.1/24 ---- eth0 10.0.0.5/24 [inside]
 *                                     forwarding; the gateway's TUN holds the client pool      default via 10.0.0.1
 * </pre>
 *
 * The client reaches {@code inside} only through a tunnel: it has no route to 10.0.0.0/24 of its own.
 */
final class GatewayLab implements AutoCloseable {
    static final String INSIDE = "10.0.0.5";
    static final String PASSWORD = "correct horse";
    static final Duration GATEWAY_START = Duration.ofSeconds(60);

    final Lab lab;
    final Path files;

    private GatewayLab(Lab lab, Path files) {
        this.lab = lab;
        this.files = files;
    }

    /** Builds the lab, or skips the calling test class where the lab cannot run (no root, no tools). */
    static GatewayLab open() {
        List<String> problems = Preflight.problems();
        Assumptions.assumeTrue(problems.isEmpty(), () -> "network lab unavailable: " + String.join("; ", problems));
        try {
            return new GatewayLab(Lab.build(topology()), Files.createTempDirectory("gateway-lab"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Topology topology() {
        return new Topology(
                "gateway-lab",
                List.of(
                        Host.named("client"),
                        Host.named("node").forwarding(),
                        Host.named("inside").withRoute(Route.defaultVia("10.0.0.1"))),
                List.of(
                        Link.between(
                                Endpoint.of("client", "eth0", "203.0.113.10/24"),
                                Endpoint.of("node", "wan1", "203.0.113.2/24")),
                        Link.between(
                                Endpoint.of("node", "lan", "10.0.0.1/24"),
                                Endpoint.of("inside", "eth0", INSIDE + "/24"))));
    }

    Namespace client() {
        return lab.namespace("client");
    }

    Namespace node() {
        return lab.namespace("node");
    }

    Namespace inside() {
        return lab.namespace("inside");
    }

    String server() {
        return lab.address("node", "wan1");
    }

    /**
     * Starts {@code pptpgw gateway} in {@code node} with users alice and mallory (both {@link #PASSWORD}), a
     * PptpGateway named {@code name} whose spec is {@code spec} (YAML lines, indented by two), and waits until it
     * listens.
     */
    LabProcess startGateway(String name, String spec) {
        Path config =
                write(name + ".yaml", """
                apiVersion: pptpgw.io/v1alpha1
                kind: PptpGateway
                metadata: {name: %s}
                spec:
                  authentication:
                    usersSecretRef: {name: users}
                %s""".formatted(name, spec.stripIndent().indent(2)));
        Path users = write("users.yaml", "alice: " + PASSWORD + "\nmallory: " + PASSWORD + "\n");
        LabProcess gateway = node().startJava(
                        PptpgwCommand.class,
                        "gateway",
                        "--config",
                        config.toString(),
                        "--users",
                        users.toString(),
                        "--admin-socket",
                        files.resolve(name + ".sock").toString());
        try {
            gateway.awaitOutput("metrics on", GATEWAY_START);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** {@code pptpgw probe} against the gateway as {@code user} with {@code password}, plus more arguments. */
    Invocation probe(String user, String password, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "probe",
                "--server",
                server(),
                "--user",
                user,
                "--password-file",
                passwordFile(password).toString()));
        args.addAll(List.of(more));
        return client().java(PptpgwCommand.class, args.toArray(String[]::new)).withTimeout(Duration.ofSeconds(90));
    }

    Path passwordFile(String password) {
        return write("password-" + Integer.toHexString(password.hashCode()), password + "\n");
    }

    /** The gateway's metrics, scraped from inside {@code node}. */
    MetricsText metrics() {
        ExecResult scrape = node().exec("curl", "-sS", "--max-time", "10", "http://127.0.0.1:9723/metrics");
        return new MetricsText(scrape.orThrow().stdout());
    }

    /** The address {@code pptpgw probe} printed, e.g. {@code 10.250.0.2}. */
    static String assignedAddress(String probeOutput) {
        Matcher matcher = Pattern.compile("(?m)^address: (\\S+)$").matcher(probeOutput);
        if (!matcher.find()) {
            throw new AssertionError("no assigned address in the probe's output:\n" + probeOutput);
        }
        return matcher.group(1);
    }

    /** What a process logged so far, wherever its logging goes (standard output in tests, standard error else). */
    static String log(LabProcess process) {
        return process.stdout() + process.stderr();
    }

    static String output(LabProcess process) {
        return "\n--- " + process + " stdout ---\n" + process.stdout() + "\n--- stderr ---\n" + process.stderr();
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(files.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try (var paths = Files.walk(files)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no reason to fail a test
        } finally {
            lab.close();
        }
    }
}
