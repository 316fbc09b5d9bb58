package io.pptpgw.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.bench.BenchReport.Comparison;
import io.pptpgw.bench.BenchReport.Figure;
import io.pptpgw.bench.BenchReport.Section;
import io.pptpgw.bench.BenchReport.Setup;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's arithmetic (paired rounds) and its two renderings. */
class BenchReportTest {
    private static final double EXACT = 1e-12;

    @Test
    void theRatioIsTheMedianOfTheRoundsRatiosNotTheRatioOfTheMedians() {
        // Rounds where the machine's speed drifted: each tunnel run is compared with its own baseline.
        double[] baselines = {100, 1000, 10};
        double[] tunnels = {90, 100, 5};

        Comparison comparison = Comparison.of("upload", "bit/s", baselines, tunnels);

        assertThat(comparison.ratio()).isCloseTo(0.5, within(EXACT)); // ratios 0.9, 0.1, 0.5
        assertThat(comparison.ratioMin()).isCloseTo(0.1, within(EXACT));
        assertThat(comparison.ratioMax()).isCloseTo(0.9, within(EXACT));
        assertThat(comparison.baseline()).isEqualTo(100); // median 100 / median 90 would have said 0.9
        assertThat(comparison.tunnel()).isEqualTo(90);
        assertThat(comparison.rounds()).isEqualTo(3);
        assertThat(comparison.name()).isEqualTo("upload");
        assertThat(comparison.unit()).isEqualTo("bit/s");
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        Comparison comparison = Comparison.of("x", "/s", new double[] {10, 10, 10, 10}, new double[] {1, 4, 2, 8});

        assertThat(comparison.ratio()).isCloseTo(0.3, within(EXACT)); // ratios 0.1 0.2 0.4 0.8
        assertThat(comparison.ratioMin()).isCloseTo(0.1, within(EXACT));
        assertThat(comparison.ratioMax()).isCloseTo(0.8, within(EXACT));
        assertThat(comparison.tunnel()).isEqualTo(3);
    }

    @Test
    void oneRoundIsItsOwnMedianAndSpread() {
        Comparison comparison = Comparison.of("x", "/s", new double[] {632}, new double[] {14});

        assertThat(comparison.ratio()).isCloseTo(14 / 632.0, within(EXACT));
        assertThat(comparison.ratioMin()).isEqualTo(comparison.ratio());
        assertThat(comparison.ratioMax()).isEqualTo(comparison.ratio());
    }

    @Test
    void aRoundWhoseBaselineMeasuredNothingCountsAsRatioZeroNotInfinity() {
        Comparison comparison = Comparison.of("x", "/s", new double[] {0, 100, 100}, new double[] {50, 50, 60});

        assertThat(comparison.ratioMin()).isZero();
        assertThat(comparison.ratio()).isCloseTo(0.5, within(EXACT));
        assertThat(comparison.ratioMax()).isCloseTo(0.6, within(EXACT));
        assertThat(Comparison.of("x", "/s", new double[] {0}, new double[] {0}).ratio())
                .isZero();
    }

    @Test
    void theMedianOfNothingIsZeroAndTheInputIsNotReordered() {
        double[] values = {3, 1, 2};

        assertThat(BenchReport.median(new double[0])).isZero();
        assertThat(BenchReport.median(values)).isEqualTo(2);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void theTextReportShowsTheSetupThenEachRatioWithItsSpreadAndRawFigures() {
        String text = report().toText();

        assertThat(text)
                .startsWith("pptpgw bench 1.2.3: 2 cores, traffic by iperf3, 4 s runs, 3 rounds\n")
                .contains("ratios are tunnel / baseline, the median of paired rounds [lowest..highest]")
                .contains("throughput: bulk TCP through one tunnel")
                .containsPattern("(?m)^  mppe-128 upload +0\\.016 \\[0\\.012\\.\\.0\\.020\\]   tunnel 385 Mbit/s,"
                        + " baseline 24\\.8 Gbit/s$")
                .containsPattern("(?m)^  gateway worker CPU per packet, mppe-128 upload +10825 ns$")
                .containsPattern("(?m)^  setups/s vs TCP connects/s +0\\.022 ")
                .containsPattern("(?m)^  failed setups +0 sessions$")
                .containsPattern("(?m)^  heap per idle session +13\\.3 KiB$")
                .containsPattern("(?m)^  RSS with no session +190\\.8 MiB$")
                .endsWith("\n");
    }

    @Test
    void theTextReportPadsEveryNameToTheWidestSoTheValuesLineUp() {
        String widest = "gateway worker CPU per packet, mppe-128 upload";
        String padding = " ".repeat(widest.length() - "failed setups".length());

        assertThat(report().toText())
                .contains("\n  " + widest + "  10825 ns\n")
                .contains("\n  failed setups" + padding + "  0 sessions\n")
                .contains("\n  setups/s vs TCP connects/s"
                        + " ".repeat(widest.length() - "setups/s vs TCP connects/s".length())
                        + "  0.022 [0.022..0.022]   tunnel 14 /s, baseline 632 /s\n");
    }

    @Test
    void theJsonReportHoldsTheSetupAndEveryFigure() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report().toJson());

