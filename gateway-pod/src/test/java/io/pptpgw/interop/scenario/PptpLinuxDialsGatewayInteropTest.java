package io.pptpgw.interop.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.interop.ChecksummedTransfer;
import io.pptpgw.interop.ChecksummedTransfer.Transfer;
import io.pptpgw.interop.Endpoint;
import io.pptpgw.interop.FailureReport;
import io.pptpgw.interop.InteropPreconditions;
import io.pptpgw.interop.Mppe;
import io.pptpgw.interop.PppLink;
import io.pptpgw.interop.PptpClientScenario;
import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.Vm;
import io.pptpgw.interop.vm.VmImage;
import io.pptpgw.interop.vm.VmNetwork;
import io.pptpgw.interop.vm.VmOptions;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.topology.Topologies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 9 scenario a: the real Linux client, pptp-linux + pppd in the VM, dials our gateway, a real {@code pptpgw
 * gateway} process in the lab namespace the VM's tap is attached to. MS-CHAPv2 with each MPPE variant our policy can
 * agree to, LCP echo on, then a ping and a checksummed TCP transfer each way through the tunnel.
 */
@Tag("interop")
class PptpLinuxDialsGatewayInteropTest {

    private static final String TAP_ADDRESS = "172.31.0.1";
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(90);
    /**
     * 50 MB takes 40-90 s at the 4-10 Mbit/s a TCG guest moves through MPPE on a quiet host; a busy host starves the
     * guest, which then loses packets, and a stateful link stalls until each CCP resync.
     */
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(6);

    private static final Map<String, String> USERS = Map.of("alice", "alice-password");

    @RegisterExtension
    static final FailureReport REPORT = new FailureReport();

    private static Lab lab;
    private static Vm vm;

    private GatewayProcess gateway;
    private PptpClientScenario client;

    @BeforeAll
    static void bootVmBesideTheGatewayNamespace() {
        InteropPreconditions.assumeVmCanRun();
        VmImage image = VmImage.ensureBuilt();
        lab = Lab.build(Topologies.clientNode());
        REPORT.add("lab", lab::diagnostics);
        vm = Vm.boot(
                image,
                VmNetwork.routed(lab.namespace("node").name(), "vmtap0", TAP_ADDRESS + "/24", "172.31.0.2/24"),
                VmOptions.named("pptp-linux-to-gateway").withLifetime(Duration.ofMinutes(45)));
        REPORT.add("VM " + vm.name(), vm::diagnostics);
    }

    @AfterAll
    static void shutDown() {
        if (vm != null) {
            vm.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void hangUp() {
        if (client != null) {
            client.hangUp(vm);
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @ParameterizedTest(name = "{0} with mppe {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "STATELESS_128; {}; 50000000",
                "STATEFUL_128; {allowStateful: true, preferStateful: true}; 50000000",
                "STATELESS_40; {allow40Bit: true}; 50000000"
            })
    void pptpLinuxDialsOurGatewayAndCarriesTraffic(Mppe mppe, String mppePolicy, long bytes) {
        Namespace node = lab.namespace("node");
        Path work = vm.runDirectory().resolve("gateway-" + mppe.name().toLowerCase());
        gateway = GatewayProcess.start(node, work, """
                clientPool: {cidr: 10.250.0.0/24}
                dns: [10.96.0.10]
                authentication:
                  usersSecretRef: {name: users}
                  mppe: %s
                """.formatted(mppePolicy), USERS);
        client = PptpClientScenario.dialling(TAP_ADDRESS)
                .withUser("alice", USERS.get("alice"))
                .withMppe(mppe)
                .withLcpEcho(2, 5);
        REPORT.addForThisTest(
                "pppd (guest) and pptpgw gateway side by side",
                () -> SideBySide.render("pppd " + mppe, client.pppdLog(vm), "pptpgw gateway", gateway.trace()));
        REPORT.addForThisTest("client pppd " + mppe, () -> client.logs(vm));
        REPORT.addForThisTest("pptpgw gateway trace", gateway::trace);

        PppLink link;
        try (PacketCapture capture = PacketCapture.start(node, "vmtap0", work.resolve("call.pcap"))) {
            link = client.dial(vm, DIAL_TIMEOUT);
            CommandResult ping = vm.exec("ping -c 3 -i 0.2 -W 5 " + GatewayProcess.TUNNEL_ADDRESS);
            assertThat(ping.exitCode()).as(ping.describe()).isZero();
        }

        assertThat(link.peerAddress()).isEqualTo(GatewayProcess.TUNNEL_ADDRESS);
        assertThat(link.localAddress()).startsWith("10.250.0.");
        assertThat(client.pppdLog(vm)).contains(mppe.pppdLogLine());

        Endpoint guest = Endpoint.guest(vm);
        Endpoint gatewaySide = Endpoint.namespace(node.name(), work);
        Transfer up = ChecksummedTransfer.send(
                guest, gatewaySide, GatewayProcess.TUNNEL_ADDRESS, 6001, bytes, TRANSFER_TIMEOUT);
        Transfer down =
                ChecksummedTransfer.send(gatewaySide, guest, link.localAddress(), 6002, bytes, TRANSFER_TIMEOUT);
        System.out.println("interop " + mppe + " transfer " + up + "\ninterop " + mppe + " transfer " + down);
        assertThat(up.identical()).as(up.toString()).isTrue();
        assertThat(down.identical()).as(down.toString()).isTrue();

        assertThat(client.pppdLog(vm)).contains("sent [LCP EchoReq").contains("rcvd [LCP EchoRep");
    }

    /** Our gateway requires MPPE; a client that will not do it is told so by LCP before the call is cleared. */
    @Test
    void aClientWithoutMppeIsToldWhyByLcpTerminateRequest() {
        Namespace node = lab.namespace("node");
        Path work = vm.runDirectory().resolve("gateway-no-mppe");
        gateway = GatewayProcess.start(node, work, """
                clientPool: {cidr: 10.250.0.0/24}
                authentication:
                  usersSecretRef: {name: users}
                """, USERS);
        client = PptpClientScenario.dialling(TAP_ADDRESS)
                .withUser("alice", USERS.get("alice"))
                .withMppe(Mppe.NONE);
        REPORT.addForThisTest(
                "pppd (guest) and pptpgw gateway side by side",
                () -> SideBySide.render("pppd without MPPE", client.pppdLog(vm), "pptpgw gateway", gateway.trace()));

        CommandResult dialled = client.tryDial(vm, DIAL_TIMEOUT);

        assertThat(dialled.exitCode()).as(dialled.describe()).isNotZero();
        assertThat(client.pppdLog(vm)).contains("rcvd [LCP TermReq").contains("encryption is Required");
    }
}
