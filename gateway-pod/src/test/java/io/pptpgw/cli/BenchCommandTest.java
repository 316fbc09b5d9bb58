package io.pptpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code pptpgw bench}'s options: a wrong one is a usage error that names the option and its value, reported before
 * anything is built (these runs need no root, and would fail differently if they reached the lab).
 */
class BenchCommandTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--measure     | speed  | --measure speed is not one of throughput, setups, memory, packets",
                "--measure     | setups,latency | --measure latency is not one of throughput, setups, memory, packets",
                "--duration    | 0      | --duration 0 must be at least 1",
                "--duration    | -3     | --duration -3 must be at least 1",
                "--rounds      | 0      | --rounds 0 must be at least 1",
                "--rounds      | -1     | --rounds -1 must be at least 1",
                "--setups      | 0      | --setups 0 must be at least 1",
                "--setups      | 60001  | --setups 60001 must be at most 60000",
                "--connects    | 0      | --connects 0 must be at least 1",
                "--sessions    | 0      | --sessions 0 must be at least 1",
                "--sessions    | 70000  | --sessions 70000 must be at most 60000",
                "--concurrency | 0      | --concurrency 0 must be at least 1",
                "--packet-size | 15     | --packet-size 15 must be at least 16",
                "--packet-size | 1373   | --packet-size 1373 must be at most 1372",
                "--traffic     | netperf | --traffic netperf is not one of auto, iperf3, java",
            })
    void aWrongOptionIsAUsageErrorNamingItAndItsValue(String option, String value, String message) {
        CommandRun run = CommandRun.of("bench", option, value);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(message + System.lineSeparator())
                .contains("Usage: pptpgw bench")
                .doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aNumberThatIsNoNumberIsRejectedByTheParser() {
        CommandRun run = CommandRun.of("bench", "--duration", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'soon'").contains("--duration");
    }

    @Test
    void helpDescribesEachMeasurementAndTheOptions() {
        CommandRun run = CommandRun.of("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Usage: pptpgw bench")
                .contains("throughput: bulk TCP through one tunnel")
                .contains("setups: sessions set up per second")
                .contains("memory: the gateway's memory per idle session")
                .contains("packets: small UDP datagrams per second")
                .contains("--measure=WHAT")
                .contains("--duration=SECONDS")
                .contains("--json");
    }
}
