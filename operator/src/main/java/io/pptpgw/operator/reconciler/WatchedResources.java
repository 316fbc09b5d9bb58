package io.pptpgw.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.render.GatewayLabels;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a gateway's reconcile depends on besides its own dependents, and which gateways each change wakes:
 * <ul>
 *   <li>Nodes: a label or taint change can add or remove a gateway node, for any gateway.
 *   <li>Gateway pods: their readiness is the status; a pod wakes the gateway named by its instance label.
 *   <li>The other gateways: a new, changed or deleted gateway can start or end a port conflict.
 * </ul>
 */
final class WatchedResources {
    private final InformerEventSource<Node, PptpGateway> nodes;
    private final List<EventSource<?, PptpGateway>> sources;

    WatchedResources(EventSourceContext<PptpGateway> context) {
        this.nodes = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Node.class, PptpGateway.class)
                        .withName("nodes")
                        .withSecondaryToPrimaryMapper(node -> allGateways(context))
                        .withOnUpdateFilter(WatchedResources::schedulingChanged)
                        .build(),
                context);
        InformerEventSource<Pod, PptpGateway> pods = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Pod.class, PptpGateway.class)
                        .withName("gateway-pods")
                        .withLabelSelector(GatewayLabels.MANAGED_SELECTOR)
                        .withSecondaryToPrimaryMapper(WatchedResources::owningGateway)
                        .build(),
                context);
        InformerEventSource<PptpGateway, PptpGateway> peers = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(PptpGateway.class, PptpGateway.class)
                        .withName("peer-gateways")
                        .withSecondaryToPrimaryMapper(peer -> otherGateways(context, peer))
                        .withOnUpdateFilter((now, before) -> !Objects.equals(
                                now.getMetadata().getGeneration(),
                                before.getMetadata().getGeneration()))
                        .build(),
                context);
        this.sources = List.of(nodes, pods, peers);
    }

    List<EventSource<?, PptpGateway>> eventSources() {
        return sources;
    }

    /** Every node in the cluster (the informer's cache). */
    List<Node> nodes() {
        return nodes.list().toList();
    }

    static boolean schedulingChanged(Node now, Node before) {
        return !Objects.equals(
                        now.getMetadata().getLabels(), before.getMetadata().getLabels())
                || !Objects.equals(taints(now), taints(before));
    }

    private static Object taints(Node node) {
        return node.getSpec() == null ? null : node.getSpec().getTaints();
    }

    private static Set<ResourceID> owningGateway(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String gateway = labels == null ? null : labels.get(GatewayLabels.INSTANCE);
        return gateway == null
                ? Set.of()
                : Set.of(new ResourceID(gateway, pod.getMetadata().getNamespace()));
    }

    private static Set<ResourceID> allGateways(EventSourceContext<PptpGateway> context) {
        return ids(context.getPrimaryCache().list());
    }

    private static Set<ResourceID> otherGateways(EventSourceContext<PptpGateway> context, PptpGateway changed) {
        ResourceID self = ResourceID.fromResource(changed);
        return ids(context.getPrimaryCache()
                .list()
                .filter(g -> !ResourceID.fromResource(g).equals(self)));
    }

    private static Set<ResourceID> ids(Stream<? extends HasMetadata> resources) {
        return resources.map(ResourceID::fromResource).collect(Collectors.toSet());
    }
}
