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

    /**
     * After a warm-up, rounds of {@code connects} TCP connect+close and then {@code setups} dials, each in a fresh
     * client process. Besides the rates, the gateway's CPU time per connect and per setup (its whole process, while
     * the load runs): on a machine shared with other work the rates move, the CPU per operation much less.
     */
    Section setupRate(GatewayUnderTest gateway) {
        gateway.awaitNoSessions(SETTLE);
        dialAndHold(gateway, Math.min(200, options.setups()));
        double[] connectRates = new double[options.rounds()];
        double[] setupRates = new double[options.rounds()];
        double[] connectCpu = new double[options.rounds()];
        double[] setupCpu = new double[options.rounds()];
        List<Map<String, String>> setups = new ArrayList<>();
        for (int round = 0; round < options.rounds(); round++) {
            gateway.awaitNoSessions(SETTLE);
            long before = ProcStat.processCpuNanos(gateway.pid());
            LabProcess connects = startLoad("connects", "--connects", Integer.toString(options.connects()));
            Map<String, String> connected =
                    line(connects.waitFor(timeout(options.connects())).orThrow().stdout(), "CONNECTS");
            lab.stop(connects);
            connectCpu[round] = perOperation(ProcStat.processCpuNanos(gateway.pid()) - before, connected);
            connectRates[round] = rate(connected);
            gateway.awaitNoSessions(SETTLE);
            Map<String, String> dialled = dialAndHold(gateway, options.setups());
            setups.add(dialled);
            setupRates[round] = rate(dialled);
            setupCpu[round] = Double.parseDouble(dialled.get("gatewayCpuNanos"));
            progress.printf(
                    Locale.ROOT,
                    "setups round %d: %.0f setups/s (%s failed), %.0f TCP connects/s; gateway CPU %.2f ms per setup,"
                            + " %.3f ms per connect%n",
                    round + 1,
                    setupRates[round],
                    dialled.get("failed"),
                    connectRates[round],
                    setupCpu[round] / 1e6,
                    connectCpu[round] / 1e6);
            progress.flush();
        }
        return new Section(
                "setups",
                "sessions set up per second (MS-CHAPv2, MPPE-128, IPCP; " + options.concurrency()
                        + " dials in flight) against TCP connect+close per second to the gateway's port",
                List.of(Comparison.of("setups/s vs TCP connects/s", "/s", connectRates, setupRates)),
                List.of(
                        new Figure("gateway CPU per setup", BenchReport.median(setupCpu) / 1e6, "ms"),
                        new Figure("gateway CPU per TCP connect", BenchReport.median(connectCpu) / 1e6, "ms"),
                        new Figure("setup time p50", median(setups, "p50ms"), "ms"),
                        new Figure("setup time p99", median(setups, "p99ms"), "ms"),
                        new Figure("failed setups", sum(setups, "failed"), "sessions")));
    }

    /**
     * Dials {@code count} sessions from a fresh client and holds them while the gateway's CPU time is read, then
     * ends the client (the gateway tears the sessions down as their connections close). The SETUPS line comes back
     * with {@code gatewayCpuNanos}: the gateway's CPU time per session set up.
     */
    private Map<String, String> dialAndHold(GatewayUnderTest gateway, int count) {
        long before = ProcStat.processCpuNanos(gateway.pid());
        LabProcess load = startLoad("setups", "--setups", Integer.toString(count), "--hold");
        load.awaitOutput("HOLDING", timeout(count));
        long used = ProcStat.processCpuNanos(gateway.pid()) - before;
        Map<String, String> dialled = new HashMap<>(line(load.stdout(), "SETUPS"));
        lab.stop(load);
        dialled.put("gatewayCpuNanos", Double.toString(perOperation(used, dialled)));
        return dialled;
    }

    private static double perOperation(long nanos, Map<String, String> fields) {
        int ok = Integer.parseInt(fields.get("ok"));
        return ok == 0 ? 0 : (double) nanos / ok;
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
        figures.add(new Figure("setups/s while filling", rate(dialled), "/s"));
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
