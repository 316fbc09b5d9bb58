package io.pptpgw.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.render.GatewayLabels;
import io.pptpgw.operator.render.PodMonitorRenderer;

/**
 * The optional Prometheus Operator PodMonitor, a generic resource so the operator does not need the Prometheus
 * Operator's types; it exists only while {@link PodMonitorApiAvailable} and {@link PodMonitorRequested} hold.
 */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.MANAGED_SELECTOR))
public class GatewayPodMonitor extends GenericKubernetesDependentResource<PptpGateway>
        implements Creator<GenericKubernetesResource, PptpGateway>,
                Updater<GenericKubernetesResource, PptpGateway>,
                GarbageCollected<PptpGateway> {
    public static final GroupVersionKind GVK =
            new GroupVersionKind(PodMonitorRenderer.GROUP, PodMonitorRenderer.VERSION, PodMonitorRenderer.KIND);

    public GatewayPodMonitor() {
        super(GVK);
    }

    @Override
    protected GenericKubernetesResource desired(PptpGateway primary, Context<PptpGateway> context) {
        return PodMonitorRenderer.render(primary);
    }
}
