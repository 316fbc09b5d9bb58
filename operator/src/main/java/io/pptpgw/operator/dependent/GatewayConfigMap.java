package io.pptpgw.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.render.GatewayConfigRenderer;
import io.pptpgw.operator.render.GatewayLabels;

/** {@code <name>-config}: gateway.yaml and node-pools.yaml for the gateway pods. */
@KubernetesDependent(informer = @Informer(labelSelector = GatewayLabels.MANAGED_SELECTOR))
public class GatewayConfigMap extends CRUDKubernetesDependentResource<ConfigMap, PptpGateway> {
    public GatewayConfigMap() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(PptpGateway primary, Context<PptpGateway> context) {
        return GatewayConfigRenderer.render(primary, PlanInContext.of(context));
    }
}
