package io.pptpgw.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.pptpgw.api.v1alpha1.PptpGateway;

/**
 * The cluster serves monitoring.coreos.com/v1 PodMonitor (the Prometheus Operator's CRD is installed). As an
 * activation condition it keeps JOSDK from watching a resource type the cluster does not have; API discovery needs
 * no RBAC.
 */
public class PodMonitorApiAvailable implements Condition<GenericKubernetesResource, PptpGateway> {
    @Override
    public boolean isMet(
            DependentResource<GenericKubernetesResource, PptpGateway> dependentResource,
            PptpGateway primary,
            Context<PptpGateway> context) {
        return context.getClient().supports(GatewayPodMonitor.GVK.apiVersion(), GatewayPodMonitor.GVK.getKind());
    }
}
