package io.pptpgw.interop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.interop.ChecksummedTransfer;
import io.pptpgw.interop.ChecksummedTransfer.Transfer;
import io.pptpgw.interop.Endpoint;
import io.pptpgw.interop.FailureReport;
import io.pptpgw.interop.InteropPreconditions;
import io.pptpgw.interop.PppLink;
import io.pptpgw.interop.PptpClientScenario;
import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.Vm;
import io.pptpgw.interop.vm.VmImage;
import io.pptpgw.interop.vm.VmNetwork;
import io.pptpgw.interop.vm.VmOptions;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.topology.Topologies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * Issue 9 scenario c: two real Linux clients (pptp-linux + pppd, one VM each) on the LAN of the demo topology's home
 * router, which masquerades them behind its one public address with the {@code pptp} conntrack helper on, dial our
 * gateway on the node at the same time and both pass traffic. Without the helper the router could not tell the two
 * calls' GRE apart: both leave from 192.0.2.100 to the same gateway.
 */
@Tag("interop")
class TwoClientsBehindNatInteropTest {

    private static final String GATEWAY = "203.0.113.2";
    private static final Map<String, String> USERS = Map.of("alice", "alice-password", "bob", "bob-password");
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(120);
    private static final long TRANSFER_BYTES = 3_000_000;

    @RegisterExtension
    static final FailureReport REPORT = new FailureReport();

    private static Lab lab;
    private static final List<Vm> VMS = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void bootTwoVmsOnTheHomeLan() {
        InteropPreconditions.assumeVmCanRun();
        VmImage image = VmImage.ensureBuilt();
        lab = Lab.build(Topologies.demo());
        REPORT.add("lab", lab::diagnostics);
        String nat = lab.namespace("nat").name();
        // Booted side by side (TCG boots are CPU-bound, so this saves a little); each VM is listed as soon as it is
        // up, so @AfterAll closes it even if the other fails.
        inParallel(List.of(
                () -> VMS.add(Vm.boot(
                        image,
                        VmNetwork.bridged(nat, "vmtap1", "lan", "192.168.1.11/24", "192.168.1.1"),
                        VmOptions.named("alice-behind-nat").withMemoryMib(256))),
                () -> VMS.add(Vm.boot(
                        image,
                        VmNetwork.bridged(nat, "vmtap2", "lan", "192.168.1.12/24", "192.168.1.1"),
                        VmOptions.named("bob-behind-nat").withMemoryMib(256)))));
        VMS.sort(java.util.Comparator.comparing(Vm::name));
        VMS.forEach(vm -> REPORT.add("VM " + vm.name(), vm::diagnostics));
    }

    @AfterAll
    static void shutDown() {
        VMS.forEach(Vm::close);
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void twoClientsBehindOneNatDialAtOnceAndBothCarryTraffic() {
        Namespace node = lab.namespace("node");
        Path work = VMS.getFirst().runDirectory().resolve("gateway");
        Vm aliceVm = VMS.get(0);
        Vm bobVm = VMS.get(1);
        PptpClientScenario alice = PptpClientScenario.dialling(GATEWAY)
                .withUser("alice", USERS.get("alice"))
                .withLcpEcho(5, 6);
        PptpClientScenario bob = PptpClientScenario.dialling(GATEWAY)
                .withUser("bob", USERS.get("bob"))
                .withLcpEcho(5, 6);
        try (GatewayProcess gateway = GatewayProcess.start(node, work, """
                clientPool: {cidr: 10.250.0.0/24}
                authentication:
                  usersSecretRef: {name: users}
                """, USERS)) {
            REPORT.addForThisTest("pptpgw gateway trace", gateway::trace);
            REPORT.addForThisTest(
                    "alice's pppd and pptpgw gateway side by side",
                    () -> SideBySide.render("alice's pppd", alice.pppdLog(aliceVm), "pptpgw gateway", gateway.trace()));
            REPORT.addForThisTest(
                    "bob's pppd and pptpgw gateway side by side",
                    () -> SideBySide.render("bob's pppd", bob.pppdLog(bobVm), "pptpgw gateway", gateway.trace()));
            REPORT.addForThisTest(
                    "nat conntrack",
                    () -> lab.namespace("nat").exec("conntrack", "-L").toString());

            List<PppLink> links =
                    inParallel(List.of(() -> alice.dial(aliceVm, DIAL_TIMEOUT), () -> bob.dial(bobVm, DIAL_TIMEOUT)));

            assertThat(links).extracting(PppLink::peerAddress).containsOnly(GatewayProcess.TUNNEL_ADDRESS);
            assertThat(links).extracting(PppLink::localAddress).doesNotHaveDuplicates();
            for (Vm vm : VMS) {
                CommandResult ping = vm.exec("ping -c 3 -i 0.2 -W 5 " + GatewayProcess.TUNNEL_ADDRESS);
                assertThat(ping.exitCode())
                        .as(vm.name() + ": " + ping.describe())
                        .isZero();
            }
            ExecResult gre = lab.namespace("nat").exec("conntrack", "-L", "-p", "gre");
            assertThat(gre.stdout())
                    .as("the pptp helper tracks each call's GRE by its call IDs:\n" + gre)
                    .contains("src=192.168.1.11")
                    .contains("src=192.168.1.12")
                    .contains("srckey=");

            Endpoint gatewaySide = Endpoint.namespace(node.name(), work);
            List<Transfer> transfers = inParallel(List.of(
                    () -> ChecksummedTransfer.send(
                            Endpoint.guest(aliceVm),
                            gatewaySide,
                            GatewayProcess.TUNNEL_ADDRESS,
                            6201,
                            TRANSFER_BYTES,
                            Duration.ofMinutes(2)),
                    () -> ChecksummedTransfer.send(
                            Endpoint.guest(bobVm),
                            gatewaySide,
                            GatewayProcess.TUNNEL_ADDRESS,
                            6202,
                            TRANSFER_BYTES,
                            Duration.ofMinutes(2)),
                    () -> ChecksummedTransfer.send(
                            gatewaySide,
                            Endpoint.guest(aliceVm),
                            links.get(0).localAddress(),
                            6203,
                            TRANSFER_BYTES,
                            Duration.ofMinutes(2)),
                    () -> ChecksummedTransfer.send(
                            gatewaySide,
                            Endpoint.guest(bobVm),
                            links.get(1).localAddress(),
                            6204,
                            TRANSFER_BYTES,
                            Duration.ofMinutes(2))));
            transfers.forEach(transfer -> System.out.println("interop behind NAT transfer " + transfer));
            assertThat(transfers)
                    .allSatisfy(transfer -> assertThat(transfer.identical())
                            .as(transfer.toString())
                            .isTrue());
            alice.hangUp(aliceVm);
            bob.hangUp(bobVm);
        }
    }

    private static <T> List<T> inParallel(List<Callable<T>> tasks) {
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> running = tasks.stream().map(threads::submit).toList();
            for (Future<T> future : running) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    failure = failure == null
                            ? new IllegalStateException(e.getCause().getMessage(), e.getCause())
                            : failure;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }
}
