package io.pptpgw.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.sys.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunSettingsTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "pptpgw-office-01", "tun 0", "tun/0", "tun:0", "tün0", ".", "..", "$(reboot)"})
    void refusesNamesTheKernelOrAShellWouldMisread(String name) {
        assertThatThrownBy(() -> TunSettings.of(name, 1400))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interface name \"" + name
                        + "\" must be 1..15 characters of A-Z a-z 0-9 _ . - (IFNAMSIZ), and not . or ..");
    }

    @Test
    void acceptsFifteenCharacterNames() {
        assertThat(TunSettings.of("pptpgw-office.1", 1400).name()).hasSize(15);
    }

    @Test
    void refusesAnMtuOutsideWhatIpv4Allows() {
        assertThatThrownBy(() -> TunSettings.of("tun0", 67))
                .hasMessage("MTU 67 of tun0 is outside 68..65535 (RFC 791)");
        assertThatThrownBy(() -> TunSettings.of("tun0", 65_536)).hasMessageContaining("MTU 65536");
    }

    @Test
    void prefixesParseAndKnowTheirNetwork() {
        Ipv4Prefix address = Ipv4Prefix.parse("10.250.0.1/24");

        assertThat(address.address()).isEqualTo(Ipv4.parse("10.250.0.1"));
        assertThat(address.netmask()).isEqualTo(Ipv4.parse("255.255.255.0"));
        assertThat(address.network()).hasToString("10.250.0.0/24");
        assertThat(address.contains(Ipv4.parse("10.250.0.200"))).isTrue();
        assertThat(address.contains(Ipv4.parse("10.250.1.1"))).isFalse();
        assertThat(Ipv4Prefix.parse("0.0.0.0/0").contains(Ipv4.parse("8.8.8.8")))
                .isTrue();
        assertThat(Ipv4Prefix.parse("192.0.2.7/32").network()).hasToString("192.0.2.7/32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/2x", "10.0.0/8"})
    void refusesMalformedPrefixes(String text) {
        assertThatThrownBy(() -> Ipv4Prefix.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routesAreCopiedSoTheSettingsStayImmutable() {
        List<Ipv4Prefix> routes = new java.util.ArrayList<>(List.of(Ipv4Prefix.parse("10.0.0.0/8")));
        TunSettings settings = TunSettings.of("tun0", 1400).withRoutes(routes);
        routes.clear();

        assertThat(settings.routes()).hasSize(1);
    }
}