        assertThat(json.path("setup").path("cores").asInt()).isEqualTo(2);
        assertThat(json.path("setup").path("traffic").asText()).isEqualTo("iperf3");
        assertThat(json.path("setup").path("durationSeconds").asDouble()).isEqualTo(4.0);
        assertThat(json.path("setup").path("rounds").asInt()).isEqualTo(3);
        assertThat(json.path("setup").path("version").asText()).isEqualTo("1.2.3");
        JsonNode throughput = json.path("sections").get(0);
        assertThat(throughput.path("name").asText()).isEqualTo("throughput");
        JsonNode upload = throughput.path("comparisons").get(0);
        assertThat(upload.path("name").asText()).isEqualTo("mppe-128 upload");
        assertThat(upload.path("unit").asText()).isEqualTo("bit/s");
        assertThat(upload.path("ratio").asDouble()).isEqualTo(0.016);
        assertThat(upload.path("ratioMin").asDouble()).isEqualTo(0.012);
        assertThat(upload.path("ratioMax").asDouble()).isEqualTo(0.020);
        assertThat(upload.path("baseline").asDouble()).isEqualTo(24.8e9);
        assertThat(upload.path("tunnel").asDouble()).isEqualTo(385e6);
        assertThat(upload.path("rounds").asInt()).isEqualTo(3);
        assertThat(throughput.path("figures").get(0).path("value").asDouble()).isEqualTo(10825);
        assertThat(json.path("sections")
                        .get(2)
                        .path("figures")
                        .get(1)
                        .path("unit")
                        .asText())
                .isEqualTo("bytes");
        assertThat(report().toJson()).endsWith("}\n");
    }

    @Test
    void figuresAreScaledToTheirUnit() {
        assertThat(BenchReport.format(385e6, "bit/s")).isEqualTo("385 Mbit/s");
        assertThat(BenchReport.format(1.8e9, "bit/s")).isEqualTo("1.80 Gbit/s");
        assertThat(BenchReport.format(18_500, "packets/s")).isEqualTo("18.5 kpackets/s");
        assertThat(BenchReport.format(14.0186, "/s")).isEqualTo("14.0 /s");
        assertThat(BenchReport.format(2.5e12, "bit/s")).isEqualTo("2500 Gbit/s");
        assertThat(BenchReport.format(1818.4, "ms")).isEqualTo("1818 ms"); // no rate: never scaled
        assertThat(BenchReport.format(9.674, "ms")).isEqualTo("9.67 ms");
        assertThat(BenchReport.format(0, "sessions")).isEqualTo("0 sessions");
        assertThat(BenchReport.format(13_619, "bytes")).isEqualTo("13.3 KiB");
        assertThat(BenchReport.format(200_065_000, "bytes")).isEqualTo("190.8 MiB");
        assertThat(BenchReport.format(-2048, "bytes")).isEqualTo("-2.0 KiB");
    }

    private static BenchReport report() {
        return new BenchReport(
                new Setup(2, "iperf3", 4, 3, "1.2.3"),
                List.of(
                        new Section(
                                "throughput",
                                "bulk TCP through one tunnel against the same path without it",
                                List.of(new Comparison(
                                        "mppe-128 upload", "bit/s", 24.8e9, 385e6, 0.016, 0.012, 0.020, 3)),
                                List.of(new Figure("gateway worker CPU per packet, mppe-128 upload", 10825, "ns"))),
                        new Section(
                                "setups",
                                "sessions set up per second against TCP connects per second",
                                List.of(new Comparison(
                                        "setups/s vs TCP connects/s", "/s", 632, 14, 0.022, 0.022, 0.022, 3)),
                                List.of(new Figure("failed setups", 0, "sessions"))),
                        new Section(
                                "memory",
                                "the gateway's memory per idle session",
                                List.of(),
                                List.of(
                                        new Figure("heap per idle session", 13_619, "bytes"),
                                        new Figure("RSS with no session", 200_065_000, "bytes")))));
    }
}
