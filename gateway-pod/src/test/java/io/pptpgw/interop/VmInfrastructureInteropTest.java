package io.pptpgw.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.interop.ChecksummedTransfer.Transfer;
import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.ScratchNamespace;
import io.pptpgw.interop.vm.Vm;
import io.pptpgw.interop.vm.VmImage;
import io.pptpgw.interop.vm.VmNetwork;
import io.pptpgw.interop.vm.VmOptions;
import io.pptpgw.testing.Hex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the interop VM without any code of ours on the wire: the stock Debian kernel loads PPP, MPPE and PPTP,
 * the tap carries ICMP, TCP and GRE both ways between the guest and a namespace, and the real pptpd answers a
 * Start-Control-Connection-Request on TCP 1723.
 */
@Tag("interop")
class VmInfrastructureInteropTest {

    private static final String TAP_ADDRESS = "10.199.0.1";
    private static final String GUEST_ADDRESS = "10.199.0.2";
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(3);

    /** RFC 2637 §2.1 Start-Control-Connection-Request: version 1.0, async framing, analog bearer, no names. */
    private static final String START_CONTROL_CONNECTION_REQUEST = "009c 0001 1a2b3c4d 0001 0000" // length, type, magic
            + " 0100 0000 00000001 00000001 0000 0000" // version, reserved, framing, bearer, channels, firmware
            + " 00".repeat(128); // host name and vendor string

    @RegisterExtension
    static final FailureReport REPORT = new FailureReport();

    private static long classStart;
    private static VmImage image;
    private static ScratchNamespace namespace;
    private static Vm vm;

    @BeforeAll
    static void bootVm() {
        InteropPreconditions.assumeVmCanRun();
        classStart = System.nanoTime();
        image = VmImage.ensureBuilt();
        namespace = ScratchNamespace.create("interop");
        VmNetwork network = VmNetwork.routed(namespace.name(), "vmtap0", TAP_ADDRESS + "/24", GUEST_ADDRESS + "/24");
        vm = Vm.boot(image, network, VmOptions.named("infrastructure"));
        REPORT.add("VM " + vm.name(), vm::diagnostics);
    }

    @AfterAll
    static void shutDown() {
        if (vm != null) {
            vm.close();
        }
        if (namespace != null) {
            namespace.close();
        }
        if (image != null) {
            System.out.printf(
                    "interop timing: image %s in %d ms (recipe %s), VM served commands %d ms after QEMU started, "
                            + "whole class %d ms%n",
                    image.builtNow() ? "built" : "found cached",
                    image.preparedIn().toMillis(),
                    image.recipeHash(),
                    vm == null ? -1 : vm.bootTime().toMillis(),
                    Duration.ofNanos(System.nanoTime() - classStart).toMillis());
        }
    }

    @Test
    void stockKernelLoadsPppMppeAndPptp() {
        CommandResult loaded = vm.exec("modprobe -a ppp_generic ppp_async ppp_synctty ppp_mppe pptp\n"
                        + "lsmod | awk '{print $1}' | sort\nls -l /dev/ppp\nuname -r")
                .orThrow();

        assertThat(loaded.output().lines())
                .contains("ppp_generic", "ppp_async", "ppp_synctty", "ppp_mppe", "pptp", "gre");
        assertThat(loaded.output()).contains("/dev/ppp").contains("-amd64");
    }

    @Test
    void pingCrossesTheTapBothWays() {
        CommandResult fromNamespace = namespace.sh("ping -c 3 -i 0.2 -W 5 " + GUEST_ADDRESS, Duration.ofSeconds(30));
        CommandResult fromGuest = vm.exec("ping -c 3 -i 0.2 -W 5 " + TAP_ADDRESS);

        assertThat(fromNamespace.exitCode()).as(fromNamespace.describe()).isZero();
        assertThat(fromGuest.exitCode()).as(fromGuest.describe()).isZero();
        assertThat(fromGuest.output()).contains("3 received");
    }

    @Test
    void tcpMovesTwentyMegabytesEachWayByteForByte() {
        Endpoint guest = Endpoint.guest(vm);
        Endpoint host = Endpoint.namespace(namespace.name(), vm.runDirectory().resolve("host"));

        Transfer up = ChecksummedTransfer.send(guest, host, TAP_ADDRESS, 5001, 20_000_000, TRANSFER_TIMEOUT);
        Transfer down = ChecksummedTransfer.send(host, guest, GUEST_ADDRESS, 5002, 20_000_000, TRANSFER_TIMEOUT);

        System.out.println("interop transfer " + up + "\ninterop transfer " + down);
        assertThat(up.identical()).as(up.toString()).isTrue();
        assertThat(down.identical()).as(down.toString()).isTrue();
    }

