package io.pptpgw.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.LabProcess;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile peer in the client's namespace throws broken control messages, crafted GRE and garbage PPP at the
 * gateway while a good session pings a host inside without pause: every ping is answered, the gateway stays up and
 * takes new clients, and each kind of garbage is dropped.
 */
class MalformedInputIT {
    private static final Pattern CALL = Pattern.compile("(?m)^connected: call (\\d+) <-> (\\d+)$");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

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

            LabProcess pinging = lab.client().start("ping", "-n", "-i", "0.2", GatewayLab.INSIDE);
            ExecResult hostile;
            ExecResult pings;
            try {
                pinging.awaitOutput("icmp_seq=3 ", Duration.ofSeconds(30));
                hostile = lab.client()
                        .java(
                                HostilePeer.class,
                                lab.server(),
                                call.group(2),
                                call.group(1),
                                "mallory",
                                GatewayLab.PASSWORD)
                        .withTimeout(Duration.ofSeconds(180))
                        .run();
                int repliesSoFar = replies(pinging.stdout());
                await().atMost(Duration.ofSeconds(30)).until(() -> replies(pinging.stdout()) >= repliesSoFar + 5);
            } finally {
                Invocation.of("kill", "-INT", Long.toString(pinging.pid())).run();
                pings = pinging.waitFor(Duration.ofSeconds(10));
            }

            String why = hostile + "\n" + pings + GatewayLab.output(good) + GatewayLab.output(gateway);
            assertThat(hostile.exitCode()).as(why).isZero();
            assertThat(hostile.stdout())
                    .as(why)
                    .contains(
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
                            "PPP sent 10; own link answers",
                            "DONE");
            Matcher summary = SUMMARY.matcher(pings.stdout());
            assertThat(summary.find()).as(why).isTrue();
            int transmitted = Integer.parseInt(summary.group(1));
            int received = Integer.parseInt(summary.group(2));
            assertThat(received)
                    .as(
                            "pings answered of %d sent; only the one in flight at the interrupt may miss%n%s",
                            transmitted, why)
                    .isGreaterThanOrEqualTo(transmitted - 1)
                    .isGreaterThan(10);
            assertThat(good.isAlive()).as(why).isTrue();
            assertThat(good.stdout()).as(why).doesNotContain("hung up");
        }
        assertThat(gateway.isAlive()).isTrue();
        ExecResult after =
                lab.probe("alice", GatewayLab.PASSWORD, "--ping", "10.250.3.1").run();
        assertThat(after.exitCode()).as(after + GatewayLab.output(gateway)).isZero();
    }

    private static int replies(String pingOutput) {
        return (int)
                pingOutput.lines().filter(line -> line.contains(" bytes from ")).count();
    }
}
