package io.pptpgw.operator.kube;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pptpgw.operator.render.GatewayLabels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the DaemonSet controller and the kubelet would do in a real cluster, done by hand: create a gateway pod on a
 * node, mark it ready, and report the DaemonSet's rollout as observed and complete.
 */
record DaemonSetControllerStandIn(KubernetesClient client, String namespace, String image) {

    /** Creates ready gateway pods on {@code newPods} and reports {@code scheduled} pods, all ready and current. */
    void run(String gateway, List<String> newPods, int scheduled) {
        newPods.forEach(node -> readyPod(gateway, node));
        DaemonSet daemonSet = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> client.apps()
                                .daemonSets()
                                .inNamespace(namespace)
                                .withName(gateway + "-gateway")
                                .get(),
                        Objects::nonNull);
        DaemonSetStatus status = new DaemonSetStatusBuilder()
                .withObservedGeneration(daemonSet.getMetadata().getGeneration())
                .withDesiredNumberScheduled(scheduled)
                .withCurrentNumberScheduled(scheduled)
                .withUpdatedNumberScheduled(scheduled)
                .withNumberReady(scheduled)
                .withNumberAvailable(scheduled)
                .withNumberMisscheduled(0)
                .build();
        client.apps()
                .daemonSets()
                .inNamespace(namespace)
                .withName(daemonSet.getMetadata().getName())
                .editStatus(current -> {
                    current.setStatus(status);
                    return current;
                });
    }

    private void readyPod(String gateway, String node) {
        Pod pod = client.resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(gateway + "-gateway-" + node)
                        .withNamespace(namespace)
                        .withLabels(Map.of(
                                GatewayLabels.NAME, GatewayLabels.APP,
                                GatewayLabels.INSTANCE, gateway,
                                GatewayLabels.MANAGED_BY, GatewayLabels.OPERATOR))
                        .endMetadata()
                        .withNewSpec()
                        .withNodeName(node)
                        .addNewContainer()
                        .withName("gateway")
                        .withImage(image)
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        pod.setStatus(new PodStatusBuilder()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .endCondition()
                .build());
        client.resource(pod).updateStatus();
    }
}
