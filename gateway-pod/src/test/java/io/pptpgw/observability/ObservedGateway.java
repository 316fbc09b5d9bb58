package io.pptpgw.observability;

import io.pptpgw.admin.ActiveSession;
import io.pptpgw.admin.AdminProtocol;
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
 * A real {@code pptpgw gateway} process in the {@code node} namespace of a lab built once per test class, with two
 * clients' namespaces: {@code client} for good sessions and {@code intruder} for wrong passwords and crafted
 * packets, so a lockout of the intruder's address never touches the good client.
 *
 * <pre>
 * [client] eth0 203.0.113.10/24 --- wan1 203.0.113.2/24 [node] wan2 198.51.100.2/24 --- eth0 198.51.100.20/24 [intruder]
 * </pre>
 *
 * Everything is observed as an operator would: {@code /metrics}, {@code /healthz} and {@code /readyz} on the
 * metrics port from inside {@code node}, {@code pptpgw sessions} on the admin socket, and the gateway's log, written
 * as the shipped {@code logback.xml} writes it (text on standard error).
 */
final class ObservedGateway implements AutoCloseable {
    static final String PASSWORD = "correct horse";
    static final int METRICS_PORT = 9723;
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern PROBE_ADDRESS = Pattern.compile("(?m)^address: (\\S+)$");

    private final Lab lab;
    private final Path files;
    private final String name;
    private final LabProcess gateway;

    private ObservedGateway(Lab lab, Path files, String name, LabProcess gateway) {
        this.lab = lab;
        this.files = files;
        this.name = name;
        this.gateway = gateway;
    }

    /**
     * Builds the lab and starts a gateway named {@code name} with users alice and mallory (both {@link #PASSWORD})
     * and {@code spec} (YAML lines of the PptpGateway spec besides authentication's users), or skips the calling
     * test class where the lab cannot run.
     */
    static ObservedGateway start(Path files, String name, String spec) {
        List<String> problems = Preflight.problems();
        Assumptions.assumeTrue(problems.isEmpty(), () -> "network lab unavailable: " + String.join("; ", problems));
        Lab lab = Lab.build(topology());
        try {
            Path config = write(files, name + ".yaml", """
                    apiVersion: pptpgw.io/v1alpha1
                    kind: PptpGateway
                    metadata: {name: %s}
                    spec:
                    %s""".formatted(
                            name, spec.stripIndent().indent(2)));
            Path users = write(files, "users.yaml", "alice: " + PASSWORD + "\nmallory: " + PASSWORD + "\n");
            // The logging the image ships (logback.xml: text on standard error), not the tests' logback-test.xml.
            LabProcess gateway = Invocation.java(
                            List.of("-Dlogback.configurationFile=logback.xml"),
                            PptpgwCommand.class,
                            "gateway",
                            "--config",
                            config.toString(),
                            "--users",
                            users.toString(),
                            "--admin-socket",
                            files.resolve(name + ".sock").toString())
                    .inNamespace(lab.namespace("node").name())
                    .start();
            ObservedGateway observed = new ObservedGateway(lab, files, name, gateway);
            try {
                gateway.awaitOutput("listening on port", PATIENCE);
            } catch (RuntimeException e) {
                observed.close();
                throw e;
            }
            return observed;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    static Topology topology() {
        return new Topology(
                "observed",
                List.of(Host.named("client"), Host.named("node").forwarding(), Host.named("intruder")),
                List.of(
                        Link.between(
                                Endpoint.of("client", "eth0", "203.0.113.10/24"),
                                Endpoint.of("node", "wan1", "203.0.113.2/24")),
                        Link.between(
                                Endpoint.of("intruder", "eth0", "198.51.100.20/24"),
                                Endpoint.of("node", "wan2", "198.51.100.2/24"))));
    }

    Namespace client() {
        return lab.namespace("client");
    }

    Namespace intruder() {
        return lab.namespace("intruder");
    }

    Namespace node() {
        return lab.namespace("node");
    }

    LabProcess process() {
        return gateway;
    }

    /** The nftables table the gateway owns, as {@code nft} names it: {@code inet pptpgw_<name>}. */
    String table() {
        return "pptpgw_" + name;
    }

    /** The gateway's address as {@code from} reaches it: wan1 for the client, wan2 for the intruder. */
    String serverFor(Namespace from) {
        return lab.address("node", from.host().equals("intruder") ? "wan2" : "wan1");
    }

    Scrape scrape() {
        NamespaceHttp.Answer answer = get("/metrics");
        if (answer.status() != 200) {
            throw new AssertionError("GET /metrics: " + answer + output());
        }
        return Scrape.parse(answer.body());
    }

    NamespaceHttp.Answer get(String path) {
        return NamespaceHttp.get(node().name(), METRICS_PORT, path);
    }

    /** {@code pptpgw probe} from {@code from} as {@code user} with {@code password}, plus more arguments. */
    Invocation probe(Namespace from, String user, String password, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "probe",
                "--server",
                serverFor(from),
                "--user",
                user,
                "--password-file",
                write(files, "password-" + Integer.toHexString(password.hashCode()), password + "\n")
                        .toString()));
        args.addAll(List.of(more));
        return from.java(PptpgwCommand.class, args.toArray(String[]::new)).withTimeout(Duration.ofSeconds(90));
    }

    /** The live sessions as {@code pptpgw sessions --socket PATH --json} prints them, run in {@code node}. */
    List<ActiveSession> sessions() {
        ExecResult result = node().java(
                        PptpgwCommand.class,
                        "sessions",
                        "--socket",
                        files.resolve(name + ".sock").toString(),
                        "--json")
                .withTimeout(PATIENCE)
                .run();
        if (result.exitCode() != 0) {
            throw new AssertionError("pptpgw sessions failed: " + result + output());
        }
        return AdminProtocol.readSessions(result.stdout());
    }

    /** The address {@code pptpgw probe} printed, e.g. {@code 10.250.0.2}. */
    static String assignedAddress(String probeOutput) {
        Matcher matcher = PROBE_ADDRESS.matcher(probeOutput);
        if (!matcher.find()) {
            throw new AssertionError("no assigned address in the probe's output:\n" + probeOutput);
        }
        return matcher.group(1);
    }

    /** The gateway's output so far, for assertion messages. */
    String output() {
        return output(gateway);
    }

    static String output(LabProcess process) {
        return "\n--- " + process + " stdout ---\n" + process.stdout() + "\n--- stderr ---\n" + process.stderr();
    }

    private static Path write(Path files, String fileName, String content) {
        try {
            return Files.writeString(files.resolve(fileName), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            lab.close();
        }
    }
}
