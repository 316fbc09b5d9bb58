package io.pptpgw.bench;

import io.pptpgw.bench.BenchReport.Comparison;
import io.pptpgw.bench.BenchReport.Figure;
import io.pptpgw.bench.BenchReport.Section;
import io.pptpgw.lab.LabException;
import io.pptpgw.lab.LabProcess;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sessions at scale, driven by {@link SessionLoad} in the lab's client: how fast the gateway sets them up
 * (MS-CHAPv2, MPPE-128, IPCP) against plain TCP connects to its port on the same path, and how much memory an idle
 * session costs the gateway.
 */
final class SessionBench {
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final BenchLab lab;
    private final BenchOptions options;
    private final PrintWriter progress;

    SessionBench(BenchLab lab, BenchOptions options, PrintWriter progress) {
        this.lab = lab;
        this.options = options;
        this.progress = progress;
    }

    /** Rounds of {@code connects} TCP connect+close, then {@code setups} dials, each round in a fresh client. */
    Section setupRate(GatewayUnderTest gateway) {
        double[] connectRates = new double[options.rounds()];
        double[] setupRates = new double[options.rounds()];
        List<Map<String, String>> setups = new ArrayList<>();
        for (int round = 0; round < options.rounds(); round++) {
            gateway.awaitNoSessions(SETTLE);
            LabProcess load = startLoad(
                    "setups",
                    "--connects",
                    Integer.toString(options.connects()),
                    "--setups",
                    Integer.toString(options.setups()));
            String output = load.waitFor(timeout(options.setups() + options.connects()))
                    .orThrow()
                    .stdout();
            lab.stop(load);
            Map<String, String> connects = line(output, "CONNECTS");
            Map<String, String> dialled = line(output, "SETUPS");
            setups.add(dialled);
            connectRates[round] = rate(connects);
            setupRates[round] = rate(dialled);
            progress.printf(
                    Locale.ROOT,
                    "setups round %d: %.0f setups/s (%s failed), %.0f TCP connects/s%n",
                    round + 1,
                    setupRates[round],
                    dialled.get("failed"),
                    connectRates[round]);
            progress.flush();
        }
        return new Section(
                "setups",
                "sessions set up per second (MS-CHAPv2, MPPE-128, IPCP; " + options.concurrency()
                        + " dials in flight) against TCP connect+close per second to the gateway's port",
                List.of(Comparison.of("setups/s vs TCP connects/s", "1/s", connectRates, setupRates)),
                List.of(
                        new Figure("setup time p50", median(setups, "p50ms"), "ms"),
                        new Figure("setup time p99", median(setups, "p99ms"), "ms"),
                        new Figure("failed setups", sum(setups, "failed"), "sessions")));
    }

    /** The gateway's heap after a full collection and its resident memory, idle and with the idle sessions up. */
    Section idleMemory(GatewayUnderTest gateway) {
        gateway.awaitNoSessions(SETTLE);
        long heapBefore = gateway.heapAfterCollection();
        long residentBefore = gateway.residentBytes();
        int sessions = options.idleSessions();
        LabProcess load = startLoad("idle", "--setups", Integer.toString(sessions), "--hold");
        load.awaitOutput("HOLDING", timeout(sessions));
        Map<String, String> dialled = line(load.stdout(), "SETUPS");
        int up = Integer.parseInt(dialled.get("ok"));
        long heapAfter = gateway.heapAfterCollection();
        long residentAfter = gateway.residentBytes();
        double active = gateway.metric("pptpgw_sessions_active");
        lab.stop(load);
        progress.printf(
                Locale.ROOT,
                "memory: %d sessions up (gateway counts %.0f), heap %d -> %d KiB, RSS %d -> %d KiB%n",
                up,
                active,
                heapBefore >> 10,
                heapAfter >> 10,
                residentBefore >> 10,
                residentAfter >> 10);
        progress.flush();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("idle sessions held", up, "sessions"));
        if (heapBefore >= 0) {
            figures.add(new Figure("heap per idle session", perSession(heapAfter - heapBefore, up), "bytes"));
            figures.add(new Figure("heap with no session", heapBefore, "bytes"));
        }
        figures.add(new Figure("RSS per idle session", perSession(residentAfter - residentBefore, up), "bytes"));
        figures.add(new Figure("RSS with no session", residentBefore, "bytes"));
        figures.add(new Figure("setups/s while filling", rate(dialled), "1/s"));
        return new Section(
                "memory",
                "the gateway's memory per idle session (heap after a full GC, and RSS) with " + sessions
                        + " sessions up, against none",
                List.of(),
                figures);
    }

    private LabProcess startLoad(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "--server",
                BenchTopology.GATEWAY_ADDRESS,
                "--user",
                BenchLab.USER,
                "--password-file",
                lab.passwordFile().toString(),
                "--source",
                String.join(",", BenchTopology.loadSources(options.sourceAddresses())),
                "--concurrency",
                Integer.toString(options.concurrency())));
        command.addAll(List.of(args));
        return lab.startJava(lab.client(), "load-" + name, SessionLoad.class, command.toArray(String[]::new));
    }

    /** Generous: a slow machine sets up 20 sessions a second at least. */
    private static Duration timeout(int operations) {
        return Duration.ofSeconds(120 + operations / 20);
    }

    /** The {@code key=value} fields of the load's line that starts with {@code tag}. */
    static Map<String, String> line(String output, String tag) {
        String line = output.lines()
                .filter(candidate -> candidate.startsWith(tag + " "))
                .findFirst()
                .orElseThrow(() -> new LabException("the session load printed no " + tag + " line:\n" + output));
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring(tag.length() + 1).split(" ")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return fields;
    }

    private static double rate(Map<String, String> fields) {
        double seconds = Double.parseDouble(fields.get("seconds"));
        return seconds <= 0 ? 0 : Integer.parseInt(fields.get("ok")) / seconds;
    }

    private static double perSession(long bytes, int sessions) {
        return sessions == 0 ? 0 : (double) bytes / sessions;
    }

    private static double median(List<Map<String, String>> lines, String key) {
        return BenchReport.median(lines.stream()
                .mapToDouble(fields -> Double.parseDouble(fields.get(key)))
                .toArray());
    }

    private static double sum(List<Map<String, String>> lines, String key) {
        return lines.stream()
                .mapToDouble(fields -> Double.parseDouble(fields.get(key)))
                .sum();
    }
}
