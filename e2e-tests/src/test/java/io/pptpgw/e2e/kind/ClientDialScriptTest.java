package io.pptpgw.e2e.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.e2e.testing.RepositoryFiles;
import io.pptpgw.e2e.testing.ScriptRun;
import io.pptpgw.e2e.testing.StubCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client image's dial script (kind/client/pptp-dial) run here with /bin/sh, as the image runs it: the pppd
 * configuration it writes (the stock Linux client's options: MS-CHAPv2 only, MPPE-128 required, stateless), its
 * refusal of values pppd cannot hold, and its whole dial-test-report flow against stand-ins for pppd, ip, ping and
 * curl. The real pppd and pptp-linux with these options run against our gateway in the interop tests' VM.
 */
class ClientDialScriptTest {
    static final Path SCRIPT = RepositoryFiles.kind().resolve("client/pptp-dial");

    @TempDir
    Path work;

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PPTP_SERVER", "172.18.0.3");
        env.put("PPTP_USER", "alice");
        env.put("PPTP_PASSWORD", "e2e-alice-password");
        env.put("PPP_DIR", work.resolve("ppp").toString());
        env.put("PPP_RUN_DIR", work.toString());
        return env;
    }

    ScriptRun dial(Map<String, String> env, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        return ScriptRun.run(work, env, command);
    }

    @Test
    void writesTheStockLinuxClientsOptionsForMsChapV2AndMppe128() throws IOException {
        ScriptRun run = dial(environment(), "--write-config");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        Path ppp = work.resolve("ppp");
        List<String> options = Files.readAllLines(ppp.resolve("peers/pptpgw")).stream()
                .filter(line -> !line.startsWith("#"))
                .toList();
        assertThat(options)
                .containsExactly(
                        "pty \"pptp 172.18.0.3 --nolaunchpppd --loglevel 1\"",
                        "name alice",
                        "linkname pptpgw",
                        "ipparam pptpgw",
                        "unit 0",
                        "noauth",
                        "refuse-pap",
                        "refuse-chap",
                        "refuse-mschap",
                        "refuse-eap",
                        "require-mppe-128",
                        "nomppe-stateful",
                        "nobsdcomp",
                        "nodeflate",
                        "novj",
                        "novjccomp",
                        "mtu 1400",
                        "mru 1400",
                        "lcp-echo-interval 10",
                        "lcp-echo-failure 3",
                        "nodefaultroute",
                        "noipdefault",
                        "maxfail 1",
                        "logfile " + ppp.resolve("pppd-pptpgw.log"),
                        "debug");
        assertThat(Files.readString(ppp.resolve("chap-secrets"))).isEqualTo("alice * e2e-alice-password *\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ppp.resolve("chap-secrets"))))
                .isEqualTo("rw-------");
        // The distribution's global options (auth, crtscts, modem, proxyarp) must not apply to a PPTP client.
        assertThat(Files.readAllLines(ppp.resolve("options"))).allMatch(line -> line.startsWith("#"));
    }

    @Test
    void refusesValuesPppdCannotHold() {
        Map<String, String> spaced = environment();
        spaced.put("PPTP_PASSWORD", "correct horse");
        Map<String, String> noServer = environment();
        noServer.remove("PPTP_SERVER");

        ScriptRun withSpace = dial(spaced, "--write-config");
        ScriptRun withoutServer = dial(noServer, "--write-config");

        assertThat(withSpace.exitCode()).isEqualTo(1);
        assertThat(withSpace.output())
                .contains("PPTP-DIAL RESULT FAIL: PPTP_PASSWORD must not contain quotes, backslashes or white space");
        assertThat(withoutServer.exitCode()).isEqualTo(1);
        assertThat(withoutServer.output()).contains("PPTP-DIAL RESULT FAIL: PPTP_SERVER is not set");
        assertThat(work.resolve("ppp/chap-secrets")).doesNotExist();
    }

    @Test
    void dialsPingsFetchesAndReportsEachStep() {
        StubCommands stubs = standIns(ClientReport.MPPE_128_STATELESS);
        Map<String, String> env = environment();
        env.put("TARGET_ADDRESS", "10.244.0.7");
        env.put("HOLD", "no");
        env.put("PATH", stubs.path());

        ScriptRun run = dial(env);
        ClientReport report = ClientReport.of(run.output());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(report.passed()).isTrue();
        assertThat(report.localAddress()).contains("10.250.1.2");
        assertThat(report.peerAddress()).contains("10.250.1.1");
        assertThat(report.encryption()).contains(ClientReport.MPPE_128_STATELESS);
        assertThat(report.pinged("10.250.1.1")).isTrue();
        assertThat(report.pinged("10.244.0.7")).isTrue();
        assertThat(report.fetched()).contains("pptpgw-e2e-ok");
        assertThat(run.output()).contains("PPTP-DIAL hung up");
        assertThat(stubs.calls())
                .contains(
                        "pppd file " + work.resolve("ppp/peers/pptpgw") + " updetach",
                        "ping -c 3 -W 2 -I ppp0 10.250.1.1",
                        "ip route replace 10.244.0.7/32 dev ppp0",
                        "ping -c 3 -W 2 10.244.0.7",
                        "curl -fsS --max-time 10 --interface ppp0 http://10.244.0.7:8080/");
    }

    @Test
    void failsWhenPppdDidNotNegotiateMppe() {
        StubCommands stubs = standIns("");
        Map<String, String> env = environment();
        env.put("HOLD", "no");
        env.put("PATH", stubs.path());

        ScriptRun run = dial(env);
        ClientReport report = ClientReport.of(run.output());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(report.failed()).isTrue();
        assertThat(run.output()).contains("PPTP-DIAL RESULT FAIL: pppd did not report MPPE enabled");
        assertThat(stubs.calls()).noneMatch(call -> call.startsWith("curl"));
    }

    /** pppd (writes {@code mppeLine} to its log, a pid file, and returns as updetach does), ip, ping, curl, mknod. */
    StubCommands standIns(String mppeLine) {
        Path directory = work.resolve("bin");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String pppd = "log=$(sed -n 's/^logfile //p' \"$2\")\n"
                + "echo 'rcvd [CCP ConfAck id=0x1 <mppe +H -M +S -L -D -C>]' >> \"$log\"\n"
                + (mppeLine.isEmpty() ? "" : "echo '" + mppeLine + "' >> \"$log\"\n")
                + "sleep 30 </dev/null >/dev/null 2>&1 &\n"
                + "echo $! > \"$PPP_RUN_DIR/ppp-pptpgw.pid\"\n";
        String ip = "if [ \"$*\" = '-o -4 addr show dev ppp0' ]; then\n"
                + "  echo '3: ppp0    inet 10.250.1.2 peer 10.250.1.1/32 scope global ppp0'\nfi";
        return new StubCommands(directory)
                .add("pppd", pppd)
                .add("ip", ip)
                .add("ping")
                .add("curl", "echo pptpgw-e2e-ok")
                .add("mknod");
    }
}
