package io.pptpgw.cli;

import io.pptpgw.bench.Bench;
import io.pptpgw.bench.BenchOptions;
import io.pptpgw.bench.BenchOptions.Measurement;
import io.pptpgw.bench.BenchReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pptpgw bench}: builds a lab of its own (client, node, server), runs our gateway and our client in it as
 * real processes, and measures them against baselines taken in the same run, printed as ratios (BRIEF §7). Progress
 * goes to standard error, the report to standard output. Exit 0 when every measurement ran, 1 when the lab or a
 * process failed, 2 when an option is wrong (before anything is built). Nothing here passes or fails on a figure:
 * machines differ, and this one is shared.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Measure the gateway in a lab of its own, as ratios to baselines of the same run (needs root).",
            "throughput: bulk TCP through one tunnel (MPPE-128 and no encryption) / the same path without it",
            "setups: sessions set up per second (MS-CHAPv2 + MPPE-128 + IPCP) / TCP connects per second",
            "memory: the gateway's memory per idle session",
            "packets: small UDP datagrams per second through the tunnel / without it, and per core"
        })
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--measure",
            split = ",",
            paramLabel = "WHAT",
            description = "What to measure: throughput, setups, memory, packets (default: all).")
    private List<String> measurements = List.of("throughput", "setups", "memory", "packets");

    @Option(
            names = "--duration",
            paramLabel = "SECONDS",
            defaultValue = "4",
            description = "Seconds per traffic run (default ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "2",
            description = "Baseline/tunnel pairs per comparison (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(
            names = "--setups",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Sessions per setup-rate round (default ${DEFAULT-VALUE}).")
    private int setups;

    @Option(
            names = "--connects",
            paramLabel = "N",
            defaultValue = "2000",
            description = "TCP connects per setup-rate round, the baseline (default ${DEFAULT-VALUE}).")
    private int connects;

    @Option(
            names = "--sessions",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Idle sessions for the memory figure (default ${DEFAULT-VALUE}).")
    private int idleSessions;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "64",
            description = "Dials and connects in flight at once (default ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(
            names = "--packet-size",
            paramLabel = "OCTETS",
            defaultValue = "64",
            description = "UDP payload octets for the packet rate (default ${DEFAULT-VALUE}).")
    private int packetSize;

    @Option(
            names = "--traffic",
            paramLabel = "TOOL",
            defaultValue = "auto",
            description = "Traffic tool: auto (iperf3 when installed), iperf3 or java (default ${DEFAULT-VALUE}).")
    private String traffic;

    @Option(
            names = "--gateway-jvm-option",
            paramLabel = "OPTION",
            description =
                    "An option for the gateway's JVM, e.g. -XX:StartFlightRecording=filename=gw.jfr (repeatable).")
    private List<String> gatewayJvmOptions = new ArrayList<>();

    @Option(
            names = "--client-jvm-option",
            paramLabel = "OPTION",
            description = "An option for our client's JVMs (repeatable).")
    private List<String> clientJvmOptions = new ArrayList<>();

    @Option(names = "--logs", paramLabel = "DIR", description = "Keep every process's output in this directory.")
    private Path logs;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        BenchReport report = new Bench(options(), spec.commandLine().getErr()).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.toJson() : report.toText());
        out.flush();
        return 0;
    }

    /** The options checked one by one: a wrong one is a usage error (exit 2) that names it and its value. */
    private BenchOptions options() {
        within("--duration", durationSeconds, 1, Integer.MAX_VALUE);
        within("--rounds", rounds, 1, Integer.MAX_VALUE);
        within("--setups", setups, 1, BenchOptions.MAX_SESSIONS);
        within("--connects", connects, 1, Integer.MAX_VALUE);
        within("--sessions", idleSessions, 1, BenchOptions.MAX_SESSIONS);
        within("--concurrency", concurrency, 1, Integer.MAX_VALUE);
        within("--packet-size", packetSize, BenchOptions.MIN_PACKET_SIZE, BenchOptions.MAX_PACKET_SIZE);
        if (!BenchOptions.TRAFFIC_TOOLS.contains(traffic)) {
            throw usage("--traffic " + traffic + " is not one of " + String.join(", ", BenchOptions.TRAFFIC_TOOLS));
        }
        return new BenchOptions(
                measurements(),
                Duration.ofSeconds(durationSeconds),
                rounds,
                setups,
                connects,
                idleSessions,
                concurrency,
                packetSize,
                traffic,
                gatewayJvmOptions,
                clientJvmOptions,
                logs);
    }

    private void within(String option, int value, int least, int most) {
        if (value < least) {
            throw usage(option + " " + value + " must be at least " + least);
        }
        if (value > most) {
            throw usage(option + " " + value + " must be at most " + most);
        }
    }

    private EnumSet<Measurement> measurements() {
        EnumSet<Measurement> chosen = EnumSet.noneOf(Measurement.class);
        for (String name : measurements) {
            try {
                chosen.add(Measurement.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw usage("--measure " + name + " is not one of throughput, setups, memory, packets");
            }
        }
        return chosen;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
