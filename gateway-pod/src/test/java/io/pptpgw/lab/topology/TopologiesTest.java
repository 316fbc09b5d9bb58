package io.pptpgw.lab.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The standard topologies keep the address plan their javadoc and docs/LAB.md promise. */
class TopologiesTest {
    private static final List<Cidr> DOCUMENTATION_AND_PRIVATE_RANGES = Stream.of(
                    "192.0.2.0/24",
                    "198.51.100.0/24",
                    "203.0.113.0/24", // RFC 5737
                    "10.0.0.0/8",
                    "172.16.0.0/12",
                    "192.168.0.0/16") // RFC 1918
            .map(Cidr::parse)
            .toList();

    @Test
    void everyStandardTopologyIsFoundByItsName() {
        assertThat(Topologies.names()).containsExactly("client-node", "demo", "pair");
        assertThat(Topologies.named("demo")).contains(Topologies.demo());
        assertThat(Topologies.named("client-node")).contains(Topologies.clientNode());
        assertThat(Topologies.named("pair")).contains(Topologies.pair());
        assertThat(Topologies.named("mesh")).isEmpty();
    }

    @Test
    void demoNodeHasTwoWanUplinksAndOneLan() {
        Topology demo = Topologies.demo();

        assertThat(demo.address("node", "wan1")).hasToString("203.0.113.2/24");
        assertThat(demo.address("node", "wan2")).hasToString("198.51.100.2/24");
        assertThat(demo.address("node", "lan")).hasToString("10.0.0.1/24");
        assertThat(demo.address("isp1", "node")).hasToString("203.0.113.1/24");
        assertThat(demo.address("isp2", "node")).hasToString("198.51.100.1/24");
        assertThat(demo.address("inside", "eth0")).hasToString("10.0.0.5/24");
        assertThat(demo.host("node").routes()).containsExactly(Route.defaultVia("203.0.113.1"));
        assertThat(demo.host("node").sysctls())
                .containsEntry(Host.IP_FORWARD, "1")
                .containsEntry(Host.RP_FILTER_ALL, "2");
    }

    @Test
    void demoClientsShareTheNatsLanAndReachEachIspByItsPrefix() {
        Topology demo = Topologies.demo();

        assertThat(demo.address("client", "eth0")).hasToString("192.168.1.2/24");
        assertThat(demo.address("client2", "eth0")).hasToString("192.168.1.3/24");
        assertThat(demo.host("nat").bridges())
                .containsExactly(Bridge.of("lan", List.of("lan1", "lan2"), "192.168.1.1/24"));
        assertThat(demo.address("nat", "wan")).hasToString("192.0.2.100/24");
        assertThat(demo.host("nat").routes())
                .containsExactly(
                        Route.to("203.0.113.0/24", demo.address("isp1", "pub").addressText()),
                        Route.to("198.51.100.0/24", demo.address("isp2", "pub").addressText()),
                        Route.defaultVia("192.0.2.1"));
        assertThat(demo.host("nat").nftRuleset())
                .contains("oifname \"wan\" masquerade")
                .contains("ct helper set \"pptp\"");
        assertThat(demo.host("internet").bridges()).containsExactly(Bridge.of("pub", List.of("nat", "isp1", "isp2")));
    }

    @Test
    void demoIspsFilterSourcesStrictlySoAReplyByTheWrongIspIsDropped() {
        Topology demo = Topologies.demo();

        assertThat(demo.host("isp1").sysctls()).containsEntry(Host.RP_FILTER_ALL, "1");
        assertThat(demo.host("isp2").sysctls()).containsEntry(Host.RP_FILTER_ALL, "1");
        assertThat(demo.host("isp1").routes()).containsExactly(Route.to("198.51.100.0/24", "192.0.2.2"));
        assertThat(demo.host("isp2").routes()).containsExactly(Route.to("203.0.113.0/24", "192.0.2.1"));
    }

    @Test
    void everyAddressOfEveryStandardTopologyIsForDocumentationOrPrivateUse() {
        for (String name : Topologies.names()) {
            Topology topology = Topologies.named(name).orElseThrow();
            Stream<Cidr> addresses = Stream.concat(
                    topology.links().stream()
                            .flatMap(link -> Stream.of(link.a(), link.b()))
                            .flatMap(end -> end.addresses().stream()),
                    topology.hosts().stream()
                            .flatMap(host -> host.bridges().stream())
                            .flatMap(bridge -> bridge.addresses().stream()));
            assertThat(addresses.toList())
                    .as(name)
                    .allSatisfy(address -> assertThat(DOCUMENTATION_AND_PRIVATE_RANGES)
                            .anySatisfy(range -> assertThat(range.contains(address.address()))
                                    .isTrue()));
        }
    }

    @Test
    void everyGatewayIsAnAddressOfAnotherHost() {
        for (String name : Topologies.names()) {
            Topology topology = Topologies.named(name).orElseThrow();
            for (Host host : topology.hosts()) {
                for (Route route : host.routes()) {
                    route.via()
                            .ifPresent(gateway -> assertThat(topology.hosts().stream()
                                            .filter(other -> !other.name().equals(host.name()))
                                            .flatMap(other -> topology.interfaces(other.name()).stream()
                                                    .flatMap(i -> topology.addresses(other.name(), i).stream()))
                                            .map(Cidr::address))
                                    .as("%s: %s of %s", name, route, host.name())
                                    .contains(gateway));
                }
            }
        }
    }
}
