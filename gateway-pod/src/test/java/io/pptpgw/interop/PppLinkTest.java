package io.pptpgw.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PppLinkTest {

    @Test
    void parsesIpAddrOfAPointToPointLink() {
        String output = "7: ppp0    inet 192.168.77.10 peer 192.168.77.1/32 scope global ppp0\n"
                + "       valid_lft forever preferred_lft forever\n";

        PppLink link = PppLink.parse("ppp0", output);

        assertThat(link).isEqualTo(new PppLink("ppp0", "192.168.77.10", "192.168.77.1"));
    }

    @Test
    void saysWhatItFoundWhenThereIsNoPeerAddress() {
        assertThatThrownBy(() -> PppLink.parse("ppp0", "7: ppp0 inet 10.0.0.2/24 scope global ppp0"))
                .hasMessageContaining("no 'inet A peer B' address on ppp0")
                .hasMessageContaining("10.0.0.2/24");
    }
}
