package io.pptpgw.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.bench.Traffic.UdpRun;
import io.pptpgw.lab.LabException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading iperf3's JSON report ({@code -J}) and the session load's result lines. */
class Iperf3ReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTcpRunIsWhatTheReceiverMeasured() throws Exception {
        JsonNode report = JSON.readTree("""
                {"start": {"version": "iperf 3.12"},
                 "end": {"sum_sent": {"bits_per_second": 400000000.0},
                         "sum_received": {"seconds": 1.0, "bits_per_second": 385123456.5}}}
                """);

        assertThat(Iperf3Traffic.tcpRun(report).bitsPerSecond()).isEqualTo(385123456.5);
    }

    @Test
    void aUdpRunCountsTheDatagramsThatArrivedOverTheReceiversInterval() throws Exception {
        JsonNode report = JSON.readTree("""
                {"end": {"sum_sent": {"packets": 50000, "seconds": 1.0},
                         "sum_received": {"packets": 49000, "lost_packets": 30500, "seconds": 1.25}}}
                """);

        UdpRun run = Iperf3Traffic.udpRun(report);

        assertThat(run.sent()).isEqualTo(50000);
        assertThat(run.received()).isEqualTo(18500);
        assertThat(run.seconds()).isEqualTo(1.25);
        assertThat(run.receivedPerSecond()).isEqualTo(14800);
    }

    @Test
    void moreLostThanCountedIsNoneArrivedAndAnEmptyIntervalNoRate() {
        assertThat(new UdpRun(10, 0, 0).receivedPerSecond()).isZero();
        assertThat(Iperf3Traffic.udpRun(udp(100, 120, 1.0)).received()).isZero();
    }

    @Test
    void aReportWithoutTheFigureIsAnErrorNamingTheFieldAndTheVersion() throws Exception {
        JsonNode interrupted = JSON.readTree("""
                {"start": {"version": "iperf 3.12"},
                 "end": {"sum_received": {"bits_per_second": null}},
                 "error": "interrupt - the client has terminated"}
                """);

        assertThatThrownBy(() -> Iperf3Traffic.tcpRun(interrupted))
                .isInstanceOf(LabException.class)
                .hasMessage("iperf3's report has no number at end.sum_received.bits_per_second (iperf3 iperf 3.12)");
        assertThatThrownBy(() -> Iperf3Traffic.udpRun(JSON.readTree("{}")))
                .isInstanceOf(LabException.class)
                .hasMessage("iperf3's report has no number at end.sum_sent.packets (iperf3 of unknown version)");
    }

    @Test
    void theSessionLoadsLineIsReadByItsTag() {
        String output = "HOLDING is not this\nCONNECTS ok=60 failed=0 seconds=0.095\n"
                + "SETUPS ok=30 failed=0 seconds=2.142 p50ms=1818.0 p99ms=2142.0\nHOLDING 30\n";

        Map<String, String> setups = SessionBench.line(output, "SETUPS");

        assertThat(setups)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("ok", "30", "failed", "0", "seconds", "2.142", "p50ms", "1818.0", "p99ms", "2142.0"));
        assertThat(SessionBench.line(output, "CONNECTS")).containsEntry("ok", "60");
        assertThatThrownBy(() -> SessionBench.line("FIRST_ERROR timeout\n", "SETUPS"))
                .isInstanceOf(LabException.class)
                .hasMessage("the session load printed no SETUPS line:\nFIRST_ERROR timeout\n");
    }

    private static JsonNode udp(long packets, long lost, double seconds) {
        return JSON.valueToTree(Map.of(
                "end",
                Map.of(
                        "sum_sent", Map.of("packets", packets),
                        "sum_received", Map.of("packets", packets, "lost_packets", lost, "seconds", seconds))));
    }
}
