package io.pptpgw.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pptpgw.api.v1alpha1.PptpGateway;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD in a real kube-apiserver: {@code kubectl apply} (the real kubectl) accepts every example under
 * examples/ and rejects every one under examples/invalid/ with a message naming the field. Each invalid example
 * says in its header comments which field is wrong ({@code # field:}) and what the message says
 * ({@code # message:}).
 */
@ExtendWith(RealKubeApi.class)
class CrdApiServerTest {
    static final String NAMESPACE = "vpn";

    @BeforeAll
    static void installCrd(KubernetesClient client) throws IOException {
        ClusterFixtures.installCrd(client);
        ClusterFixtures.createNamespace(client, NAMESPACE);
    }

    static Stream<Path> validExamples() throws IOException {
        try (Stream<Path> files = Files.list(ClusterFixtures.examples())) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<Path> invalidExamples() throws IOException {
        try (Stream<Path> files = Files.list(ClusterFixtures.examples().resolve("invalid"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void kubectlApplyAcceptsValidExample(Path example, RealKubeApi.Server server) throws Exception {
        Kubectl.Result result = Kubectl.run(server, "apply", "-f", example.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("pptpgateway.pptpgw.io/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void kubectlApplyRejectsInvalidExampleNamingTheField(Path example, RealKubeApi.Server server) throws Exception {
        List<String> header = Files.readAllLines(example, StandardCharsets.UTF_8);
        String field = headerValue(header, "field", example);
        String message = headerValue(header, "message", example);

        Kubectl.Result result = Kubectl.run(server, "apply", "-f", example.toString());

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("is invalid").contains(field).contains(message);
    }

    @Test
    void theApiServerFillsInEveryDefault(KubernetesClient client) throws IOException {
        PptpGateway minimal = client.resources(PptpGateway.class)
                .load(ClusterFixtures.examples().resolve("minimal.yaml").toFile())
                .item();
        minimal.getMetadata().setName("defaults");
        PptpGateway stored = client.resource(minimal).serverSideApply();

        var spec = stored.getSpec();
        assertThat(spec.listen().port()).isEqualTo(1723);
        assertThat(spec.listen().address()).isEqualTo("0.0.0.0");
        assertThat(spec.clientPool().perNodePrefixLength()).isEqualTo(24);
        assertThat(spec.mtu()).isEqualTo(1400);
        assertThat(spec.mssClamping().mode().name()).isEqualTo("PathMtu");
        assertThat(spec.authentication().methods()).extracting(Enum::name).containsExactly("MSCHAPv2");
        assertThat(spec.authentication().encryption().name()).isEqualTo("Required");
        assertThat(spec.authentication().mppe().allowStateful()).isFalse();
        assertThat(spec.authentication().lockout().maxFailures()).isEqualTo(5);
        assertThat(spec.masquerade().enabled()).isTrue();
        assertThat(spec.passthrough().conntrackHelper()).isTrue();
        assertThat(spec.limits().maxSessions()).isEqualTo(10000);
        assertThat(spec.keepalive().interval()).isEqualTo("20s");
        assertThat(spec.metrics().port()).isEqualTo(9723);
        assertThat(spec.metrics().podMonitor()).isFalse();
        client.resource(stored).withTimeout(10, TimeUnit.SECONDS).delete();
    }

    @Test
    void printerColumnsAndShortNameReachKubectl(RealKubeApi.Server server) throws Exception {
        Kubectl.run(
                server,
                "apply",
                "-f",
                ClusterFixtures.examples().resolve("office.yaml").toString());
        Kubectl.Result result = Kubectl.run(server, "get", "pptpgw", "-n", NAMESPACE, "office");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().findFirst().orElse(""))
                .containsSubsequence("NAME", "READY", "NODES", "POOL", "AGE");
        assertThat(result.output()).contains("10.250.0.0/16");
    }

    private static String headerValue(List<String> lines, String key, Path example) {
        return lines.stream()
                .filter(line -> line.startsWith("# " + key + ": "))
                .map(line -> line.substring(key.length() + 4).trim())
                .findFirst()
                .orElseThrow(() -> new AssertionError(example + " has no '# " + key + ":' header line"));
    }
}
