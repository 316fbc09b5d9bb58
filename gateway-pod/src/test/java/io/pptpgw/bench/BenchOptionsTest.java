package io.pptpgw.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.bench.BenchOptions.Measurement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a bench run may be asked for, and how many client addresses its session load needs. */
class BenchOptionsTest {
    @Test
    void theDefaultsOfTheCommandAreValid() {
        BenchOptions options = options(EnumSet.allOf(Measurement.class), 4, 2, 1000, 10_000, 64, "auto");

        assertThat(options.measurements()).containsExactlyInAnyOrder(Measurement.values());
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void eachCountMustBePositiveAndSaySo() {
        Set<Measurement> all = EnumSet.allOf(Measurement.class);

        assertThatThrownBy(() -> options(all, 0, 2, 10, 10, 64, "auto"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration PT0S must be at least 1 s");
        assertThatThrownBy(() -> options(all, 1, 0, 10, 10, 64, "auto")).hasMessage("rounds 0 must be at least 1");
        assertThatThrownBy(() -> options(all, 1, 1, -5, 10, 64, "auto")).hasMessage("setups -5 must be at least 1");
        assertThatThrownBy(() -> options(all, 1, 1, 10, 0, 64, "auto"))
                .hasMessage("idle sessions 0 must be at least 1");
        assertThatThrownBy(() -> options(all, 1, 1, 10, 10, 0, "auto")).hasMessage("concurrency 0 must be at least 1");
    }

    @Test
    void sessionsHeldAtOnceStayWithinWhatOneGatewayHolds() {
        Set<Measurement> all = EnumSet.allOf(Measurement.class);

        assertThat(options(all, 1, 1, 60_000, 60_000, 64, "auto").idleSessions())
                .isEqualTo(BenchOptions.MAX_SESSIONS);
        assertThatThrownBy(() -> options(all, 1, 1, 10, 60_001, 64, "auto"))
                .hasMessage("idle sessions 60001 exceed 60000 (sessions held at once by one gateway)");
        assertThatThrownBy(() -> options(all, 1, 1, 60_001, 10, 64, "auto"))
                .hasMessage("setups 60001 exceed 60000 (sessions held at once by one gateway)");
    }

    @Test
    void thePacketSizeFitsTheTunnelAndTheToolIsKnown() {
        assertThat(withPacketSize(16).packetSize()).isEqualTo(16);
        assertThat(withPacketSize(1372).packetSize()).isEqualTo(1372);
        assertThatThrownBy(() -> withPacketSize(15))
                .hasMessage("packet size 15 is outside 16..1372 (a UDP payload that fits the tunnel's MTU)");
        assertThatThrownBy(() -> withPacketSize(1373)).hasMessageContaining("packet size 1373 is outside");
        assertThatThrownBy(() -> options(EnumSet.allOf(Measurement.class), 1, 1, 10, 10, 64, "netperf"))
                .hasMessage("traffic tool netperf is not one of [auto, iperf3, java]");
    }

    @Test
    void oneClientAddressPerThousandSessionsHeldAtOnce() {
        Set<Measurement> all = EnumSet.allOf(Measurement.class);
        Set<Measurement> noMemory = EnumSet.of(Measurement.SETUPS, Measurement.THROUGHPUT);

        assertThat(options(all, 1, 1, 30, 100, 64, "auto").sourceAddresses()).isEqualTo(1);
        assertThat(options(all, 1, 1, 1000, 1000, 64, "auto").sourceAddresses()).isEqualTo(1);
        assertThat(options(all, 1, 1, 1000, 1001, 64, "auto").sourceAddresses()).isEqualTo(2);
        assertThat(options(all, 1, 1, 1000, 10_000, 64, "auto").sourceAddresses())
                .isEqualTo(10);
        assertThat(options(all, 1, 1, 60_000, 10, 64, "auto").sourceAddresses()).isEqualTo(60);
        // The idle sessions are only dialled when memory is measured.
        assertThat(options(noMemory, 1, 1, 30, 10_000, 64, "auto").sourceAddresses())
                .isEqualTo(1);
    }

    @Test
    void theListsAreCopied() {
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx64m"));
        BenchOptions options = new BenchOptions(
                EnumSet.allOf(Measurement.class), Duration.ofSeconds(1), 1, 1, 1, 1, 1, 64, "java", jvm, jvm, null);
        jvm.add("-Xint");

        assertThat(options.gatewayJvmOptions()).containsExactly("-Xmx64m");
        assertThat(options.clientJvmOptions()).containsExactly("-Xmx64m");
    }

    @Test
    void theTopologyHasRoomForTheLoadSourcesOfSixtyThousandSessions() {
        assertThat(BenchTopology.loadSources(3)).containsExactly("203.0.113.100", "203.0.113.101", "203.0.113.102");
        assertThat(BenchTopology.build(60).hostNames()).containsExactly("client", "node", "server");
        assertThatThrownBy(() -> BenchTopology.build(0)).hasMessage("load sources 0 are outside 1..150 (one /24)");
        assertThatThrownBy(() -> BenchTopology.build(151)).hasMessageContaining("151 are outside 1..150");
    }

    private static BenchOptions withPacketSize(int size) {
        return new BenchOptions(
                EnumSet.allOf(Measurement.class),
                Duration.ofSeconds(1),
                1,
                1,
                1,
                1,
                1,
                size,
                "auto",
                List.of(),
                List.of(),
                null);
    }

    private static BenchOptions options(
            Set<Measurement> measurements,
            int seconds,
            int rounds,
            int setups,
            int idleSessions,
            int concurrency,
            String traffic) {
        return new BenchOptions(
                measurements,
                Duration.ofSeconds(seconds),
                rounds,
                setups,
                100,
                idleSessions,
                concurrency,
                64,
                traffic,
                List.of(),
                List.of(),
                null);
    }
}
