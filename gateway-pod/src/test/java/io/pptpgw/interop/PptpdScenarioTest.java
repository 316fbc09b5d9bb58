package io.pptpgw.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.interop.vm.CommandResult;
import io.pptpgw.interop.vm.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PptpdScenarioTest {

    private final PptpdScenario server = PptpdScenario.serving("192.168.77.1", "192.168.77.10-19")
            .withUser("alice", "alice-password")
            .withDns("192.168.77.53", "192.168.77.54")
            .listeningOn("172.30.0.1");

    @Test
    void pptpdConfNamesTheOptionsFileAndTheAddresses() {
        assertThat(server.pptpdConf().lines())
                .contains(
                        "option /etc/ppp/pptpd-options",
                        "localip 192.168.77.1",
                        "remoteip 192.168.77.10-19",
                        "listen 172.30.0.1");
    }

    @Test
    void callsRequireMsChapV2AndMppeAndPushDns() {
        assertThat(server.pppdOptions().lines())
                .contains(
                        "name pptpd",
                        "refuse-pap",
                        "refuse-chap",
                        "refuse-mschap",
                        "require-mschap-v2",
                        "require-mppe-128",
                        "ms-dns 192.168.77.53",
                        "ms-dns 192.168.77.54",
                        "logfile /mnt/host/pptpd-pppd.log",
                        "debug");
    }

    @Test
    void rejectsAThirdDnsServerAndBadRanges() {
        assertThatThrownBy(() -> server.withDns("1.1.1.1", "1.0.0.1", "8.8.8.8"))
                .hasMessageContaining("RFC 1877 carries 2 DNS servers; got 3");
        assertThatThrownBy(() -> PptpdScenario.serving("192.168.77.1", "192.168.77.10-19; reboot"))
                .hasMessageContaining("remoteIpRange '192.168.77.10-19; reboot' must be pptpd's remoteip syntax");
    }

    /** The secrets snippet runs as-is on the host: a restarted scenario replaces its line, never duplicates it. */
    @Test
    void settingASecretTwiceLeavesOneLinePerPair(@TempDir Path directory) throws IOException {
        Path secrets = directory.resolve("chap-secrets");
        Files.writeString(secrets, "\"bob\" \"pptpd\" \"bob-password\" *\n\"alice\" \"other\" \"x\" *\n");
        String first = PppdConfig.setSecret(secrets.toString(), "alice", "pptpd", "first");
        String second = PppdConfig.setSecret(secrets.toString(), "alice", "pptpd", "second");

        CommandResult ran = HostCommand.run(Duration.ofSeconds(10), "bash", "-c", "set -e\n" + first + second);

        assertThat(ran.exitCode()).as(ran.describe()).isZero();
        assertThat(Files.readAllLines(secrets))
                .containsExactly(
                        "\"bob\" \"pptpd\" \"bob-password\" *",
                        "\"alice\" \"other\" \"x\" *",
                        "\"alice\" \"pptpd\" \"second\" *");
    }
}
