package io.pptpgw.lab.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {
    @Test
    void listsEveryProblemOfAnInvalidTopologyInOneMessage() {
        List<Host> hosts = List.of(
                Host.named("a").withRoute(Route.defaultVia("192.0.2.1")),
                Host.named("a"),
                Host.named("Uppercase"),
                Host.named("b")
                        .withBridge(Bridge.of("br0", List.of("eth9")))
                        .withSysctl("net.ipv4.ip_forward", "1; reboot"));
        List<Link> links = List.of(
                Link.between(Endpoint.of("a", "eth0", "10.0.0.1/24"), Endpoint.of("b", "an-interface-name-too-long")),
                Link.between(Endpoint.of("a", "eth1"), Endpoint.of("ghost", "eth0")));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Topology("broken", hosts, links))
                .withMessageStartingWith("topology broken is invalid:")
                .withMessageContaining("host 'a' is declared twice")
                .withMessageContaining("host name 'Uppercase' must match")
                .withMessageContaining("interface name 'an-interface-name-too-long' of host b must match")
                .withMessageContaining("link end ghost:eth0 names no declared host")
                .withMessageContaining("bridge br0 of host b has port eth9, which is no veth end of that host")
                .withMessageContaining("sysctl net.ipv4.ip_forward=1; reboot of host b must match")
                .withMessageContaining("route default via 192.0.2.1 of host a: gateway 192.0.2.1 is on none of that"
                        + " host's connected networks");
    }

    @Test
    void rejectsTwoInterfacesOfOneNameInAHostAndAddressesOnABridgePort() {
        List<Link> links = List.of(
                Link.between(Endpoint.of("a", "eth0"), Endpoint.of("b", "eth0", "10.0.0.2/24")),
                Link.between(Endpoint.of("a", "eth0"), Endpoint.of("b", "eth1")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Topology("dup", List.of(Host.named("a"), Host.named("b")), links))
                .withMessageContaining("host a has two interfaces named eth0");

        Host b = Host.named("b").withBridge(Bridge.of("br0", List.of("eth0")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Topology("port", List.of(Host.named("a"), b), links.subList(0, 1)))
                .withMessageContaining("bridge port eth0 of host b has addresses; put them on the bridge br0");
    }

    @Test
    void aRouteMayUseTheGatewayOfABridgeOrAnExplicitDevice() {
        Topology topology = new Topology(
                "bridged",
                List.of(
                        Host.named("a").withBridge(Bridge.of("br0", List.of("p0"), "192.168.1.1/24")),
                        Host.named("b").withRoute(Route.onLink("198.51.100.0/24", "eth0"))),
                List.of(Link.between(Endpoint.of("a", "p0"), Endpoint.of("b", "eth0", "192.168.1.2/24"))));

        assertThat(topology.withRoute("b", Route.defaultVia("192.168.1.1"))
                        .host("b")
                        .routes())
                .extracting(Route::toString)
                .containsExactly("198.51.100.0/24 dev eth0", "default via 192.168.1.1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> topology.withRoute("b", Route.onLink("10.0.0.0/8", "eth7")))
                .withMessageContaining("uses device eth7, which that host does not have");
    }

    @Test
    void withersReturnNewValuesAndLeaveTheOriginalAlone() {
        Topology pair = Topologies.pair();

        Topology changed = pair.withHost("b", Host::forwarding).withName("pair-forwarding");

        assertThat(pair).isEqualTo(Topologies.pair());
        assertThat(pair.host("b").sysctls()).isEmpty();
        assertThat(changed.host("b").sysctls()).containsEntry("net.ipv4.ip_forward", "1");
        assertThat(changed.hostNames()).containsExactly("a", "b");
        assertThat(changed.withHost(Host.named("c")).hostNames()).containsExactly("a", "b", "c");
    }

    @Test
    void answersWhatAHostHasAndNamesWhatItLacks() {
        Topology demo = Topologies.demo();

        assertThat(demo.interfaces("nat")).containsExactly("lan1", "lan2", "wan", "lan");
        assertThat(demo.address("nat", "lan")).isEqualTo(Cidr.parse("192.168.1.1/24"));
        assertThat(demo.addresses("nat", "lan1")).isEmpty();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> demo.address("nat", "lan1"))
                .withMessage("interface lan1 of host nat in topology demo has no address");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> demo.address("node", "wan3"))
                .withMessage("host node of topology demo has no interface 'wan3'; it has [wan1, wan2, lan]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> demo.host("router"))
                .withMessageContaining("has no host 'router'; its hosts are [client, client2, nat, internet,");
    }
}
