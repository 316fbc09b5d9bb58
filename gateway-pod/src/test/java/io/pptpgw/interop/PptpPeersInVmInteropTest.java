package io.pptpgw.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.interop.ChecksummedTransfer.Transfer;
import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.ScratchNamespace;
import io.pptpgw.interop.vm.Vm;
import io.pptpgw.interop.vm.VmImage;
import io.pptpgw.interop.vm.VmNetwork;
import io.pptpgw.interop.vm.VmOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Validates the scenario builders against each other before our gateway exists: pptp-linux + pppd
 * ({@link PptpClientScenario}) in a network namespace inside the guest dials pptpd ({@link PptpdScenario}) in the
 * guest's own stack across a veth, so control, GRE and PPP cross a real (virtual) wire. Each MPPE variant must
 * come up as asked, carry ping and a checksummed transfer both ways, and keep LCP echo going.
 */
@Tag("interop")
class PptpPeersInVmInteropTest {

    private static final String SERVER_WIRE_ADDRESS = "172.30.0.1";
    private static final String CLIENT_WIRE_ADDRESS = "172.30.0.2";
    private static final String SERVER_TUNNEL_ADDRESS = "192.168.77.1";
    private static final String CLIENT_NAMESPACE = "client";
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final FailureReport REPORT = new FailureReport();

    private static ScratchNamespace namespace;
    private static Vm vm;

    private PptpdScenario server;
    private PptpClientScenario client;

    @BeforeAll
    static void bootVmWithClientNamespace() {
        InteropPreconditions.assumeVmCanRun();
        VmImage image = VmImage.ensureBuilt();
        namespace = ScratchNamespace.create("interop");
        vm = Vm.boot(
                image,
                VmNetwork.routed(namespace.name(), "vmtap0", "10.198.0.1/24", "10.198.0.2/24"),
                VmOptions.named("pptp-peers"));
        REPORT.add("VM " + vm.name(), vm::diagnostics);
        vm.exec("set -e\nip netns add " + CLIENT_NAMESPACE + "\n"
                        + "ip link add wire-server type veth peer name wire-client\n"
                        + "ip link set wire-client netns " + CLIENT_NAMESPACE + "\n"
                        + "ip addr add " + SERVER_WIRE_ADDRESS + "/24 dev wire-server\nip link set wire-server up\n"
                        + "ip -n " + CLIENT_NAMESPACE + " addr add " + CLIENT_WIRE_ADDRESS + "/24 dev wire-client\n"
                        + "ip -n " + CLIENT_NAMESPACE + " link set wire-client up\n"
                        + "ip -n " + CLIENT_NAMESPACE + " link set lo up\n")
                .orThrow();
    }

    @AfterAll
    static void shutDown() {
        if (vm != null) {
            vm.close();
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    @AfterEach
    void hangUp() {
        if (client != null) {
            client.hangUp(vm);
        }
        if (server != null) {
            server.stop(vm);
        }
    }

    @ParameterizedTest(name = "{0} negotiates \"{1}\"")
    @CsvSource({
        "STATELESS_128, MPPE 128-bit stateless compression enabled",
        // pppd offers stateless first even with mppe-stateful, and pppd as the server accepts that (pppd(8)):
        // only a peer that Naks the H bit gets pppd into stateful mode.
        "STATEFUL_128, MPPE 128-bit stateless compression enabled",
        "STATELESS_40, MPPE 40-bit stateless compression enabled"
    })
    void pptpLinuxDialsPptpdAndCarriesTraffic(Mppe mppe, String negotiated) {
        startServer(mppe);
        client = PptpClientScenario.dialling(SERVER_WIRE_ADDRESS)
                .withUser("alice", "alice-password")
                .withRemoteName("pptpd")
                .withMppe(mppe)
                .withLcpEcho(2, 5)
                .inGuestNamespace(CLIENT_NAMESPACE);
        REPORT.addForThisTest("client pppd " + mppe, () -> client.logs(vm));

        PppLink link = client.dial(vm, DIAL_TIMEOUT);

        assertThat(link.peerAddress()).isEqualTo(SERVER_TUNNEL_ADDRESS);
        assertThat(link.localAddress()).startsWith("192.168.77.");
        assertThat(client.pppdLog(vm)).contains(negotiated);
        assertThat(server.pppdLog(vm)).contains(negotiated);

        CommandResult ping = vm.exec(client.inNamespace("ping -c 3 -i 0.2 -W 5 " + SERVER_TUNNEL_ADDRESS));
        assertThat(ping.exitCode()).as(ping.describe()).isZero();

        Endpoint clientSide = Endpoint.guestNamespace(vm, CLIENT_NAMESPACE);
        Endpoint serverSide = Endpoint.guest(vm);
        Transfer up = ChecksummedTransfer.send(
                clientSide, serverSide, SERVER_TUNNEL_ADDRESS, 6001, 3_000_000, Duration.ofMinutes(2));
        Transfer down = ChecksummedTransfer.send(
                serverSide, clientSide, link.localAddress(), 6002, 3_000_000, Duration.ofMinutes(2));
        System.out.println("interop " + mppe + " transfer " + up + "\ninterop " + mppe + " transfer " + down);
        assertThat(up.identical()).as(up.toString()).isTrue();
        assertThat(down.identical()).as(down.toString()).isTrue();

        assertThat(client.pppdLog(vm)).contains("sent [LCP EchoReq").contains("rcvd [LCP EchoRep");
    }

    @Test
    void wrongPasswordFailsAuthentication() {
        startServer(Mppe.STATELESS_128);
        client = PptpClientScenario.dialling(SERVER_WIRE_ADDRESS)
                .withUser("alice", "not-the-password")
                .withRemoteName("pptpd")
                .inGuestNamespace(CLIENT_NAMESPACE);
        REPORT.addForThisTest("client pppd (wrong password)", () -> client.logs(vm));

        CommandResult dialled = client.tryDial(vm, DIAL_TIMEOUT);

        // pppd(8) EXIT STATUS 19: authentication failed.
        assertThat(dialled.exitCode()).as(dialled.describe()).isEqualTo(19);
        assertThat(client.pppdLog(vm)).contains("MS-CHAP authentication failed");
    }

    private void startServer(Mppe mppe) {
        server = PptpdScenario.serving(SERVER_TUNNEL_ADDRESS, "192.168.77.10-19")
                .withUser("alice", "alice-password")
                .withMppe(mppe)
                .withDns("192.168.77.53")
                .listeningOn(SERVER_WIRE_ADDRESS);
        REPORT.addForThisTest("pptpd " + mppe, () -> server.logs(vm));
        server.start(vm);
    }
}
