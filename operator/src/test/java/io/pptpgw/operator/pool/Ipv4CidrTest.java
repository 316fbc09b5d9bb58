package io.pptpgw.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4CidrTest {
    @Test
    void parsesAndPrintsBack() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("10.250.0.0/16");
        assertThat(cidr.toString()).isEqualTo("10.250.0.0/16");
        assertThat(cidr.size()).isEqualTo(65536);
        assertThat(cidr.usableAddresses()).isEqualTo(65534);
        assertThat(Ipv4Cidr.parse("255.255.255.255/32").toString()).isEqualTo("255.255.255.255/32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0", "10.0.0.0/33", "010.0.0.0/8", "256.0.0.0/8", "10.0.0/8", "a.b.c.d/8", ""})
    void rejectsWhatIsNotAnIpv4Network(String text) {
        assertThatThrownBy(() -> Ipv4Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @Test
    void reportsHostBitsAndMasksThem() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("10.250.1.0/16");
        assertThat(cidr.hasHostBits()).isTrue();
        assertThat(cidr.network().toString()).isEqualTo("10.250.0.0/16");
        assertThat(Ipv4Cidr.parse("10.250.0.0/16").hasHostBits()).isFalse();
    }

    @Test
    void usableAddressesFollowRfc3021ForPointToPointPrefixes() {
        assertThat(Ipv4Cidr.parse("10.0.0.0/30").usableAddresses()).isEqualTo(2);
        assertThat(Ipv4Cidr.parse("10.0.0.0/31").usableAddresses()).isEqualTo(2);
        assertThat(Ipv4Cidr.parse("10.0.0.0/32").usableAddresses()).isEqualTo(1);
    }

    @Test
    void subnetsAndTheirIndexesAreInverse() {
        Ipv4Cidr pool = Ipv4Cidr.parse("192.168.0.0/16");
        assertThat(pool.subnetCount(24)).isEqualTo(256);
        assertThat(pool.subnet(0, 24).toString()).isEqualTo("192.168.0.0/24");
        assertThat(pool.subnet(255, 24).toString()).isEqualTo("192.168.255.0/24");
        for (long i = 0; i < 256; i++) {
            assertThat(pool.indexOf(pool.subnet(i, 24))).isEqualTo(i);
        }
        assertThat(pool.indexOf(Ipv4Cidr.parse("192.169.0.0/24"))).isEqualTo(-1);
        assertThat(pool.indexOf(Ipv4Cidr.parse("192.168.0.1/24"))).isEqualTo(-1);
        assertThat(pool.indexOf(Ipv4Cidr.parse("192.0.0.0/8"))).isEqualTo(-1);
    }

    @Test
    void subnetsOfTheTopOfTheAddressSpaceDoNotOverflow() {
        Ipv4Cidr pool = Ipv4Cidr.parse("240.0.0.0/4");
        assertThat(pool.subnet(pool.subnetCount(8) - 1, 8).toString()).isEqualTo("255.0.0.0/8");
    }
}
