package io.pptpgw.operator.dependent;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.render.GatewayLabels;
import io.pptpgw.operator.render.PodMonitor;
import io.pptpgw.operator.render.PodMonitorRenderer;

/**
 * {@code <name>}: the optional Prometheus Operator PodMonitor; it exists only while {@link PodMonitorApiAvailable}
 * and {@link PodMonitorRequested} hold.
 */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.MANAGED_SELECTOR))
public class GatewayPodMonitor extends CRUDKubernetesDependentResource<PodMonitor, PptpGateway> {
    public GatewayPodMonitor() {
        super(PodMonitor.class);
    }

    @Override
    protected PodMonitor desired(PptpGateway primary, Context<PptpGateway> context) {
        return PodMonitorRenderer.render(primary);
    }
}
