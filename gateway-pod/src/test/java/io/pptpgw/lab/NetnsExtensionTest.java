package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.lab.topology.Topologies;
import io.pptpgw.lab.topology.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class NetnsExtensionTest {
    static Topology custom() {
        return Topologies.pair().withName("custom");
    }

    @Test
    void aStaticMethodOfTheTestClassWinsOverAStandardTopology() {
        assertThat(NetnsExtension.topology("custom", NetnsExtensionTest.class).name())
                .isEqualTo("custom");
        assertThat(NetnsExtension.topology("demo", NetnsExtensionTest.class)).isEqualTo(Topologies.demo());
    }

    @Test
    void anUnknownNameListsTheStandardTopologies() {
        assertThatThrownBy(() -> NetnsExtension.topology("mesh", NetnsExtensionTest.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("@LabTopology(\"mesh\")")
                .hasMessageContaining("has no static method mesh() returning a Topology")
                .hasMessageContaining("[client-node, demo, pair]");
    }
}
