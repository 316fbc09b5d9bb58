package io.pptpgw.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
    @Test
    void readsTheEnvironmentTheChartSets() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
                "PPTPGW_IMAGE", "ghcr.io/pptpgw/pptpgw:0.1.0",
                "PPTPGW_WATCH_NAMESPACES", "vpn, office ,",
                "POD_NAMESPACE", "pptpgw-system",
                "PPTPGW_HEALTH_PORT", "8081"));
        assertThat(settings.image()).isEqualTo("ghcr.io/pptpgw/pptpgw:0.1.0");
        assertThat(settings.namespaces()).isEqualTo(Set.of("vpn", "office"));
        assertThat(settings.leaseNamespace()).contains("pptpgw-system");
        assertThat(settings.healthPort()).isEqualTo(8081);
    }

    @Test
    void defaultsWatchEverythingWithoutLeaderElection() {
        OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of("PPTPGW_IMAGE", "img"));
        assertThat(settings.namespaces()).isEmpty();
        assertThat(settings.leaseNamespace()).isEqualTo(Optional.empty());
        assertThat(settings.healthPort()).isEqualTo(8080);
    }

    @Test
    void refusesToStartWithoutItsOwnImage() {
        assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of()))
                .hasMessageStartingWith("PPTPGW_IMAGE is not set");
        assertThatThrownBy(
                        () -> OperatorSettings.fromEnvironment(Map.of("PPTPGW_IMAGE", "i", "PPTPGW_HEALTH_PORT", "x")))
                .hasMessage("PPTPGW_HEALTH_PORT \"x\" is not a port number");
    }
}
