package io.pptpgw.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExampleParsesTest {
    @Test
    void fullExampleParsesIntoTheApiTypes() throws Exception {
        var gw = Serialization.unmarshal(Files.readString(Path.of("../examples/office.yaml")), PptpGateway.class);
        assertThat(gw.getSpec().wans()).hasSize(2);
        assertThat(gw.getSpec().wans().get(1).interfaceName()).isEqualTo("eth2");
        assertThat(gw.getSpec().authentication().methods()).containsExactly(AuthMethod.MSCHAPv2);
        assertThat(gw.getSpec().passthrough().forwards().get(0).target()).isEqualTo("10.0.0.5");
        assertThat(Serialization.asYaml(gw)).contains("interface: \"eth2\"");
    }
}
