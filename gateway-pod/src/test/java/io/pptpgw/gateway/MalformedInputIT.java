package io.pptpgw.gateway;

import static io.pptpgw.metrics.GatewayMetrics.CONTROL_MESSAGES_MALFORMED;
import static io.pptpgw.metrics.GatewayMetrics.PACKETS_DROPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.LabProcess;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile peer in the client's namespace throws broken control messages, crafted GRE and garbage PPP at the
 * gateway while a good session pings a host inside without pause: every ping is answered, the gateway stays up and
 * takes new clients, and each kind of garbage is dropped and counted under its reason.
 */
class MalformedInputIT {
    private static final Pattern CALL = Pattern.compile("(?m)^connected: call (\\d+) <-> (\\d+)$");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    /** What {@link HostilePeer} reports: the gateway closed the broken streams and kept the others in step. */
    private static final String[] HOSTILE_OUTCOMES = {
        "CONTROL bad-magic closed",
        "CONTROL not-a-control-message closed",
        "CONTROL length-below-header closed",
        "CONTROL length-beyond-any-message closed",
        "CONTROL truncated closed",
        "CONTROL noise closed",
        "CONTROL unknown-message-type in-step",
        "CONTROL reserved0-not-zero in-step",
        "CONTROL wrong-length-for-type in-step",
        "CONTROL reply-nobody-asked-for in-step",
        "CONTROL clear-another-connections-call in-step",
        "CONTROL link-info-for-another-connections-call in-step",
        "GRE sent 13",
        "GRE fuzz sent " + HostilePeer.FUZZ_PACKETS,
        "PPP sent 10; own link answers",
        "DONE"
    };

    private static GatewayLab lab;
    private static LabProcess gateway;

