package io.pptpgw.lab.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
    @Test
    void parsesAnInterfaceAddressAndKnowsItsNetwork() {
        Cidr wan1 = Cidr.parse("203.0.113.2/24");

        assertThat(wan1.addressText()).isEqualTo("203.0.113.2");
        assertThat(wan1.prefixLength()).isEqualTo(24);
        assertThat(wan1).hasToString("203.0.113.2/24");
        assertThat(wan1.isNetwork()).isFalse();
        assertThat(wan1.network()).isEqualTo(Cidr.parse("203.0.113.0/24"));
        assertThat(wan1.network().isNetwork()).isTrue();
    }

    @Test
    void containsExactlyTheAddressesOfItsNetwork() {
        Cidr lan = Cidr.parse("10.0.0.1/24");

        assertThat(lan.contains(Cidr.parseAddress("10.0.0.0"))).isTrue();
        assertThat(lan.contains(Cidr.parseAddress("10.0.0.255"))).isTrue();
        assertThat(lan.contains(Cidr.parseAddress("10.0.1.0"))).isFalse();
        assertThat(lan.contains(Cidr.parseAddress("9.255.255.255"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parseAddress("198.51.100.7")))
                .isTrue();
        assertThat(Cidr.parse("192.0.2.1/32").contains(Cidr.parseAddress("192.0.2.2")))
                .isFalse();
    }

    @Test
    void anAddressWithoutLengthIsAHostAndZeroLengthIsTheDefaultRoute() {
        assertThat(Cidr.parse("192.0.2.1")).isEqualTo(Cidr.parse("192.0.2.1/32"));
        assertThat(Cidr.parse("0.0.0.0/0").isDefault()).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").isDefault()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.1/33     | prefix length 33 of 10.0.0.1 is outside 0..32",
                "10.0.0/24       | address '10.0.0' is not a dotted-quad IPv4 address",
                "10.0.0.256/24   | address '10.0.0.256' has an octet above 255",
                "fe80::1/64      | address 'fe80::1' is not a dotted-quad IPv4 address",
                "example.com/24  | address 'example.com' is not a dotted-quad IPv4 address",
                "10.0.0.1/x      | prefix length 'x' of '10.0.0.1/x' is not a number",
                "127.1/8         | address '127.1' is not a dotted-quad IPv4 address",
            })
    void rejectsWhatIsNotADottedQuadWithALength(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(text)).withMessage(message);
    }
}
