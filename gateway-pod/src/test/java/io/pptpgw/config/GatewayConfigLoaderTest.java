package io.pptpgw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.config.Authentication.Encryption;
import io.pptpgw.net.Cidr;
import io.pptpgw.net.FwMark;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.Port;
import io.pptpgw.net.RoutingTable;
import io.pptpgw.ppp.auth.AuthProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayConfigLoaderTest {
    static final Path OFFICE = Path.of("../examples/office.yaml");

    @Test
    void theFullExampleMapsEveryField() {
        GatewayConfig config = GatewayConfigLoader.load(OFFICE);

        assertThat(config.name()).isEqualTo("office");
        assertThat(config.listen()).isEqualTo(new Listen(Ipv4Address.ANY, new Port(1723)));
        assertThat(config.clientPool()).isEqualTo(Cidr.parse("10.250.0.0/16"));
        assertThat(config.dns()).containsExactly(Ipv4Address.parse("10.96.0.10"));
        assertThat(config.mtu()).isEqualTo(1400);
        assertThat(config.mssClamping()).isEqualTo(new MssClamping.PathMtu());
        assertThat(config.authentication())
                .isEqualTo(new Authentication(
                        java.util.Optional.of("office-users"),
                        List.of(AuthProtocol.MSCHAP_V2),
                        false,
                        Encryption.REQUIRED,
                        Authentication.Mppe.STATELESS_128_ONLY,
                        new Authentication.Lockout(5, Duration.ofMinutes(5), Duration.ofMinutes(15))));
        assertThat(config.masquerade()).isTrue();
        assertThat(config.wans())
                .containsExactly(
                        new Wan(
                                "isp1",
                                InterfaceName.of("eth1"),
                                Ipv4Address.parse("203.0.113.1"),
                                new FwMark(257),
                                new RoutingTable(101)),
                        new Wan(
                                "isp2",
                                InterfaceName.of("eth2"),
                                Ipv4Address.parse("198.51.100.1"),
                                new FwMark(258),
                                new RoutingTable(102)));
        assertThat(config.passthrough())
                .isEqualTo(new Passthrough(
                        true,
                        true,
                        List.of(new Passthrough.Forward(
                                Ipv4Address.parse("203.0.113.10"), Ipv4Address.parse("10.0.0.5")))));
        assertThat(config.limits()).isEqualTo(new Limits(10000, 4, 100, Duration.ZERO));
        assertThat(config.keepalive()).isEqualTo(new Keepalive(Duration.ofSeconds(20), 3));
        assertThat(config.metricsPort()).isEqualTo(new Port(9723));
        assertThat(config.tunnelInterface()).isEqualTo(InterfaceName.of("pptp-office"));
    }

    @Test
    void aMinimalResourceTakesTheCrdDefaults() {
        GatewayConfig config = GatewayConfigLoader.load(Path.of("src/test/resources/golden/config/minimal.yaml"));

        assertThat(config.listen()).isEqualTo(new Listen(Ipv4Address.ANY, new Port(1723)));
        assertThat(config.mtu()).isEqualTo(1400);
        assertThat(config.mssClamping()).isEqualTo(new MssClamping.PathMtu());
        assertThat(config.authentication().methods()).containsExactly(AuthProtocol.MSCHAP_V2);
        assertThat(config.authentication().allowInsecure()).isFalse();
        assertThat(config.authentication().encryption()).isEqualTo(Encryption.REQUIRED);
        assertThat(config.authentication().mppe()).isEqualTo(Authentication.Mppe.STATELESS_128_ONLY);
        assertThat(config.authentication().lockout())
                .isEqualTo(new Authentication.Lockout(5, Duration.ofMinutes(5), Duration.ofMinutes(15)));
        assertThat(config.masquerade()).isTrue();
        assertThat(config.wans()).isEmpty();
        assertThat(config.passthrough()).isEqualTo(new Passthrough(true, false, List.of()));
        assertThat(config.limits()).isEqualTo(new Limits(10000, 4, 100, Duration.ZERO));
        assertThat(config.keepalive()).isEqualTo(new Keepalive(Duration.ofSeconds(20), 3));
        assertThat(config.metricsPort()).isEqualTo(new Port(9723));
        assertThat(config.dns()).isEmpty();
    }

    @Test
    void everyGoldenConfigLoads() {
        for (String shape : List.of("minimal", "no-wans", "mss-fixed", "mss-off", "passthrough", "masquerade-off")) {
            Path file = Path.of("src/test/resources/golden/config/" + shape + ".yaml");
            assertThat(GatewayConfigLoader.load(file).name()).as(shape).isNotBlank();
        }
    }

    @Test
    void theEmbeddedDefaultIsTheSafestStandaloneGateway() {
        GatewayConfig config = GatewayConfigLoader.embeddedDefault();

        assertThat(config.listen().port()).isEqualTo(new Port(1723));
        assertThat(config.clientPool()).isEqualTo(Cidr.parse("10.250.0.0/24"));
        assertThat(config.authentication().methods()).containsExactly(AuthProtocol.MSCHAP_V2);
        assertThat(config.authentication().encryption()).isEqualTo(Encryption.REQUIRED);
        assertThat(config.authentication().usersSecretName()).isEmpty();
        assertThat(config.tunnelInterface()).isEqualTo(InterfaceName.of("pptp-default"));
    }

    @Test
    void aPodPicksItsNodesPoolFromNodePools() {
        String pools = "worker-1: 10.250.0.0/24\nworker-2: 10.250.1.0/24\n";

        GatewayConfig config = GatewayConfigLoader.parse(ConfigYaml.office(), "gateway.yaml", pools, "worker-2");

        assertThat(config.clientPool()).isEqualTo(Cidr.parse("10.250.1.0/24"));
    }

    @Test
    void aPodWithoutItsNodeInNodePoolsFailsNamingTheNode() {
        String pools = "worker-1: 10.250.0.0/24\n";

        assertThatThrownBy(() -> GatewayConfigLoader.parse(ConfigYaml.office(), "gateway.yaml", pools, "worker-9"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("node-pools.yaml has no pool for node \"worker-9\" (it has [worker-1])");
    }

    @Test
    void aPodWithoutNodeNameSaysWhereItComesFrom() {
        assertThatThrownBy(
                        () -> GatewayConfigLoader.parse(ConfigYaml.office(), "gateway.yaml", "a: 10.250.0.0/24", null))
                .hasMessageContaining("NODE_NAME is not set");
    }

    @Test
    void aNodePoolOutsideTheClientPoolIsRefused() {
        assertThatThrownBy(() -> GatewayConfigLoader.parse(
                        ConfigYaml.office(), "gateway.yaml", "worker-1: 10.99.0.0/24", "worker-1"))
                .hasMessageContaining(
                        "node-pools.yaml worker-1 10.99.0.0/24 is outside spec.clientPool.cidr 10.250.0.0/16");
    }

    @Test
    void overlappingNodePoolsAreRefused() {
        assertThatThrownBy(() -> NodePools.parse("a: 10.250.0.0/23\nb: 10.250.1.0/24\n", "node-pools.yaml"))
                .hasMessageContaining("node-pools.yaml b 10.250.1.0/24 overlaps a 10.250.0.0/23");
    }

    @Test
    void aFileThatCannotBeReadIsNamed() {
        assertThatThrownBy(() -> GatewayConfigLoader.load(Path.of("/nonexistent/gateway.yaml")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("cannot read /nonexistent/gateway.yaml");
    }
}
