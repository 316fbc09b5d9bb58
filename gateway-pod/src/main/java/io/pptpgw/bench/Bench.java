package io.pptpgw.bench;

import io.pptpgw.bench.BenchOptions.Measurement;
import io.pptpgw.bench.BenchReport.Section;
import io.pptpgw.bench.Traffic.Ends;
import io.pptpgw.cli.Version;
import io.pptpgw.lab.LabException;
import io.pptpgw.lab.LabProcess;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One bench run, in two phases with a gateway each:
 *
 * <pre>
 * 1. gateway with encryption Required; our client (probe) with a real TUN device, MPPE-128 stateless
 *      throughput (TCP, both directions), packet rate (UDP, both directions); the probe hangs up
 *      session setups per second, then memory per idle session
 * 2. gateway with encryption Off; the probe without MPPE
 *      throughput (TCP, both directions)
 * </pre>
 *
 * The baseline of every traffic comparison is the same client and server talking through the same node without the
 * tunnel ({@link BenchTopology}), measured in the same phase, round by round.
 */
public final class Bench {
    private final BenchOptions options;
    private final PrintWriter progress;

    public Bench(BenchOptions options, PrintWriter progress) {
        this.options = options;
        this.progress = progress;
    }

    public BenchReport run() {
        boolean traffic = options.measurements().contains(Measurement.THROUGHPUT)
                || options.measurements().contains(Measurement.PACKETS);
        if (traffic && !Traffic.usesIperf3(options.traffic())) {
            step("traffic by our Java programs" + (options.traffic().equals("auto") ? " (iperf3 is not installed)" : "")
                    + ": slower per packet than iperf3, so the packet rates say less about the path");
        }
        List<Section> sections = new ArrayList<>();
        String trafficName = "none";
        try (BenchLab lab = BenchLab.build(options);
                Traffic generator = traffic ? Traffic.start(options.traffic(), lab) : null) {
            trafficName = generator == null ? "none" : generator.name();
            Throughput throughput = generator == null ? null : new Throughput(generator, options, progress);
            encryptedPhase(lab, generator, throughput, sections);
            if (options.measurements().contains(Measurement.THROUGHPUT)) {
                plainPhase(lab, throughput);
                sections.addFirst(throughput.section());
            }
        }
        return new BenchReport(
                new BenchReport.Setup(
                        Runtime.getRuntime().availableProcessors(),
                        trafficName,
                        options.duration().toMillis() / 1000.0,
                        options.rounds(),
                        Version.current()),
                sections);
    }

    private void encryptedPhase(BenchLab lab, Traffic traffic, Throughput throughput, List<Section> sections) {
        step("starting the gateway with MPPE-128 required");
        GatewayUnderTest gateway = lab.startGateway("Required");
        if (traffic != null) {
            step("dialling the tunnel for traffic (MPPE-128 stateless)");
            LabProcess probe = lab.startProbe(true);
            Ends tunnel = new Ends(BenchTopology.TUNNEL_TARGET, tunnelAddress(probe));
            ProcStat.Workers gatewayWorkers = ProcStat.Workers.of(gateway);
            if (options.measurements().contains(Measurement.THROUGHPUT)) {
                throughput.compare("mppe-128", baseline(), tunnel, gatewayWorkers, ProcStat.Workers.of(probe.pid()));
            }
            if (options.measurements().contains(Measurement.PACKETS)) {
                sections.add(new PacketRate(traffic, options, progress)
                        .measure("mppe-128", baseline(), tunnel, gatewayWorkers));
            }
            lab.stop(probe);
        }
        SessionBench sessions = new SessionBench(lab, options, progress);
        if (options.measurements().contains(Measurement.SETUPS)) {
            sections.add(sessions.setupRate(gateway));
        }
        if (options.measurements().contains(Measurement.MEMORY)) {
            sections.add(sessions.idleMemory(gateway));
        }
        stop(lab, gateway, "mppe");
    }

    private void plainPhase(BenchLab lab, Throughput throughput) {
        step("starting the gateway with encryption off");
        GatewayUnderTest gateway = lab.startGateway("Off");
        LabProcess probe = lab.startProbe(false);
        Ends tunnel = new Ends(BenchTopology.TUNNEL_TARGET, tunnelAddress(probe));
        throughput.compare(
                "no encryption", baseline(), tunnel, ProcStat.Workers.of(gateway), ProcStat.Workers.of(probe.pid()));
        lab.stop(probe);
        stop(lab, gateway, "plain");
    }

    /** Stops a phase's gateway, keeping its last metrics with the logs. */
    private void stop(BenchLab lab, GatewayUnderTest gateway, String phase) {
        if (options.logs() != null) {
            lab.keep("metrics-" + phase + ".txt", gateway.scrape());
        }
        lab.stop(gateway.process());
    }

    private static Ends baseline() {
        return new Ends(BenchTopology.BASELINE_TARGET, BenchTopology.PROBE_SOURCE);
    }

    /** The address IPCP gave the probe, from its "address: a.b.c.d" line. */
    private static String tunnelAddress(LabProcess probe) {
        return probe.stdout()
                .lines()
                .filter(line -> line.startsWith("address: "))
                .map(line -> line.substring("address: ".length()).strip())
                .findFirst()
                .orElseThrow(() -> new LabException("the probe printed no address line: " + probe.stdout()));
    }

    private void step(String what) {
        progress.println(what);
        progress.flush();
    }
}
