package io.pptpgw.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {
    @Test
    void parsesToAnIntInNetworkOrderAndFormatsBack() {
        assertThat(Ipv4.parse("10.0.0.1")).isEqualTo(0x0A000001);
        assertThat(Ipv4.parse("255.255.255.255")).isEqualTo(0xFFFFFFFF);
        assertThat(Ipv4.parse("0.0.0.0")).isZero();
        assertThat(Ipv4.format(0xC0000201)).isEqualTo("192.0.2.1");
        assertThat(Ipv4.format(Ipv4.parse("198.51.100.254"))).isEqualTo("198.51.100.254");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.1.2", "10.0.0.256", "10.0.0.01", "10.0.0.-1", "a.b.c.d", "10..0.1"})
    void rejectsAnythingButFourDecimalOctets(String text) {
        assertThatThrownBy(() -> Ipv4.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }
}
