package io.pptpgw.bench;

import io.pptpgw.bench.BenchReport.Comparison;
import io.pptpgw.bench.BenchReport.Figure;
import io.pptpgw.bench.Traffic.Ends;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bulk TCP through one tunnel against the same path without it: the client and the server exchange data through
 * the node both times, once routed by the kernel alone (the baseline) and once through our client, the GRE link and
 * the gateway. Rounds alternate which runs first, so a drift of the machine's speed does not favour either; a
 * warm-up run through the tunnel first lets the JIT compile the data path.
 *
 * <p>Beside the ratios, the CPU time the data path's workers spend per packet, in the gateway and in our client:
 * a machine busy with other work lowers throughput but hardly changes these.
 */
final class Throughput {
    private final Traffic traffic;
    private final BenchOptions options;
    private final PrintWriter progress;
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();

    Throughput(Traffic traffic, BenchOptions options, PrintWriter progress) {
        this.traffic = traffic;
        this.options = options;
        this.progress = progress;
    }

    private record Run(double bitsPerSecond, double gatewayNanosPerPacket, double clientNanosPerPacket) {}

    /** Upload (client to server) and download comparisons for one tunnel, e.g. {@code mppe-128}. */
    void compare(String tunnelName, Ends baseline, Ends tunnel, ProcStat.Workers gateway, ProcStat.Workers client) {
        traffic.tcp(tunnel, options.duration(), false);
        for (boolean download : new boolean[] {false, true}) {
            String name = tunnelName + (download ? " download" : " upload");
            double[] baselines = new double[options.rounds()];
            Run[] tunnels = new Run[options.rounds()];
            for (int round = 0; round < options.rounds(); round++) {
                if (round % 2 == 0) {
                    baselines[round] =
                            traffic.tcp(baseline, options.duration(), download).bitsPerSecond();
                    tunnels[round] = run(tunnel, download, gateway, client);
                } else {
                    tunnels[round] = run(tunnel, download, gateway, client);
                    baselines[round] =
                            traffic.tcp(baseline, options.duration(), download).bitsPerSecond();
                }
                report(name, round, tunnels[round], baselines[round]);
            }
            comparisons.add(Comparison.of(name, "bit/s", baselines, values(tunnels, Run::bitsPerSecond)));
            figures.add(new Figure(
                    "gateway worker CPU per packet, " + name,
                    BenchReport.median(values(tunnels, Run::gatewayNanosPerPacket)),
                    "ns"));
            figures.add(new Figure(
                    "client worker CPU per packet, " + name,
                    BenchReport.median(values(tunnels, Run::clientNanosPerPacket)),
                    "ns"));
        }
    }

    /**
     * One run through the tunnel. Upload data crosses the client's TUN worker and the gateway's GRE worker; download
     * data the gateway's TUN worker and the client's GRE worker: those are charged, per GRE packet of the gateway.
     */
    private Run run(Ends tunnel, boolean download, ProcStat.Workers gateway, ProcStat.Workers client) {
        ProcStat.Snapshot gatewayBefore = gateway.snapshot();
        ProcStat.Snapshot clientBefore = client.snapshot();
        double bits = traffic.tcp(tunnel, options.duration(), download).bitsPerSecond();
        ProcStat.Snapshot gatewayUsed = gateway.snapshot().minus(gatewayBefore);
        ProcStat.Snapshot clientUsed = client.snapshot().minus(clientBefore);
        double packets = download ? gatewayUsed.greSent() : gatewayUsed.greReceived();
        return new Run(
                bits,
                perPacket(download ? gatewayUsed.tunNanos() : gatewayUsed.greNanos(), packets),
                perPacket(download ? clientUsed.greNanos() : clientUsed.tunNanos(), packets));
    }

    private static double perPacket(long nanos, double packets) {
        return packets <= 0 ? 0 : nanos / packets;
    }

    private void report(String name, int round, Run tunnel, double baseline) {
        progress.printf(
                Locale.ROOT,
                "throughput %s round %d: tunnel %s, baseline %s; per packet: gateway %.0f ns, client %.0f ns%n",
                name,
                round + 1,
                BenchReport.format(tunnel.bitsPerSecond(), "bit/s"),
                BenchReport.format(baseline, "bit/s"),
                tunnel.gatewayNanosPerPacket(),
                tunnel.clientNanosPerPacket());
        progress.flush();
    }

    private static double[] values(Run[] runs, java.util.function.ToDoubleFunction<Run> value) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = value.applyAsDouble(runs[i]);
        }
        return values;
    }

    BenchReport.Section section() {
        return new BenchReport.Section(
                "throughput", "bulk TCP through one tunnel against the same path without it", comparisons, figures);
    }
}
