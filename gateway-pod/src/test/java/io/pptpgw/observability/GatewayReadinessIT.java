package io.pptpgw.observability;

import static io.pptpgw.metrics.GatewayMetrics.CONTROL_CONNECTIONS_ACTIVE;
import static io.pptpgw.metrics.GatewayMetrics.NFTABLES_APPLIES;
import static io.pptpgw.metrics.GatewayMetrics.NFTABLES_DRIFT_REPAIRS;
import static io.pptpgw.metrics.GatewayMetrics.NODE_LAST_PROGRAMMED;
import static io.pptpgw.metrics.GatewayMetrics.NODE_PROGRAMMING_FAILURES;
import static io.pptpgw.metrics.GatewayMetrics.NODE_RULES_IN_PLACE;
import static io.pptpgw.observability.ObservedGateway.METRICS_PORT;
import static io.pptpgw.observability.ObservedGateway.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.pptp.control.ControlMessageCodec;
import io.pptpgw.pptp.control.StartControlConnectionRequest;
import io.pptpgw.sys.NetworkNamespace;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's proof for health and readiness: {@code /readyz} follows the gateway's listener and its node rules, and
 * {@code /healthz} stays 200 while the process lives. One gateway for the class; the last test stops it.
 *
 * <p>What "the rules go away" means for readiness: the gateway checks its table every 5 seconds and puts it back at
 * once when it finds it changed or gone, counting a drift repair. Readiness is false from the moment the check finds
 * the rules not in place until a repair succeeds, so a table that cannot be put back (here: another program holds
 * the name as an owned table, {@code flags owner}) keeps the gateway not ready, with the reason, until it can be.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayReadinessIT {
    private static final String NOT_PROGRAMMED = "not ready: the node's rules are not programmed";
    private static final Duration DRIFT_CHECKS = Duration.ofSeconds(30);

    @TempDir
    static Path files;

    private static ObservedGateway gateway;

    @BeforeAll
    static void startGateway() {
        gateway = ObservedGateway.start(files, "ready", """
                clientPool: {cidr: 10.250.8.0/24}
                authentication:
                  usersSecretRef: {name: users}
                """);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void readyOnceListeningWithItsRulesInPlace() {
        assertThat(gateway.get("/readyz")).isEqualTo(new NamespaceHttp.Answer(200, "ready\n"));
        assertThat(gateway.get("/healthz")).isEqualTo(new NamespaceHttp.Answer(200, "ok\n"));
        Scrape scrape = gateway.scrape();
        assertThat(scrape.value(NODE_RULES_IN_PLACE)).isEqualTo(1);
        assertThat(scrape.value(NFTABLES_APPLIES, "result=success")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value(NODE_LAST_PROGRAMMED)).isGreaterThan(1.7e9);
    }

    @Test
    @Order(2)
    void aDeletedTableIsFoundPutBackAndCountedAndTheGatewayIsReadyAgain() {
        Scrape before = gateway.scrape();

        gateway.node().exec("nft", "delete", "table", "inet", gateway.table()).orThrow();

        Scrape repaired = await().atMost(DRIFT_CHECKS)
                .until(gateway::scrape, scrape -> increase(before, scrape, NFTABLES_DRIFT_REPAIRS) >= 1);
        String why = "\nbefore:\n" + before.text() + "\nrepaired:\n" + repaired.text() + gateway.output();
        assertThat(increase(before, repaired, NFTABLES_DRIFT_REPAIRS)).as(why).isEqualTo(1);
        assertThat(increase(before, repaired, NFTABLES_APPLIES, "result=success"))
                .as(why)
                .isEqualTo(1);
        assertThat(increase(before, repaired, NODE_PROGRAMMING_FAILURES))
                .as(why)
                .isZero();
        assertThat(repaired.value(NODE_RULES_IN_PLACE)).as(why).isEqualTo(1);
        assertThat(gateway.node()
                        .exec("nft", "list", "table", "inet", gateway.table())
                        .exitCode())
                .isZero();
        assertThat(gateway.get("/readyz").status()).as(why).isEqualTo(200);
    }

    @Test
    @Order(3)
    void rulesThatCannotBePutBackMakeTheGatewayNotReadyUntilTheyAre() {
        Scrape before = gateway.scrape();
        // Another program takes the table's name: an owned table (nft -i holds it) that nobody else may replace.
        String takeOver =
                "delete table inet %s; add table inet %s { flags owner; }".formatted(gateway.table(), gateway.table());
        try (LabProcess squatter =
                gateway.node().start("sh", "-c", "{ echo '" + takeOver + "'; exec sleep 600; } | nft -i")) {
            await().atMost(PATIENCE)
                    .until(() -> gateway.node()
                            .exec("nft", "list", "table", "inet", gateway.table())
                            .stdout()
                            .contains("flags owner"));

            // The next drift check finds the table changed: not ready from then, and the repair nft refuses.
            Scrape refused = await().atMost(DRIFT_CHECKS)
                    .until(
                            gateway::scrape,
                            scrape -> increase(before, scrape, NFTABLES_APPLIES, "result=failure") >= 1);
            String why = "\nbefore:\n" + before.text() + "\nrefused:\n" + refused.text() + gateway.output()
                    + ObservedGateway.output(squatter);
            assertThat(gateway.get("/readyz")).as(why).isEqualTo(new NamespaceHttp.Answer(503, NOT_PROGRAMMED + "\n"));
            assertThat(gateway.get("/healthz").status()).isEqualTo(200);
            assertThat(refused.value(NODE_RULES_IN_PLACE)).as(why).isZero();
            // Each failed repair is one failed step, not two (the repair inside the drift check): the two counters
            // move together (a scrape may fall between the two increments, hence the short wait).
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape now = gateway.scrape();
                assertThat(increase(before, now, NODE_PROGRAMMING_FAILURES))
                        .as(now.text())
                        .isEqualTo(increase(before, now, NFTABLES_APPLIES, "result=failure"));
            });
        }

        // The squatter is gone, and its owned table with it: the next check puts ours back.
        NamespaceHttp.Answer ready =
                await().atMost(DRIFT_CHECKS).until(() -> gateway.get("/readyz"), answer -> answer.status() == 200);
        assertThat(ready.body()).isEqualTo("ready\n");
        Scrape after = gateway.scrape();
        assertThat(after.value(NODE_RULES_IN_PLACE)).isEqualTo(1);
        assertThat(increase(before, after, NFTABLES_DRIFT_REPAIRS)).isEqualTo(1);
    }

    @Test
    @Order(4)
    void stoppingTurnsReadinessOffWhileTheListenerClosesAndPeersAreToldThenTheEndpointGoes() throws Exception {
        String node = gateway.node().name();
        List<String> answers = new CopyOnWriteArrayList<>();
        await().atMost(DRIFT_CHECKS).until(() -> gateway.get("/readyz").status() == 200);
        try (Socket silentPeer = silentPeer();
                NetworkNamespace inside = NetworkNamespace.named(node)) {
            await().atMost(PATIENCE).until(() -> gateway.scrape().value(CONTROL_CONNECTIONS_ACTIVE) == 1);
            Thread poller = inside.newThread("readyz-poller", () -> pollUntilGone(answers));
            poller.start();
            await().atMost(PATIENCE).until(() -> !answers.isEmpty());

            Invocation.of("kill", "-TERM", Long.toString(gateway.process().pid()))
                    .run()
                    .orThrow();
            ExecResult stopped = gateway.process().waitFor(PATIENCE);
            poller.join(PATIENCE.toMillis());

            String why = "readyz answers in order: " + answers + "\n" + stopped;
            assertThat(answers.getFirst()).as(why).isEqualTo("HTTP 200: ready");
            assertThat(answers.getLast()).as(why).startsWith("no answer");
            List<String> afterReady = answers.subList(answers.lastIndexOf("HTTP 200: ready") + 1, answers.size());
            assertThat(afterReady.getFirst()).as(why).startsWith("HTTP 503: not ready: the gateway is stopping");
            assertThat(afterReady)
                    .as(why)
                    .allMatch(answer -> answer.startsWith("HTTP 503: not ready: the gateway is stopping")
                            || answer.startsWith("no answer"))
                    .anyMatch(answer -> answer.contains("the PPTP listener is not up"));
            assertThat(readControlMessageType(silentPeer))
                    .as("the peer is told: Stop-Control-Connection-Request (type 3)")
                    .isEqualTo(3);
        }
    }

    /**
     * A control connection from {@code client} that starts (RFC 2637 §2.1) and then answers nothing, so that the
     * gateway, when it stops, waits for its Stop-Control-Connection-Reply: the window in which it is stopping.
     */
    private static Socket silentPeer() throws Exception {
        String server = gateway.serverFor(gateway.client());
        try (NetworkNamespace client = NetworkNamespace.named(gateway.client().name())) {
            return client.call(() -> {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(server, 1723), 10_000);
                socket.setSoTimeout(30_000);
                ByteBuf request = Unpooled.buffer();
                ControlMessageCodec.encode(
                        new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "silent", "observability test"), request);
                byte[] bytes = new byte[request.readableBytes()];
                request.readBytes(bytes);
                request.release();
                socket.getOutputStream().write(bytes);
                assertThat(readControlMessageType(socket))
                        .as("Start-Control-Connection-Reply (type 2)")
                        .isEqualTo(2);
                return socket;
            });
        }
    }

    /** Reads one control message and returns its Control Message Type (RFC 2637 §1.4: octets 8 and 9). */
    private static int readControlMessageType(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readUnsignedShort();
        byte[] rest = new byte[length - 2];
        in.readFully(rest);
        return ((rest[6] & 0xFF) << 8) | (rest[7] & 0xFF);
    }

    /** Records each change of {@code /readyz}'s answer until nothing answers; runs inside the node's namespace. */
    private static void pollUntilGone(List<String> answers) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            NamespaceHttp.Answer answer = NamespaceHttp.getHere(METRICS_PORT, "/readyz");
            String seen = answer.answered() ? answer.toString() : "no answer";
            if (!seen.equals(last)) {
                answers.add(answer.answered() ? seen : seen + ": " + answer.body());
                last = seen;
            }
            if (!answer.answered()) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static double increase(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
