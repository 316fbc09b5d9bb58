package io.pptpgw.bench;

import io.pptpgw.bench.BenchReport.Comparison;
import io.pptpgw.bench.BenchReport.Figure;
import io.pptpgw.bench.Traffic.Ends;
import io.pptpgw.bench.Traffic.UdpRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Small UDP datagrams as fast as the sender can, through the tunnel and through the same path without it. Three
 * figures per direction:
 *
 * <ul>
 *   <li>datagrams delivered per second, tunnel against baseline;
 *   <li>datagrams delivered per busy core-second of the whole machine (its CPU time less idle, from /proc/stat):
 *       what each path costs end to end, sender, receiver and every hop included;
 *   <li>the gateway's own rate per core: GRE packets it received (upload: GRE to TUN) or sent (download: TUN to
 *       GRE) per second of CPU time of the worker thread that carried them.
 * </ul>
 *
 * The kernel does not account its forwarding to a process, so the baseline of the last figure is the second one:
 * the busy time of the machine while it forwards the same packets without the tunnel.
 */
final class PacketRate {
    private final Traffic traffic;
    private final BenchOptions options;
    private final PrintWriter progress;

    PacketRate(Traffic traffic, BenchOptions options, PrintWriter progress) {
        this.traffic = traffic;
        this.options = options;
        this.progress = progress;
    }

    private record Run(double deliveredPerSecond, double deliveredPerBusySecond, double gatewayPerCoreSecond) {}

    /** Comparisons and figures for both directions through one tunnel served by {@code gateway}. */
    BenchReport.Section measure(String tunnelName, Ends baseline, Ends tunnel, ProcStat.Workers gateway) {
        traffic.udp(tunnel, options.packetSize(), options.duration(), false);
        List<Comparison> comparisons = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        for (boolean download : new boolean[] {false, true}) {
            String name = tunnelName + (download ? " download" : " upload");
            Run[] baselines = new Run[options.rounds()];
            Run[] tunnels = new Run[options.rounds()];
            for (int round = 0; round < options.rounds(); round++) {
                if (round % 2 == 0) {
                    baselines[round] = run(baseline, download, null);
                    tunnels[round] = run(tunnel, download, gateway);
                } else {
                    tunnels[round] = run(tunnel, download, gateway);
                    baselines[round] = run(baseline, download, null);
                }
                report(name, round, tunnels[round], baselines[round]);
            }
            comparisons.add(compare(name + " delivered", "packets/s", baselines, tunnels, Run::deliveredPerSecond));
            comparisons.add(compare(
                    name + " per busy core", "packets/core-s", baselines, tunnels, Run::deliveredPerBusySecond));
            figures.add(new Figure(
                    "gateway " + (download ? "TUN->GRE" : "GRE->TUN") + " per core (" + name + ")",
                    BenchReport.median(values(tunnels, Run::gatewayPerCoreSecond)),
                    "packets/core-s"));
        }
        return new BenchReport.Section(
                "packets",
                options.packetSize() + "-octet UDP datagrams as fast as the sender can, tunnel against the same path "
                        + "without it",
                comparisons,
                figures);
    }

    private Run run(Ends ends, boolean download, ProcStat.Workers gateway) {
        ProcStat.Snapshot before = gateway == null ? null : gateway.snapshot();
        long busyBefore = ProcStat.machineBusyNanos();
        long start = System.nanoTime();
        UdpRun run = traffic.udp(ends, options.packetSize(), options.duration(), download);
        double busySeconds = (ProcStat.machineBusyNanos() - busyBefore) / 1e9;
        double wall = (System.nanoTime() - start) / 1e9;
        double perCore = 0;
        if (gateway != null) {
            ProcStat.Snapshot used = gateway.snapshot().minus(before);
            double packets = download ? used.greSent() : used.greReceived();
            double workerSeconds = (download ? used.tunNanos() : used.greNanos()) / 1e9;
            perCore = workerSeconds <= 0 ? 0 : packets / workerSeconds;
        }
        // The busy time covers the whole call (start-up of the tool included): scale the datagrams to it.
        double busyPerSecond = busySeconds / wall;
        return new Run(
                run.receivedPerSecond(), busyPerSecond <= 0 ? 0 : run.receivedPerSecond() / busyPerSecond, perCore);
    }

    private void report(String name, int round, Run tunnel, Run baseline) {
        progress.printf(
                Locale.ROOT,
                "packets %s round %d: tunnel %s (%s), baseline %s (%s), gateway worker %s%n",
                name,
                round + 1,
                BenchReport.format(tunnel.deliveredPerSecond(), "packets/s"),
                BenchReport.format(tunnel.deliveredPerBusySecond(), "packets/core-s"),
                BenchReport.format(baseline.deliveredPerSecond(), "packets/s"),
                BenchReport.format(baseline.deliveredPerBusySecond(), "packets/core-s"),
                BenchReport.format(tunnel.gatewayPerCoreSecond(), "packets/core-s"));
        progress.flush();
    }

    private static Comparison compare(
            String name, String unit, Run[] baselines, Run[] tunnels, java.util.function.ToDoubleFunction<Run> value) {
        return Comparison.of(name, unit, values(baselines, value), values(tunnels, value));
    }

    private static double[] values(Run[] runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = value.applyAsDouble(runs[i]);
        }
        return values;
    }
}
