package io.pptpgw.operator.dependent;

import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.render.GatewayLabels;
import io.pptpgw.operator.render.MetricsServiceRenderer;

/** {@code <name>-metrics}: the headless Service over the gateway pods' metrics port. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.MANAGED_SELECTOR))
public class MetricsService extends CRUDKubernetesDependentResource<Service, PptpGateway> {
    public MetricsService() {
        super(Service.class);
    }

    @Override
    protected Service desired(PptpGateway primary, Context<PptpGateway> context) {
        return MetricsServiceRenderer.render(primary);
    }
}
