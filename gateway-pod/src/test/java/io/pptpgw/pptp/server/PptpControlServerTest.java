package io.pptpgw.pptp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PptpControlServerTest {
    private final CallIds callIds = new CallIds();

    @AfterEach
    void noThreadsLeft() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(thread -> thread.getName().startsWith("pptp-")));
    }

    @Test
    void reportsTheBoundEphemeralPortAndItsTransport() {
        try (PptpControlServer server = start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertThat(server.port()).isPositive();
            assertThat(server.localAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(server.transport()).isIn("epoll", "nio");
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void aPortInUseFailsWithTheAddressInTheMessageAndStopsTheThreads() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(taken.getInetAddress(), taken.getLocalPort());
            assertThatThrownBy(() -> start(address))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen for PPTP control connections on " + address + ": ")
                    .hasMessageContaining("in use");
        }
    }

    private PptpControlServer start(InetSocketAddress address) {
        return PptpControlServer.start(
                address,
                1,
                ControlServerSettings.defaults("gw"),
                new RecordingSessions(callIds),
                callIds,
                ControlConnectionObserver.NONE);
    }
}
