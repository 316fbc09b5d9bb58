package io.pptpgw.lab;

import io.pptpgw.lab.topology.Topologies;
import java.util.stream.Collectors;

/**
 * Test program: builds a standard topology, starts {@code sleep} inside its first namespace (a process a crash
 * would orphan), prints {@code READY <sleep pid> <namespace names>} and waits to be killed.
 */
public final class LabOwnerMain {
    private LabOwnerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Lab lab = Lab.build(Topologies.named(args[0]).orElseThrow());
        LabProcess sleep = lab.namespaces().getFirst().start("sleep", "600");
        System.out.println("READY " + sleep.pid() + " "
                + lab.namespaces().stream().map(Namespace::name).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
