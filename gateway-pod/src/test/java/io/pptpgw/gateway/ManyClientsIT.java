package io.pptpgw.gateway;

import static io.pptpgw.metrics.GatewayMetrics.POOL_ADDRESSES_USED;
import static io.pptpgw.metrics.GatewayMetrics.SESSIONS_ACTIVE;
import static io.pptpgw.metrics.GatewayMetrics.SESSION_SETUPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.net.Cidr;
import io.pptpgw.net.Ipv4Address;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fifty sessions at once from one client process, each with its own address and each passing traffic. */
class ManyClientsIT {
    private static final int SESSIONS = 50;
    private static final int ROUNDS = 3;
    private static final Cidr POOL = Cidr.parse("10.250.2.0/24");

    private static GatewayLab lab;
    private static LabProcess gateway;

    @BeforeAll
    static void startGateway() {
        lab = GatewayLab.open();
        gateway = lab.startGateway("fleet", """
                clientPool: {cidr: 10.250.2.0/24}
                limits: {maxControlConnectionsPerSource: 64}
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
    void fiftySessionsAtOnceGetDistinctAddressesAndEveryOnePingsInside() {
        MetricsText before = lab.metrics();
        ExecResult fleet = lab.client()
                .java(
                        ClientFleet.class,
                        lab.server(),
                        "alice",
                        GatewayLab.PASSWORD,
                        Integer.toString(SESSIONS),
                        GatewayLab.INSIDE,
                        Integer.toString(ROUNDS))
                .withTimeout(Duration.ofSeconds(240))
                .run();

        String why = fleet + GatewayLab.output(gateway);
        List<String> addresses = Pattern.compile("(?m)^ADDRESS \\d+ (\\S+)$")
                .matcher(fleet.stdout())
                .results()
                .map(match -> match.group(1))
                .toList();
        assertThat(addresses).as(why).hasSize(SESSIONS).doesNotHaveDuplicates();
        assertThat(addresses)
                .allSatisfy(address -> assertThat(POOL.contains(Ipv4Address.parse(address)))
                        .as(address + " in " + POOL)
                        .isTrue())
                .doesNotContain("10.250.2.0", "10.250.2.1", "10.250.2.255");
        for (int round = 1; round <= ROUNDS; round++) {
            assertThat(fleet.stdout()).as(why).contains("ROUND " + round + " " + SESSIONS + "/" + SESSIONS);
        }
        assertThat(fleet.exitCode()).as(why).isZero();
        assertThat(fleet.stdout()).contains("HUNG UP");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            MetricsText after = lab.metrics();
            assertThat(after.increase(before, SESSION_SETUPS, "result", "success"))
                    .isEqualTo(SESSIONS);
            assertThat(after.value(SESSIONS_ACTIVE))
                    .as("after every session hung up")
                    .isZero();
            assertThat(after.value(POOL_ADDRESSES_USED)).isZero();
        });
    }
}
