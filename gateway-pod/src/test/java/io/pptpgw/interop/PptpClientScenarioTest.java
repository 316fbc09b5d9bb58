package io.pptpgw.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PptpClientScenarioTest {

    private final PptpClientScenario defaults = PptpClientScenario.dialling("10.77.0.1");

    @Test
    void peerFileDialsWithPptpLinuxAndOffersOnlyMsChapV2() {
        String peer = defaults.peerFile();

        assertThat(peer.lines())
                .contains(
                        "pty \"pptp 10.77.0.1 --nolaunchpppd --loglevel 2\"",
                        "name alice",
                        "password alice-password",
                        "linkname pptpgw",
                        "unit 0",
                        "refuse-pap",
                        "refuse-chap",
                        "refuse-mschap",
                        "refuse-eap",
                        "require-mppe-128",
                        "nomppe-stateful",
                        "lcp-echo-interval 10",
                        "lcp-echo-failure 3",
                        "mtu 1400",
                        "mru 1400",
                        "logfile /mnt/host/pppd-pptpgw.log",
                        "debug")
                .doesNotContain("require-mschap-v2", "remotename *");
    }

    @Test
    void eachMppeVariantBecomesPppdOptions() {
        assertThat(defaults.withMppe(Mppe.STATEFUL_128).peerFile().lines())
                .contains("require-mppe-128", "mppe-stateful")
                .doesNotContain("nomppe-stateful");
        assertThat(defaults.withMppe(Mppe.STATELESS_40).peerFile().lines())
                .contains("require-mppe-40", "nomppe-stateful")
                .doesNotContain("require-mppe-128");
        assertThat(defaults.withMppe(Mppe.NONE).peerFile().lines())
                .contains("nomppe")
                .noneMatch(line -> line.startsWith("require-mppe"));
    }

    @Test
    void optionsFollowTheBuilder() {
        PptpClientScenario second = defaults.withPeer("second", 1)
                .withRemoteName("pptpgw-office")
                .withLcpEcho(0, 0)
                .withMtu(1300)
                .withOption("nopcomp")
                .inGuestNamespace("client");

        assertThat(second.peerFile().lines())
                .contains("linkname second", "unit 1", "remotename pptpgw-office", "mtu 1300", "nopcomp")
                .noneMatch(line -> line.startsWith("lcp-echo"));
        assertThat(second.interfaceName()).isEqualTo("ppp1");
        assertThat(second.inNamespace("ping -c 1 10.0.0.1")).isEqualTo("ip netns exec client ping -c 1 10.0.0.1");
        assertThat(second.setupScript())
                .contains("cat >/etc/ppp/peers/second <<'PPTPGW_END_OF_FILE'")
                .contains("chmod 600 /etc/ppp/peers/second")
                .contains(": >/mnt/host/pppd-second.log")
                .contains("modprobe -a ppp_generic ppp_async ppp_synctty ppp_mppe");
    }

    @Test
    void rejectsValuesThatPppdFilesWouldSplitOrAShellWouldRun() {
        assertThatThrownBy(() -> defaults.withUser("alice smith", "pw"))
                .hasMessageContaining("user 'alice smith' must be 1-64 characters of letters, digits and ._@+:-");
        assertThatThrownBy(() -> defaults.withUser("alice", "pa\"ss"))
                .hasMessageContaining("password 'pa\"ss' must be");
        assertThatThrownBy(() -> PptpClientScenario.dialling("gateway.example"))
                .hasMessageContaining("server 'gateway.example' is not an IPv4 address");
        assertThatThrownBy(() -> defaults.withOption("debug\npty evil")).hasMessageContaining("spans lines");
        assertThatThrownBy(() -> defaults.withMtu(9000)).hasMessageContaining("mtu 9000 is outside 576..1500");
    }
}
