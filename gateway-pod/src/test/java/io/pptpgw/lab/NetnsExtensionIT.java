package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.lab.topology.Host;
import io.pptpgw.lab.topology.Topologies;
import io.pptpgw.lab.topology.Topology;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The extension builds the selected topology per test, hands it over, and removes it after the test. */
@LabTopology("pair")
class NetnsExtensionIT {
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    static Topology pairWithForwarding() {
        return Topologies.pair().withHost("b", Host::forwarding).withName("pair-forwarding");
    }

    @Test
    void theClassTopologyIsBuiltAndHandedToTheTest(Lab lab) {
        remember(lab);
        assertThat(lab.topology()).isEqualTo(Topologies.pair());
        assertThat(lab.namespaces()).extracting(Namespace::host).containsExactly("a", "b");
        assertThat(lab.namespaces())
                .allSatisfy(ns -> assertThat(Netns.exists(ns.name())).isTrue());
        assertThat(lab.namespace("a")
                        .exec("ip", "-br", "address", "show", "eth0")
                        .orThrow()
                        .stdout())
                .contains("10.0.0.1/24");
    }

    @Test
    @LabTopology("pairWithForwarding")
    void aMethodAnnotationSelectsAFactoryMethodOfTheTestClass(Lab lab) {
        remember(lab);
        assertThat(lab.topology().name()).isEqualTo("pair-forwarding");
        assertThat(lab.namespace("b")
                        .exec("sysctl", "-n", "net.ipv4.ip_forward")
                        .orThrow()
                        .stdout()
                        .strip())
                .isEqualTo("1");
        assertThat(lab.namespace("a")
                        .exec("sysctl", "-n", "net.ipv4.ip_forward")
                        .orThrow()
                        .stdout()
                        .strip())
                .isEqualTo("0");
    }

    @Test
    @LabTopology("client-node")
    void aMethodAnnotationSelectsAStandardTopology(Lab lab) {
        remember(lab);
        lab.namespace("client")
                .exec("ping", "-c", "1", "-W", "2", lab.address("node", "wan1"))
                .orThrow();
    }

    @AfterAll
    static void everyLabIsGoneAfterItsTest() {
        assertThat(SEEN).hasSize(2 + 2 + 2).noneMatch(Netns::exists);
    }

    private static void remember(Lab lab) {
        lab.namespaces().forEach(ns -> SEEN.add(ns.name()));
    }
}
