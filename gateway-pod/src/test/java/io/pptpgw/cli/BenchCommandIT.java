package io.pptpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Preflight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pptpgw bench} as a real process with the smallest settings: the report is complete and sane, and the bench
 * leaves no namespace, process or file behind. No figure is judged: speed is what the bench reports, not what a test
 * asserts (this machine is shared). It needs iperf3, as CI has; without it the bench says so and this fails.
 */
class BenchCommandIT {
    private static final Duration PATIENCE = Duration.ofMinutes(6);

    @TempDir
    Path files;

    @BeforeEach
    void needsTheLab() {
        assumeTrue(Preflight.problems().isEmpty(), () -> "network lab unavailable: " + Preflight.problems());
    }

    @Test
    void aSmallRunReportsEveryMeasurementAsRatiosAndLeavesNothingBehind() throws IOException {
        Path temporary = Files.createDirectories(files.resolve("tmp"));
        Path logs = files.resolve("logs");
        LabProcess process = Invocation.java(
                        List.of("-Djava.io.tmpdir=" + temporary),
                        PptpgwCommand.class,
                        "bench",
                        "--duration",
                        "1",
                        "--rounds",
                        "1",
                        "--setups",
                        "30",
                        "--connects",
                        "60",
                        "--sessions",
                        "100",
                        "--traffic",
                        "iperf3",
                        "--logs",
                        logs.toString(),
                        "--json")
                .start();
        ExecResult bench = process.waitFor(PATIENCE);

        assertThat(bench.exitCode()).as(bench.toString()).isZero();
        JsonNode report = new ObjectMapper().readTree(bench.stdout());
        assertEveryMeasurementIsThere(report);
        assertEveryFigureIsSane(report);
        assertThat(bench.stderr()).contains("starting the gateway with MPPE-128 required", "setups round 1");
        assertThat(namespacesOf(process.pid())).as("the bench's namespaces").isEmpty();
        assertThat(processesUsing(temporary)).as("processes of the bench").isEmpty();
        try (Stream<Path> left = Files.list(temporary)) {
            assertThat(left).as("the bench's temporary files").isEmpty();
        }
        assertThat(logs.resolve("01-gateway-Required.log")).isNotEmptyFile();
        assertThat(logs.resolve("metrics-mppe.txt")).content().contains("pptpgw_sessions_active");
    }

    private static void assertEveryMeasurementIsThere(JsonNode report) {
        assertThat(report.path("setup").path("traffic").asText()).isEqualTo("iperf3");
        assertThat(report.path("setup").path("durationSeconds").asDouble()).isEqualTo(1.0);
        assertThat(report.path("setup").path("rounds").asInt()).isEqualTo(1);
        assertThat(report.path("setup").path("cores").asInt()).isPositive();
        assertThat(names(report.path("sections"))).containsExactly("throughput", "packets", "setups", "memory");
        assertThat(names(section(report, "throughput").path("comparisons")))
                .containsExactly(
                        "mppe-128 upload", "mppe-128 download", "no encryption upload", "no encryption download");
        assertThat(names(section(report, "packets").path("comparisons")))
                .containsExactly(
                        "mppe-128 upload delivered",
                        "mppe-128 upload per busy core",
                        "mppe-128 download delivered",
                        "mppe-128 download per busy core");
        assertThat(names(section(report, "setups").path("comparisons"))).containsExactly("setups/s vs TCP connects/s");
        assertThat(figure(report, "memory", "idle sessions held")).isEqualTo(100);
        assertThat(figure(report, "setups", "failed setups")).isZero();
    }

    /** Every ratio and raw rate positive and finite, every figure a finite number; no speed is judged. */
    private static void assertEveryFigureIsSane(JsonNode report) {
        for (JsonNode section : report.path("sections")) {
            for (JsonNode comparison : section.path("comparisons")) {
                for (String field : List.of("baseline", "tunnel", "ratio", "ratioMin", "ratioMax")) {
                    assertThat(comparison.path(field).asDouble())
                            .as("%s %s of %s", section.path("name"), field, comparison)
                            .isPositive()
                            .isFinite();
                }
                assertThat(comparison.path("rounds").asInt()).isEqualTo(1);
            }
            for (JsonNode figure : section.path("figures")) {
                assertThat(figure.path("value").isNumber())
                        .as(figure.toString())
                        .isTrue();
                assertThat(figure.path("value").asDouble())
                        .as(figure.toString())
                        .isFinite();
            }
        }
        // Work was done and accounted: sessions hold heap, packets took the workers' CPU time.
        assertThat(figure(report, "memory", "heap per idle session")).isPositive();
        assertThat(figure(report, "packets", "gateway GRE->TUN per core (mppe-128 upload)"))
                .isPositive();
        assertThat(figure(report, "throughput", "gateway worker CPU per packet, mppe-128 download"))
                .isPositive();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.path("name").asText()));
        return names;
    }

    private static JsonNode section(JsonNode report, String name) {
        for (JsonNode section : report.path("sections")) {
            if (section.path("name").asText().equals(name)) {
                return section;
            }
        }
        throw new AssertionError("the report has no section " + name + ": " + report);
    }

    private static double figure(JsonNode report, String sectionName, String name) {
        for (JsonNode figure : section(report, sectionName).path("figures")) {
            if (figure.path("name").asText().equals(name)) {
                return figure.path("value").asDouble();
            }
        }
        throw new AssertionError("section " + sectionName + " has no figure '" + name + "'");
    }

    /** The bench's lab namespaces that still exist: their names carry its PID ({@code pgl<pid>-<n>}). */
    private static List<String> namespacesOf(long pid) throws IOException {
        Path directory = Path.of("/run/netns");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> names = Files.list(directory)) {
            return names.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("pgl" + pid + "-"))
                    .toList();
        }
    }

    /** Processes whose command line names a file under {@code directory}: the gateways, probes and loads. */
    private static List<String> processesUsing(Path directory) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().arguments().map(List::of).orElse(List.of()))
                .map(arguments -> String.join(" ", arguments))
                .filter(arguments -> arguments.contains(directory.toString()))
                .toList();
    }
}