    @BeforeAll
    static void startGateway() {
        lab = GatewayLab.open();
        gateway = lab.startGateway("hostile", """
                clientPool: {cidr: 10.250.3.0/24}
                limits: {maxControlConnectionsPerSource: 32}
                """);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void garbageOnEveryLayerIsDroppedWhileAGoodSessionKeepsAnsweringPings() {
        try (LabProcess good = lab.probe(
                        "alice",
                        GatewayLab.PASSWORD,
                        "--tun",
                        "pptp0",
                        "--route",
                        "10.0.0.0/24",
                        "--ping",
                        GatewayLab.INSIDE,
                        "--count",
                        "1",
                        "--hold")
                .start()) {
            good.awaitOutput("packet loss", Duration.ofSeconds(60));
            Matcher call = CALL.matcher(good.stdout());
            assertThat(call.find()).as(GatewayLab.output(good)).isTrue();
            MetricsText before = lab.metrics();

            Attack attack = attackWhilePinging(call.group(2), call.group(1));

            String why =
                    attack.hostile() + "\n" + attack.pings() + GatewayLab.output(good) + GatewayLab.output(gateway);
            assertThat(attack.hostile().exitCode()).as(why).isZero();
            assertThat(attack.hostile().stdout()).as(why).contains(HOSTILE_OUTCOMES);
            assertEveryPingAnswered(attack.pings(), why);
            assertCounted(before, lab.metrics(), Integer.parseInt(call.group(2)));
            assertThat(good.isAlive()).as(why).isTrue();
            assertThat(good.stdout()).as(why).doesNotContain("hung up");
        }
        assertThat(gateway.isAlive()).isTrue();
        ExecResult after =
                lab.probe("alice", GatewayLab.PASSWORD, "--ping", "10.250.3.1").run();
        assertThat(after.exitCode()).as(after + GatewayLab.output(gateway)).isZero();
    }

    private record Attack(ExecResult hostile, ExecResult pings) {}

    /** Runs the hostile peer while the kernel's ping goes through the good tunnel every 200 ms, before and after. */
    private static Attack attackWhilePinging(String goodCallId, String goodClientCallId) {
        LabProcess pinging = lab.client().start("ping", "-n", "-i", "0.2", GatewayLab.INSIDE);
        ExecResult hostile = null;
        try {
            pinging.awaitOutput("icmp_seq=3 ", Duration.ofSeconds(30));
            hostile = lab.client()
                    .java(HostilePeer.class, lab.server(), goodCallId, goodClientCallId, "mallory", GatewayLab.PASSWORD)
                    .withTimeout(Duration.ofSeconds(180))
                    .run();
            int repliesSoFar = replies(pinging.stdout());
            await().atMost(Duration.ofSeconds(30)).until(() -> replies(pinging.stdout()) >= repliesSoFar + 5);
        } finally {
            Invocation.of("kill", "-INT", Long.toString(pinging.pid())).run(); // ping prints its summary
        }
        return new Attack(hostile, pinging.waitFor(Duration.ofSeconds(10)));
    }

    private static void assertEveryPingAnswered(ExecResult pings, String why) {
        Matcher summary = SUMMARY.matcher(pings.stdout());
        assertThat(summary.find()).as(why).isTrue();
        int transmitted = Integer.parseInt(summary.group(1));
        int received = Integer.parseInt(summary.group(2));
        assertThat(received)
                .as("pings answered of %d sent; only the one in flight at the interrupt may miss%n%s", transmitted, why)
                .isGreaterThanOrEqualTo(transmitted - 1)
                .isGreaterThan(10);
    }

    /** Every kind of garbage the hostile peer sent, counted once per packet or message under its reason. */
    private static void assertCounted(MetricsText before, MetricsText after, int goodCallId) {
        Map<String, Integer> malformed = new LinkedHashMap<>();
        malformed.put("bad_magic_cookie", 1);
        malformed.put("not_a_control_message", 1);
        malformed.put("length_out_of_range", 3); // below the header, beyond any message, and the noise's first two
        malformed.put("truncated", 1);
        malformed.put("unknown_control_message_type", 1);
        malformed.put("reserved0_not_zero", 1);
        malformed.put("wrong_length_for_type", 1);
        malformed.forEach(
                (reason, count) -> assertThat(after.increase(before, CONTROL_MESSAGES_MALFORMED, "reason", reason))
                        .as("malformed control messages: " + reason)
                        .isEqualTo(count.doubleValue()));
        Map<String, Integer> dropped = new LinkedHashMap<>();
        dropped.put("gre/truncated", 2);
        dropped.put("gre/bad_version", 1);
        dropped.put("gre/bad_protocol", 1);
        dropped.put("gre/key_absent", 1);
        dropped.put("gre/unsupported_flags", 1);
        dropped.put("gre/payload_without_sequence", 1);
        dropped.put("gre/empty", 1);
        dropped.put("gre/unknown_call_id", 1);
        dropped.put("gre/late", 1);
        dropped.put("gre/too_far_ahead", 2);
        dropped.put("ppp/truncated", 2);
        dropped.put("ppp/bad_control_field", 2);
        dropped.put("ppp/invalid_protocol", 1);
        dropped.put("ppp/unencrypted_refused", 1);
        dropped.put("mppe/malformed", 1);
        dropped.put("mppe/not_encrypted", 1);
        dropped.put("mppe/compressed", 1);
        expectedFuzzDrops(goodCallId).forEach((series, count) -> dropped.merge(series, count, Integer::sum));
        dropped.forEach((series, count) -> {
            String[] layerAndReason = series.split("/");
            double counted =
                    after.increase(before, PACKETS_DROPPED, "layer", layerAndReason[0], "reason", layerAndReason[1]);
            if (series.equals("gre/unknown_call_id")) {
                // The hostile's own call may see a straggler (an acknowledgement sent as it hung up) after it closed.
                assertThat(counted).as("dropped packets: " + series).isBetween((double) count, count + 2.0);
            } else {
                assertThat(counted).as("dropped packets: " + series).isEqualTo(count.doubleValue());
            }
        });
        System.out.printf("MalformedInputIT: the gateway counted, as expected, %s%n", dropped);
    }

    /** What the gateway should count for {@link HostilePeer#fuzz}: each packet's header verdict, as the gateway parses. */
    private static Map<String, Integer> expectedFuzzDrops(int goodCallId) {
        EnhancedGreHeader header = new EnhancedGreHeader();
        Map<String, Integer> drops = new LinkedHashMap<>();
        for (byte[] packet : HostilePeer.fuzz(goodCallId)) {
            boolean parsed = header.parse(MemorySegment.ofArray(packet), 0, packet.length);
            String reason =
                    parsed ? "unknown_call_id" : header.lastDropReason().name().toLowerCase(Locale.ROOT);
            drops.merge("gre/" + reason, 1, Integer::sum);
        }
        return drops;
    }

    private static int replies(String pingOutput) {
        return (int)
                pingOutput.lines().filter(line -> line.contains(" bytes from ")).count();
    }
}
