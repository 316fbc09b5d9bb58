package io.pptpgw.lab;

import io.pptpgw.lab.topology.Topologies;

/** Test program: tries to build a lab and reports how that ended and how long it took (exit 2: unavailable). */
public final class PreflightProbeMain {
    private PreflightProbeMain() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        try (Lab lab = Lab.build(Topologies.pair())) {
            System.out.println("BUILT " + lab);
        } catch (LabUnavailableException e) {
            System.out.println(
                    "UNAVAILABLE after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + e.getMessage());
            System.exit(2);
        }
    }
}
