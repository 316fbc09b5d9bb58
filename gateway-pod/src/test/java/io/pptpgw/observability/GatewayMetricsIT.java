package io.pptpgw.observability;

import static io.pptpgw.metrics.GatewayMetrics.AUTH_FAILURES;
import static io.pptpgw.metrics.GatewayMetrics.AUTH_LOCKOUTS;
import static io.pptpgw.metrics.GatewayMetrics.CONTROL_CONNECTIONS_ACTIVE;
import static io.pptpgw.metrics.GatewayMetrics.CONTROL_CONNECTIONS_OPENED;
import static io.pptpgw.metrics.GatewayMetrics.GRE_BYTES;
import static io.pptpgw.metrics.GatewayMetrics.GRE_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.LCP_ECHO_ROUND_TRIP;
import static io.pptpgw.metrics.GatewayMetrics.MPPE_REKEYS;
import static io.pptpgw.metrics.GatewayMetrics.PACKETS_DROPPED;
import static io.pptpgw.metrics.GatewayMetrics.POOL_ADDRESSES_FREE;
import static io.pptpgw.metrics.GatewayMetrics.POOL_ADDRESSES_USED;
import static io.pptpgw.metrics.GatewayMetrics.SESSIONS_ACTIVE;
import static io.pptpgw.metrics.GatewayMetrics.SESSION_SETUPS;
import static io.pptpgw.metrics.GatewayMetrics.SESSION_SETUPS_IN_PROGRESS;
import static io.pptpgw.metrics.GatewayMetrics.SESSION_SETUP_DURATION;
import static io.pptpgw.observability.ObservedGateway.PASSWORD;
import static io.pptpgw.observability.ObservedGateway.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.admin.ActiveSession;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.LabProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's proof for metrics, the admin socket and accounting: one gateway process, real sessions from our client
 * ({@code pptpgw probe}) with kernel traffic through a TUN device, wrong passwords, and crafted GRE, each observed
 * the way an operator would, by scraping {@code /metrics}, asking {@code pptpgw sessions} and reading the log.
 *
 * <p>Counters are compared with a scrape taken just before, so the tests do not depend on each other's order.
 * Byte counts are of inner IP packets (what the client's kernel sent and the gateway's kernel answered), as the
 * accounting record and the admin socket define them; GRE byte counters include the encapsulation and so are at
 * least as large.
 *
 * <p>The crafted GRE goes first: a session that ended may still have a straggler on the wire (an acknowledgement sent
 * as its client hung up), which the gateway rightly counts as an unknown Call ID, and that count must be exact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayMetricsIT {
    /** The gateway's own address in the tunnel: the first of the pool, on its TUN device. */
    private static final String GATEWAY_ADDRESS = "10.250.7.1";
    /** {@code ping -s 1000}: 20 octets of IPv4 header, 8 of ICMP, 1000 of data. */
    private static final int BIG_PING_BYTES = 1028;
    /** The probe's own ping, {@code ping}'s default 56 octets of data. */
    private static final int PROBE_PING_BYTES = 84;
    /** Inner IP bytes each way over the whole session: the probe's ping and ten big ones, echoed. */
    private static final long SESSION_BYTES = PROBE_PING_BYTES + 10L * BIG_PING_BYTES;

    private static final String RECEIVED = "direction=received";
    private static final String SENT = "direction=sent";
    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    static Path files;

    private static ObservedGateway gateway;

    @BeforeAll
    static void startGateway() {
        // A short keepalive so the LCP echo histogram fills within seconds; enough misses allowed that a loaded
        // machine never loses a session to it. Two failures lock out, to keep the lockout test short.
        gateway = ObservedGateway.start(files, "observed", """
                clientPool: {cidr: 10.250.7.0/24}
                keepalive: {interval: 2s, maxFailures: 15}
                authentication:
                  usersSecretRef: {name: users}
                  lockout: {maxFailures: 2, window: 10m, duration: 10m}
                """);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(2)
    void aSessionMovesTheCountersShowsLiveFiguresAndIsAccountedToTheByteWhenItEnds() {
        Scrape before = gateway.scrape();
        String address;
        ActiveSession live;
        LabProcess probe = gateway.probe(
                        gateway.client(),
                        "alice",
                        PASSWORD,
                        "--tun",
                        "obs0",
                        "--ping",
                        GATEWAY_ADDRESS,
                        "--count",
                        "1",
                        "--hold")
                .start();
        try (probe) {
            probe.awaitOutput("packet loss", PATIENCE);
            String why = ObservedGateway.output(probe) + gateway.output();
            assertThat(probe.stdout()).as(why).contains("1 packets transmitted, 1 received");
            address = ObservedGateway.assignedAddress(probe.stdout());

            ActiveSession first = onlySession(why);
            assertThat(first.user()).isEqualTo("alice");
            assertThat(first.tunnelAddress()).isEqualTo(address);
            assertThat(first.peer().getAddress().getHostAddress()).isEqualTo("203.0.113.10");
            assertThat(first.encryption()).startsWith("mppe-128");
            assertThat(figures(first)).as(why).isEqualTo(List.of(1L, (long) PROBE_PING_BYTES, 1L, (long)
                    PROBE_PING_BYTES));

            ExecResult pings = gateway.client()
                    .exec("ping", "-n", "-q", "-c", "10", "-i", "0.2", "-s", "1000", "-W", "5", GATEWAY_ADDRESS);
            assertThat(pings.stdout()).as(pings + why).contains("10 packets transmitted, 10 received");

            ActiveSession second = onlySession(why);
            assertThat(second.callId()).isEqualTo(first.callId());
            assertThat(figures(second)).as(why).isEqualTo(List.of(11L, SESSION_BYTES, 11L, SESSION_BYTES));
            assertThat(second.lastActivity()).isAfterOrEqualTo(first.lastActivity());

            Scrape during = await().atMost(SOON)
                    .until(
                            gateway::scrape,
                            scrape -> scrape.value(LCP_ECHO_ROUND_TRIP + "_count")
                                    > before.value(LCP_ECHO_ROUND_TRIP + "_count"));
            assertSessionCounted(before, during, SESSION_BYTES);
            live = second;
        }

        // Closing the probe sends SIGTERM, on which it hangs up.
        assertAccounted(awaitAccountingLine("address=" + address, probe), live);

        Scrape after = await().atMost(SOON)
                .until(
                        gateway::scrape,
                        scrape -> scrape.value(SESSIONS_ACTIVE) == before.value(SESSIONS_ACTIVE)
                                && scrape.value(CONTROL_CONNECTIONS_ACTIVE)
                                        == before.value(CONTROL_CONNECTIONS_ACTIVE));
        assertThat(after.value(POOL_ADDRESSES_USED)).isEqualTo(before.value(POOL_ADDRESSES_USED));
        assertThat(after.value(POOL_ADDRESSES_FREE)).isEqualTo(before.value(POOL_ADDRESSES_FREE));
        assertThat(increase(before, after, SESSION_SETUPS, "result=success")).isEqualTo(1);
    }

    private static void assertAccounted(String line, ActiveSession live) {
        Map<String, String> record = AccountingLines.parse(line);
        assertThat(record)
                .as(line)
                .containsEntry("user", "alice")
                .containsEntry("address", live.tunnelAddress())
                .containsEntry("peer", "203.0.113.10:" + live.peer().getPort())
                .containsEntry("call_id", "0x" + Integer.toHexString(live.callId()))
                .containsEntry("encryption", live.encryption())
                .containsEntry("received_packets", "11")
                .containsEntry("received_bytes", Long.toString(SESSION_BYTES))
                .containsEntry("sent_packets", "11")
                .containsEntry("sent_bytes", Long.toString(SESSION_BYTES));
        // Our client clears the call as its LCP Terminate-Request leaves; a client that awaits the Ack ends it as
        // peer_terminated. Either way the reason names the cause first, then the detail.
        assertThat(record.get("reason")).as(line).matches("peer_terminated: .*|lower_layer_down: call_clear_request");
        assertThat(Double.parseDouble(record.get("duration_seconds"))).as(line).isPositive();
    }

    private static void assertSessionCounted(Scrape before, Scrape during, long innerBytes) {
        String why = "\nbefore:\n" + before.text() + "\nduring:\n" + during.text();
        assertThat(during.value(SESSIONS_ACTIVE)).as(why).isEqualTo(before.value(SESSIONS_ACTIVE) + 1);
        assertThat(during.value(SESSION_SETUPS_IN_PROGRESS)).as(why).isEqualTo(0);
        assertThat(increase(before, during, SESSION_SETUPS, "result=success"))
                .as(why)
                .isEqualTo(1);
        assertThat(increase(before, during, SESSION_SETUP_DURATION + "_count", "outcome=success"))
                .as(why)
                .isEqualTo(1);
        assertThat(increase(before, during, SESSION_SETUP_DURATION + "_sum", "outcome=success"))
                .as(why)
                .isPositive();
        assertThat(increase(before, during, CONTROL_CONNECTIONS_OPENED)).as(why).isEqualTo(1);
        assertThat(increase(before, during, CONTROL_CONNECTIONS_ACTIVE)).as(why).isEqualTo(1);
        assertThat(increase(before, during, POOL_ADDRESSES_USED)).as(why).isEqualTo(1);
        assertThat(increase(before, during, POOL_ADDRESSES_FREE)).as(why).isEqualTo(-1);
        assertThat(increase(before, during, GRE_PACKETS, RECEIVED)).as(why).isGreaterThanOrEqualTo(11);
        assertThat(increase(before, during, GRE_PACKETS, SENT)).as(why).isGreaterThanOrEqualTo(11);
        assertThat(increase(before, during, GRE_BYTES, RECEIVED)).as(why).isGreaterThanOrEqualTo(innerBytes);
        assertThat(increase(before, during, GRE_BYTES, SENT)).as(why).isGreaterThanOrEqualTo(innerBytes);
        // Stateless MPPE changes its key with every packet, each way.
        assertThat(increase(before, during, MPPE_REKEYS)).as(why).isGreaterThanOrEqualTo(22);
        // The client's kernel sent only IPv4 into the tunnel, and nothing of the session was dropped.
        assertThat(dropsIncrease(before, during)).as(why).isEmpty();
    }

    @Test
    @Order(3)
    void wrongPasswordsAreCountedByMethodAndReasonAndLockTheUserAndItsSourceOut() {
        Scrape before = gateway.scrape();

        assertLoginRefused("mallory", "not the password");
        Scrape afterOne = await().atMost(SOON)
                .until(
                        gateway::scrape,
                        scrape -> increase(before, scrape, SESSION_SETUPS, "result=authentication_failed") >= 1);
        String why = "\nbefore:\n" + before.text() + "\nafter one:\n" + afterOne.text() + gateway.output();
        assertThat(increase(before, afterOne, AUTH_FAILURES, "method=mschap_v2", "reason=wrong_password"))
                .as(why)
                .isEqualTo(1);
        assertThat(increase(before, afterOne, SESSION_SETUPS, "result=authentication_failed"))
                .as(why)
                .isEqualTo(1);
        assertThat(increase(before, afterOne, SESSION_SETUP_DURATION + "_count", "outcome=failure"))
                .as(why)
                .isEqualTo(1);
        assertThat(increase(before, afterOne, AUTH_LOCKOUTS)).as(why).isZero();
        assertThat(afterOne.value(SESSIONS_ACTIVE)).as(why).isEqualTo(before.value(SESSIONS_ACTIVE));
        assertThat(afterOne.value(POOL_ADDRESSES_USED)).as(why).isEqualTo(before.value(POOL_ADDRESSES_USED));

        // The second failure within the window reaches maxFailures for the user name and for the source address.
        assertLoginRefused("mallory", "still not it");
        Scrape lockedOut =
                await().atMost(SOON).until(gateway::scrape, scrape -> increase(before, scrape, AUTH_LOCKOUTS) >= 2);
        why = "\nbefore:\n" + before.text() + "\nlocked out:\n" + lockedOut.text() + gateway.output();
        assertThat(increase(before, lockedOut, AUTH_LOCKOUTS)).as(why).isEqualTo(2);
        assertThat(increase(before, lockedOut, AUTH_FAILURES, "method=mschap_v2", "reason=wrong_password"))
                .as(why)
                .isEqualTo(2);

        // Locked out, the right password is refused without being checked.
        assertLoginRefused("mallory", PASSWORD);
        Scrape refused = await().atMost(SOON)
                .until(
                        gateway::scrape,
                        scrape -> increase(before, scrape, SESSION_SETUPS, "result=authentication_failed") >= 3);
        why = "\nbefore:\n" + before.text() + "\nrefused:\n" + refused.text() + gateway.output();
        assertThat(increase(before, refused, AUTH_FAILURES, "method=mschap_v2", "reason=locked_out"))
                .as(why)
                .isEqualTo(1);
        assertThat(increase(before, refused, AUTH_FAILURES, "method=mschap_v2", "reason=wrong_password"))
                .as(why)
                .isEqualTo(2);
        assertThat(increase(before, refused, SESSION_SETUPS, "result=authentication_failed"))
                .as(why)
                .isEqualTo(3);
        assertThat(increase(before, refused, SESSION_SETUPS, "result=success"))
                .as(why)
                .isZero();
        assertThat(increase(before, refused, AUTH_LOCKOUTS)).as(why).isEqualTo(2);
    }

    private static void assertLoginRefused(String user, String password) {
        ExecResult probe = gateway.probe(gateway.intruder(), user, password, "--timeout", "30")
                .run();
        assertThat(probe.exitCode()).as(probe + gateway.output()).isEqualTo(1);
        assertThat(probe.stdout()).as(probe + gateway.output()).contains("FAILED");
    }

    @Test
    @Order(1)
    void craftedGreIsDroppedAndCountedByReasonExactly() throws Exception {
        Scrape before = gateway.scrape();
        List<byte[]> packets = new ArrayList<>();
        for (int sequence = 0; sequence < 5; sequence++) {
            packets.add(CraftedGre.packet(CraftedGre.DATA, 0xBEEF, sequence)); // no call has this ID
        }
        for (int sequence = 0; sequence < 3; sequence++) {
            packets.add(CraftedGre.packet(CraftedGre.VERSION_0, 0xBEEF, sequence));
        }

        CraftedGre.send(gateway.intruder().name(), gateway.serverFor(gateway.intruder()), packets);

        Predicate<Scrape> allCounted =
                scrape -> increase(before, scrape, PACKETS_DROPPED, "layer=gre", "reason=unknown_call_id") >= 5
                        && increase(before, scrape, PACKETS_DROPPED, "layer=gre", "reason=bad_version") >= 3;
        Scrape after = await().atMost(SOON).until(gateway::scrape, allCounted);
        String why = "\nbefore:\n" + before.text() + "\nafter:\n" + after.text();
        assertThat(dropsIncrease(before, after))
                .as(why)
                .isEqualTo(Map.of("gre/unknown_call_id", 5.0, "gre/bad_version", 3.0));
        assertThat(increase(before, after, GRE_PACKETS, RECEIVED)).as(why).isGreaterThanOrEqualTo(8);
        assertThat(after.value(SESSIONS_ACTIVE)).as(why).isEqualTo(before.value(SESSIONS_ACTIVE));
    }

    private ActiveSession onlySession(String why) {
        List<ActiveSession> sessions = gateway.sessions();
        assertThat(sessions).as(why).hasSize(1);
        return sessions.getFirst();
    }

    private static List<Long> figures(ActiveSession session) {
        return List.of(session.receivedPackets(), session.receivedBytes(), session.sentPackets(), session.sentBytes());
    }

    private static String awaitAccountingLine(String containing, LabProcess probe) {
        try {
            return await().atMost(SOON)
                    .until(
                            () -> gateway.process()
                                    .stderr()
                                    .lines()
                                    .filter(line -> line.contains(" INFO  [")
                                            && line.contains(" io.pptpgw.accounting - session ended ")
                                            && line.contains(containing + " "))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "no accounting line with " + containing + ObservedGateway.output(probe) + gateway.output(), e);
        }
    }

    /** Every {@code layer/reason} of the drop counter that went up between the scrapes, with how much. */
    private static Map<String, Double> dropsIncrease(Scrape before, Scrape after) {
        Map<String, Double> increases = new java.util.TreeMap<>();
        for (Scrape.Sample sample : after.samples()) {
            if (sample.name().equals(PACKETS_DROPPED)) {
                String layer = "layer=" + sample.labels().get("layer");
                String reason = "reason=" + sample.labels().get("reason");
                double increase = sample.value()
                        - before.find(PACKETS_DROPPED, layer, reason).orElse(0.0);
                if (increase != 0) {
                    increases.put(
                            sample.labels().get("layer") + "/" + sample.labels().get("reason"), increase);
                }
            }
        }
        return Collections.unmodifiableMap(increases);
    }

    private static double increase(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
