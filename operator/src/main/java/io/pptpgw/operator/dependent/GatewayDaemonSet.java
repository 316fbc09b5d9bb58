package io.pptpgw.operator.dependent;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.render.GatewayDaemonSetRenderer;
import io.pptpgw.operator.render.GatewayLabels;

/** {@code <name>-gateway}: one host-network gateway pod per selected node. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.MANAGED_SELECTOR))
public class GatewayDaemonSet extends CRUDKubernetesDependentResource<DaemonSet, PptpGateway> {
    public GatewayDaemonSet() {
        super(DaemonSet.class);
    }

    @Override
    protected DaemonSet desired(PptpGateway primary, Context<PptpGateway> context) {
        return GatewayDaemonSetRenderer.render(primary, PlanInContext.of(context));
    }
}
