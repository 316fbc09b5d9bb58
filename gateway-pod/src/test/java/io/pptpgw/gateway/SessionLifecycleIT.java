package io.pptpgw.gateway;

import static io.pptpgw.metrics.GatewayMetrics.AUTH_FAILURES;
import static io.pptpgw.metrics.GatewayMetrics.CONTROL_CONNECTIONS_CLOSED;
import static io.pptpgw.metrics.GatewayMetrics.CONTROL_ECHO_TIMEOUTS;
import static io.pptpgw.metrics.GatewayMetrics.POOL_ADDRESSES_FREE;
import static io.pptpgw.metrics.GatewayMetrics.POOL_ADDRESSES_USED;
import static io.pptpgw.metrics.GatewayMetrics.SESSIONS_ACTIVE;
import static io.pptpgw.metrics.GatewayMetrics.SESSION_SETUPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.LabProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How sessions end and what they give back, against a gateway whose pool holds exactly one client address
 * (10.250.1.0/30: the gateway is .1, the one client .2), so an address that is not returned shows at once as a
 * client that cannot get one.
 */
class SessionLifecycleIT {
    private static final String ONLY_ADDRESS = "10.250.1.2";
    private static final String GATEWAY_ADDRESS = "10.250.1.1";

    private static GatewayLab lab;
    private static LabProcess gateway;

    @BeforeAll
    static void startGateway() {
        lab = GatewayLab.open();
        gateway = lab.startGateway("lifecycle", """
                clientPool: {cidr: 10.250.1.0/30}
                keepalive: {interval: 2s, maxFailures: 2}
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
    void wrongPasswordGetsE691IsCountedAndLeavesTheAddressFree() {
        MetricsText before = lab.metrics();
        ExecResult refused = lab.probe("alice", "not the password").run();

        assertThat(refused.exitCode()).as(refused + GatewayLab.output(gateway)).isEqualTo(1);
        assertThat(refused.stdout()).contains("FAILED").contains("E=691");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(GatewayLab.log(gateway))
                        .containsPattern(
                                "authentication of \"alice\" from /203\\.0\\.113\\.10:\\d+ failed: wrong_password"));
        MetricsText after = lab.metrics();
        assertThat(after.increase(before, AUTH_FAILURES, "method", "mschap_v2", "reason", "wrong_password"))
                .isEqualTo(1);
        assertThat(after.increase(before, SESSION_SETUPS, "result", "authentication_failed"))
                .isEqualTo(1);
        assertThat(after.value(POOL_ADDRESSES_FREE))
                .as("free addresses after the failed login")
                .isEqualTo(1);
        assertThat(after.value(POOL_ADDRESSES_USED)).isZero();

        ExecResult accepted = lab.probe("alice", GatewayLab.PASSWORD, "--ping", GATEWAY_ADDRESS)
                .run();
        assertThat(accepted.exitCode())
                .as(accepted + GatewayLab.output(gateway))
                .isZero();
        assertThat(GatewayLab.assignedAddress(accepted.stdout()))
                .as("the pool's only client address, not consumed by the failed login")
                .isEqualTo(ONLY_ADDRESS);
    }

    @Test
    void clientKilledWithSignal9BehindACutLinkIsFoundDeadByEchoAndItsAddressReturns() {
        try (LabProcess held = lab.probe("alice", GatewayLab.PASSWORD, "--ping", GATEWAY_ADDRESS, "--hold")
                .start()) {
            held.awaitOutput("pings answered", Duration.ofSeconds(60));
            assertThat(GatewayLab.assignedAddress(held.stdout())).isEqualTo(ONLY_ADDRESS);
            MetricsText before = lab.metrics();
            assertThat(before.value(POOL_ADDRESSES_FREE)).isZero();
            assertThat(before.value(POOL_ADDRESSES_USED)).isEqualTo(1);
            ExecResult second = lab.probe("mallory", GatewayLab.PASSWORD).run();
            assertThat(second.exitCode())
                    .as("a second client while the only address is taken: " + second)
                    .isEqualTo(1);
            assertThat(second.stdout()).contains("No address available");

            cutOffClientNamespace();
            try {
                ProcessHandle.of(held.pid()).ifPresent(ProcessHandle::destroyForcibly);
                awaitFoundDeadByEcho(before);
            } finally {
                lab.client().exec("nft", "delete", "table", "inet", "cut").orThrow();
            }
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ExecResult next = lab.probe("mallory", GatewayLab.PASSWORD, "--ping", GATEWAY_ADDRESS)
                    .run();
            assertThat(next.exitCode()).as(next + GatewayLab.output(gateway)).isZero();
            assertThat(GatewayLab.assignedAddress(next.stdout())).isEqualTo(ONLY_ADDRESS);
        });
    }

    /** The client's machine vanishes: nothing of it reaches the gateway any more, not even a FIN or an RST. */
    private static void cutOffClientNamespace() {
        lab.client().command("nft", "-f", "-").withInput("""
                        table inet cut {
                          chain output { type filter hook output priority 0; policy drop; }
                        }
                        """).run().orThrow();
    }

    /** Whichever echo gives up first (PPTP's or LCP's), the other follows: the dead peer answers neither. */
    private static void awaitFoundDeadByEcho(MetricsText before) {
        long cut = System.nanoTime();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(GatewayLab.log(gateway)).contains("(echo_timeout)"));
        System.out.printf(
                "SessionLifecycleIT: the dead client was detected %d ms after the cut%n",
                (System.nanoTime() - cut) / 1_000_000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            MetricsText after = lab.metrics();
            assertThat(after.value(POOL_ADDRESSES_FREE))
                    .as("free addresses once the dead client is gone")
                    .isEqualTo(1);
            assertThat(after.value(SESSIONS_ACTIVE)).isZero();
            assertThat(after.increase(before, CONTROL_ECHO_TIMEOUTS)).isEqualTo(1);
            assertThat(after.increase(before, CONTROL_CONNECTIONS_CLOSED, "reason", "echo_timeout"))
                    .isEqualTo(1);
        });
    }
}
