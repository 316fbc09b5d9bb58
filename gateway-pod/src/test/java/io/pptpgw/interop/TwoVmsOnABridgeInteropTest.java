package io.pptpgw.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.ScratchNamespace;
import io.pptpgw.interop.vm.Vm;
import io.pptpgw.interop.vm.VmImage;
import io.pptpgw.interop.vm.VmNetwork;
import io.pptpgw.interop.vm.VmOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two VMs booted at once on one bridge in a namespace, as two PPTP clients behind a NAT router will be: each
 * reaches the other and the bridge's address, and their MACs differ.
 */
@Tag("interop")
class TwoVmsOnABridgeInteropTest {

    private static final String BRIDGE_ADDRESS = "10.197.0.1";

    @RegisterExtension
    static final FailureReport REPORT = new FailureReport();

    private static ScratchNamespace namespace;
    private static final List<Vm> VMS = new ArrayList<>();

    @BeforeAll
    static void bootTwoVms() {
        InteropPreconditions.assumeVmCanRun();
        VmImage image = VmImage.ensureBuilt();
        namespace = ScratchNamespace.create("interop");
        namespace
                .sh(
                        "set -e\nip link add br0 type bridge\nip addr add " + BRIDGE_ADDRESS + "/24 dev br0\n"
                                + "ip link set br0 up",
                        Duration.ofSeconds(20))
                .orThrow();
        RuntimeException failure = null;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Vm>> booting = List.of(
                    threads.submit(() -> boot(image, "first", "vmtap1", "10.197.0.11/24")),
                    threads.submit(() -> boot(image, "second", "vmtap2", "10.197.0.12/24")));
            for (Future<Vm> vm : booting) {
                try {
                    VMS.add(vm.get());
                } catch (ExecutionException | InterruptedException e) {
                    failure = new IllegalStateException("a VM did not boot", e); // @AfterAll closes the others
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        VMS.forEach(vm -> REPORT.add("VM " + vm.name(), vm::diagnostics));
    }

    private static Vm boot(VmImage image, String name, String tap, String address) {
        VmNetwork network = VmNetwork.bridged(namespace.name(), tap, "br0", address, BRIDGE_ADDRESS);
        return Vm.boot(image, network, VmOptions.named(name).withMemoryMib(256));
    }

    @AfterAll
    static void shutDown() {
        VMS.forEach(Vm::close);
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    void eachVmReachesTheOtherAndTheBridge() {
        Vm first = VMS.get(0);
        Vm second = VMS.get(1);

        CommandResult firstToSecond =
                first.exec("ping -c 2 -i 0.2 -W 5 " + second.network().guestIp());
        CommandResult secondToFirst =
                second.exec("ping -c 2 -i 0.2 -W 5 " + first.network().guestIp());
        CommandResult firstToBridge = first.exec("ping -c 2 -i 0.2 -W 5 " + BRIDGE_ADDRESS);

        assertThat(firstToSecond.exitCode()).as(firstToSecond.describe()).isZero();
        assertThat(secondToFirst.exitCode()).as(secondToFirst.describe()).isZero();
        assertThat(firstToBridge.exitCode()).as(firstToBridge.describe()).isZero();
        assertThat(first.network().macAddress()).isNotEqualTo(second.network().macAddress());
        System.out.printf(
                "interop timing: two VMs booted at once served commands after %d and %d ms%n",
                first.bootTime().toMillis(), second.bootTime().toMillis());
    }
}
