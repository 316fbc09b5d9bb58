package io.pptpgw.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExampleParsesTest {
    @Test
    void fullExampleParsesIntoTheApiTypes() throws Exception {
        var gw = Serialization.unmarshal(Files.readString(Path.of("../examples/office.yaml")), PptpGateway.class);
        assertThat(gw.getSpec().wans()).hasSize(2);
        assertThat(gw.getSpec().wans().get(1).interfaceName()).isEqualTo("eth2");
        assertThat(gw.getSpec().authentication().methods()).containsExactly(AuthMethod.MSCHAPv2);
        assertThat(gw.getSpec().passthrough().forwards().get(0).target()).isEqualTo("10.0.0.5");
        assertThat(gw.getSpec().tolerations())
                .singleElement()
                .satisfies(t -> assertThat(t.getOperator()).isEqualTo("Exists"));
        assertThat(Serialization.asYaml(gw)).contains("interface: \"eth2\"");
    }

    static Stream<Path> validExamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** The gateway reads the same files; every valid example must deserialise without unknown fields. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void everyValidExampleParses(Path example) throws IOException {
        PptpGateway gateway = Serialization.unmarshal(Files.readString(example), PptpGateway.class);
        assertThat(gateway.getSpec().clientPool().cidr()).matches(Patterns.IPV4_CIDR);
        assertThat(gateway.getSpec().authentication().usersSecretRef().name()).isNotBlank();
    }
}