    @Test
    void iperf3MeasuresBothDirections() throws Exception {
        vm.exec(
                        "iperf3 -s -D -p 5201 --logfile /mnt/host/iperf3-server.log\n"
                                + "for _ in $(seq 1 100); do ss -Hltn 'sport = :5201' | grep -q . && exit 0; sleep 0.1; done; exit 1")
                .orThrow();
        ObjectMapper json = new ObjectMapper();

        for (String direction : new String[] {"", " -R"}) {
            CommandResult run =
                    namespace.sh("iperf3 -J -t 3 -p 5201 -c " + GUEST_ADDRESS + direction, Duration.ofSeconds(60));
            assertThat(run.exitCode()).as(run.describe()).isZero();
            JsonNode received = json.readTree(run.output()).path("end").path("sum_received");
            System.out.printf(
                    "interop iperf3 %s: %d bytes, %.0f Mbit/s%n",
                    direction.isEmpty() ? "namespace -> guest" : "guest -> namespace",
                    received.path("bytes").asLong(),
                    received.path("bits_per_second").asDouble() / 1e6);
            assertThat(received.path("bytes").asLong()).isPositive();
        }
    }

    /** An enhanced GRE packet (RFC 2637 §4.1: K and S set, version 1, call 0x1234, seq 1) with an LCP stub. */
    @Test
    void grePassesBothWays() throws Exception {
        String sendGre = "printf '\\x30\\x01\\x88\\x0b\\x00\\x04\\x12\\x34\\x00\\x00\\x00\\x01\\xff\\x03\\xc0\\x21'"
                + " | socat -u - IP4-SENDTO:%s:47";
        String capture = "timeout 60 tcpdump -l -nn -v -i %s -c 1 'ip proto 47' 2>&1";

        Endpoint host = Endpoint.namespace(namespace.name(), vm.runDirectory().resolve("host"));
        Endpoint.Running hostCapture = host.start(capture.formatted("vmtap0"));
        var guestSender = vm.spawn(repeatUntil("/tmp/gre-stop", sendGre.formatted(TAP_ADDRESS)));
        CommandResult seenByHost = hostCapture.await(Duration.ofSeconds(90));
        vm.exec("touch /tmp/gre-stop").orThrow();
        guestSender.await(Duration.ofSeconds(30));

        Path stop = vm.runDirectory().resolve("host").resolve("gre-stop");
        var guestCapture = vm.spawn(capture.formatted("eth0"));
        Endpoint.Running hostSender = host.start(repeatUntil(stop.toString(), sendGre.formatted(GUEST_ADDRESS)));
        CommandResult seenByGuest = guestCapture.await(Duration.ofSeconds(90));
        Files.writeString(stop, "");
        hostSender.await(Duration.ofSeconds(30));

        assertThat(seenByHost.output())
                .as(seenByHost.describe())
                .contains(GUEST_ADDRESS + " > " + TAP_ADDRESS)
                .contains("GREv1")
                .contains("call 4660");
        assertThat(seenByGuest.output())
                .as(seenByGuest.describe())
                .contains(TAP_ADDRESS + " > " + GUEST_ADDRESS)
                .contains("GREv1")
                .contains("call 4660");
    }

    @Test
    void realPptpdAnswersStartControlConnectionRequest() {
        PptpdScenario pptpd =
                PptpdScenario.serving("192.168.99.1", "192.168.99.10-19").withUser("alice", "alice-pw");
        pptpd.start(vm);
        REPORT.addForThisTest("pptpd", () -> pptpd.logs(vm));

        String request = Hex.string(Hex.bytes(START_CONTROL_CONNECTION_REQUEST)).replaceAll("(..)", "\\\\x$1");
        CommandResult reply = namespace.sh(
                "printf '" + request + "' | socat -t 5 - TCP4:" + GUEST_ADDRESS + ":1723,connect-timeout=10"
                        + " | od -An -tx1 -v | tr -d ' \\n'",
                Duration.ofSeconds(30));
        pptpd.stop(vm);

        System.out.println("interop: pptpd's Start-Control-Connection-Reply: " + reply.output());
        byte[] bytes = Hex.bytes(reply.output().strip());
        assertThat(bytes).as(reply.describe()).hasSize(156);
        assertThat(Hex.string(java.util.Arrays.copyOfRange(bytes, 0, 12)))
                .as("length 156, control message, magic cookie, Start-Control-Connection-Reply")
                .isEqualTo(Hex.string(Hex.bytes("009c 0001 1a2b3c4d 0002 0000")));
        assertThat(bytes[14])
                .as("result code 1: successful channel establishment")
                .isEqualTo((byte) 1);
    }

    private static String repeatUntil(String stopFile, String command) {
        return "for _ in $(seq 1 300); do [ -e " + stopFile + " ] && exit 0; " + command + "; sleep 0.2; done";
    }
}
