package io.pptpgw.e2e.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pptpgw.e2e.testing.KubernetesYaml;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Pods the E2E test creates, waits for and reads, and the gateway pods the operator's DaemonSet runs. */
final class ClusterPods {
    private final KubernetesClient client;
    private final E2eSettings settings;

    ClusterPods(KubernetesClient client, E2eSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** Creates the pod in {@code manifest} (replacing an earlier one of the same name) and returns its name. */
    String create(String manifest) {
        Pod pod = KubernetesYaml.parseTyped(manifest, Pod.class);
        delete(pod.getMetadata().getName());
        client.pods().inNamespace(settings.namespace()).resource(pod).create();
        return pod.getMetadata().getName();
    }

    Pod get(String name) {
        return client.pods().inNamespace(settings.namespace()).withName(name).get();
    }

    String log(String name) {
        return client.pods().inNamespace(settings.namespace()).withName(name).getLog();
    }

    Pod awaitReady(String name, Duration timeout) {
        client.pods()
                .inNamespace(settings.namespace())
                .withName(name)
                .waitUntilReady(timeout.toSeconds(), TimeUnit.SECONDS);
        return get(name);
    }

    /** Waits until the pod's containers ended (phase Succeeded or Failed) and returns its log. */
    String awaitFinishedLog(String name, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Pod pod = get(name);
            return pod != null
                    && List.of("Succeeded", "Failed").contains(pod.getStatus().getPhase());
        });
        return log(name);
    }

    void delete(String name) {
        client.pods()
                .inNamespace(settings.namespace())
                .withName(name)
                .withTimeout(60, TimeUnit.SECONDS)
                .delete();
    }

    /** The gateway's pods (the operator's DaemonSet, labelled with the gateway's name). */
    List<Pod> gatewayPods() {
        return client.pods()
                .inNamespace(settings.namespace())
                .withLabel("app.kubernetes.io/name", "pptpgw-gateway")
                .withLabel("app.kubernetes.io/instance", settings.gatewayName())
                .list()
                .getItems();
    }

    /** The nftables tables of {@code node}'s network namespace, listed by a host-network pod with nft. */
    String nftTables(String node) {
        String probe = create(io.pptpgw.e2e.kind.E2eManifests.nftProbe(settings.image(), node));
        try {
            return awaitFinishedLog(probe, Duration.ofMinutes(2));
        } finally {
            delete(probe);
        }
    }
}
