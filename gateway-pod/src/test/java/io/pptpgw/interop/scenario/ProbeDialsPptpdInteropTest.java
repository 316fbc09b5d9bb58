package io.pptpgw.interop.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pptpgw.cli.PptpgwCommand;
import io.pptpgw.interop.ChecksummedTransfer;
import io.pptpgw.interop.ChecksummedTransfer.Transfer;
import io.pptpgw.interop.Endpoint;
import io.pptpgw.interop.FailureReport;
import io.pptpgw.interop.InteropPreconditions;
import io.pptpgw.interop.Mppe;
import io.pptpgw.interop.PptpdScenario;
import io.pptpgw.interop.vm.Vm;
import io.pptpgw.interop.vm.VmImage;
import io.pptpgw.interop.vm.VmNetwork;
import io.pptpgw.interop.vm.VmOptions;
import io.pptpgw.lab.ExecResult;
import io.pptpgw.lab.Invocation;
import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import io.pptpgw.lab.topology.Topologies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9 scenario b: our client ({@code pptpgw probe} as a real process in a lab namespace, the tunnel on a real TUN
 * device) dials the real pptpd in the VM with MS-CHAPv2 and MPPE-128, and passes a ping and a checksummed transfer
 * each way. pptpd's Start-Control-Connection-Reply announces no framing and no bearer capabilities at all, which our
 * client must take as it is.
 */
@Tag("interop")
class ProbeDialsPptpdInteropTest {

    private static final String GUEST_ADDRESS = "172.31.1.2";
    private static final String SERVER_TUNNEL_ADDRESS = "192.168.77.1";
    private static final String TUN = "pptp-probe";
    private static final Pattern ADDRESS = Pattern.compile("(?m)^address: (\\d+\\.\\d+\\.\\d+\\.\\d+)$");
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(90);
    private static final long TRANSFER_BYTES = 5_000_000;

    @RegisterExtension
    static final FailureReport REPORT = new FailureReport();

    private static Lab lab;
    private static Vm vm;

    @BeforeAll
    static void bootVmBesideTheClientNamespace() {
        InteropPreconditions.assumeVmCanRun();
        VmImage image = VmImage.ensureBuilt();
        lab = Lab.build(Topologies.clientNode());
        REPORT.add("lab", lab::diagnostics);
        vm = Vm.boot(
                image,
                VmNetwork.routed(lab.namespace("client").name(), "vmtap0", "172.31.1.1/24", GUEST_ADDRESS + "/24"),
                VmOptions.named("pptpd-for-probe"));
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

    @Test
    void ourClientDialsPptpdWithMppe128AndCarriesTraffic() throws IOException {
        PptpdScenario server = PptpdScenario.serving(SERVER_TUNNEL_ADDRESS, "192.168.77.10-19")
                .withUser("alice", "alice-password")
                .withMppe(Mppe.STATELESS_128)
                .withDns("192.168.77.53");
        REPORT.addForThisTest("pptpd", () -> server.logs(vm));
        server.start(vm);
        Namespace client = lab.namespace("client");
        Path work = vm.runDirectory().resolve("probe");
        Files.createDirectories(work);
        Path password = Files.writeString(work.resolve("password"), "alice-password\n");

        PacketCapture capture = PacketCapture.start(client, "vmtap0", work.resolve("call.pcap"));
        try (LabProcess probe = Invocation.java(
                        PptpgwCommand.class,
                        "probe",
                        "--server",
                        GUEST_ADDRESS,
                        "--user",
                        "alice",
                        "--password-file",
                        password.toString(),
                        "--tun",
                        TUN,
                        "--hold",
                        "--timeout",
                        Long.toString(DIAL_TIMEOUT.toSeconds()))
                .inNamespace(client.name())
                .withEnvironment("PPTPGW_LOG_LEVEL", "DEBUG")
                .start()) {
            REPORT.addForThisTest(
                    "pptpd's pppd and pptpgw probe side by side",
                    () -> SideBySide.render("pptpd's pppd", server.pppdLog(vm), "pptpgw probe", probe.stdout()));
            REPORT.addForThisTest("pptpgw probe output", () -> probe.stdout() + probe.stderr());

            // The probe prints "encryption:" once the link is up and its TUN device configured.
            probe.awaitOutput("encryption:", DIAL_TIMEOUT.plusSeconds(30));
            String output = probe.stdout();
            assertThat(output)
                    .contains("encryption: mppe-128")
                    .contains("server address: " + SERVER_TUNNEL_ADDRESS)
                    .contains("dns: 192.168.77.53");
            assertThat(server.pppdLog(vm)).contains(Mppe.STATELESS_128.pppdLogLine());
            String ourAddress = tunnelAddress(output);
            assertThat(ourAddress).startsWith("192.168.77.1");
            awaitGuestInterfaceFor(ourAddress);

            ExecResult ping = client.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", SERVER_TUNNEL_ADDRESS);
            assertThat(ping.exitCode()).as(ping.toString()).isZero();
            capture.close();

            Endpoint ours = Endpoint.namespace(client.name(), work);
            Endpoint guest = Endpoint.guest(vm);
            Transfer up = ChecksummedTransfer.send(
                    ours, guest, SERVER_TUNNEL_ADDRESS, 6101, TRANSFER_BYTES, Duration.ofMinutes(2));
            Transfer down =
                    ChecksummedTransfer.send(guest, ours, ourAddress, 6102, TRANSFER_BYTES, Duration.ofMinutes(2));
            System.out.println("interop probe transfer " + up + "\ninterop probe transfer " + down);
            assertThat(up.identical()).as(up.toString()).isTrue();
            assertThat(down.identical()).as(down.toString()).isTrue();

            // SIGTERM: the probe hangs up as a user would, LCP Terminate-Request first, then the call.
            probe.destroy();
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(server.pppdLog(vm))
                            .contains("rcvd [LCP TermReq")
                            .contains("LCP terminated by peer (user hung up)"));
        } finally {
            capture.close();
            server.stop(vm);
        }
    }

    /**
     * pptpd's pppd acknowledges IPCP before its ip-pre-up script has run and its interface carries the addresses: a
     * packet from us in between is dropped by the guest's kernel, so wait for the interface.
     */
    private static void awaitGuestInterfaceFor(String clientAddress) {
        vm.exec("for _ in $(seq 1 300); do ip -o -4 addr | grep -q 'peer " + clientAddress
                        + "/32' && exit 0; sleep 0.1; done\necho 'no guest interface with peer " + clientAddress
                        + "'; ip -o -4 addr; exit 1")
                .orThrow();
    }

    private static String tunnelAddress(String probeOutput) {
        Matcher matcher = ADDRESS.matcher(probeOutput);
        assertThat(matcher.find()).as("an 'address:' line in\n" + probeOutput).isTrue();
        return matcher.group(1);
    }
}
