package io.pptpgw.interop.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class VmNetworkTest {

    @Test
    void routedNetworkMakesTheTapTheGuestsGateway() {
        VmNetwork network = VmNetwork.routed("lab-gw", "vmtap0", "10.0.0.1/24", "10.0.0.2/24");

        assertThat(network.guestGateway()).contains("10.0.0.1");
        assertThat(network.guestIp()).isEqualTo("10.0.0.2");
        assertThat(network.tapIp()).contains("10.0.0.1");
        assertThat(network.bridge()).isEmpty();
    }

    @Test
    void bridgedNetworkLeavesTheTapWithoutAddress() {
        VmNetwork network = VmNetwork.bridged("lab-nat", "vmtap1", "br0", "192.168.1.11/24", "192.168.1.1");

        assertThat(network.tapAddress()).isEmpty();
        assertThat(network.bridge()).contains("br0");
        assertThat(network.guestGateway()).contains("192.168.1.1");
    }

    @Test
    void macAddressIsLocallyAdministeredAndDiffersPerTap() {
        String first =
                VmNetwork.routed("lab", "vmtap0", "10.0.0.1/24", "10.0.0.2/24").macAddress();
        String second =
                VmNetwork.routed("lab", "vmtap1", "10.0.0.1/24", "10.0.0.3/24").macAddress();

        assertThat(first).matches("52:54:00(:[0-9a-f]{2}){3}");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void rejectsWhatIpOrTheKernelWouldRefuse() {
        assertThatThrownBy(() -> VmNetwork.routed("lab", "a-tap-name-too-long", "10.0.0.1/24", "10.0.0.2/24"))
                .hasMessageContaining("tapName a-tap-name-too-long has 19 characters; Linux allows at most 15");
        assertThatThrownBy(() -> VmNetwork.routed("lab", "vmtap0", "10.0.0.1/24", "10.0.0.300/24"))
                .hasMessageContaining("guestAddress '10.0.0.300/24' is not valid");
        assertThatThrownBy(() -> VmNetwork.routed("lab; rm -rf /", "vmtap0", "10.0.0.1/24", "10.0.0.2/24"))
                .hasMessageContaining("namespace 'lab; rm -rf /' is not valid");
        assertThatThrownBy(() -> new VmNetwork(
                        "lab", "vmtap0", "10.0.0.2/24", Optional.empty(), Optional.empty(), Optional.empty(), 1500))
                .hasMessageContaining("exactly one of tapAddress and bridge");
        assertThatThrownBy(() -> VmNetwork.routed("lab", "vmtap0", "10.0.0.1/24", "10.0.0.2/24")
                        .withMtu(100))
                .hasMessageContaining("mtu 100 is outside 576..9000");
    }
}
