package io.pptpgw.e2e.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the E2E tests need to know about the cluster run.sh made, from system properties (run.sh passes each with
 * -D; the defaults are run.sh's own). Kubeconfig: {@value #KUBECONFIG}, else the usual KUBECONFIG / ~/.kube/config.
 */
public record E2eSettings(
        Optional<Path> kubeconfig,
        String namespace,
        String gatewayName,
        String gatewayNode,
        String image,
        String clientImage) {
    public static final String KUBECONFIG = "pptpgw.e2e.kubeconfig";
    public static final String NAMESPACE = "pptpgw.e2e.namespace";
    public static final String GATEWAY_NAME = "pptpgw.e2e.gatewayName";
    public static final String GATEWAY_NODE = "pptpgw.e2e.gatewayNode";
    public static final String IMAGE = "pptpgw.e2e.image";
    public static final String CLIENT_IMAGE = "pptpgw.e2e.clientImage";

    /** The settings from {@code properties}, with run.sh's defaults (the gateway in manifests/gateway.yaml). */
    public static E2eSettings from(Map<String, String> properties) {
        return new E2eSettings(
                Optional.ofNullable(properties.get(KUBECONFIG)).map(Path::of),
                properties.getOrDefault(NAMESPACE, "vpn"),
                properties.getOrDefault(GATEWAY_NAME, "e2e"),
                properties.getOrDefault(GATEWAY_NODE, "pptpgw-e2e-worker"),
                properties.getOrDefault(IMAGE, "pptpgw:e2e"),
                properties.getOrDefault(CLIENT_IMAGE, "pptpgw-e2e-client:e2e"));
    }

    public static E2eSettings fromSystemProperties() {
        Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        return from(properties);
    }

    public KubernetesClient client() {
        if (kubeconfig.isEmpty()) {
            return new KubernetesClientBuilder().build();
        }
        try {
            return new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig.get())))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig.get(), e);
        }
    }

    /** The nftables table the gateway programs on each of its nodes. */
    public String tableName() {
        return "pptpgw_" + gatewayName;
    }
}
