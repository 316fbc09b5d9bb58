package io.pptpgw.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.render.PodMonitor;

/**
 * The cluster serves monitoring.coreos.com/v1 PodMonitor (the Prometheus Operator's CRD is installed). As an
 * activation condition it keeps JOSDK from watching a resource type the cluster does not have; API discovery needs
 * no RBAC.
 */
public class PodMonitorApiAvailable implements Condition<PodMonitor, PptpGateway> {
    @Override
    public boolean isMet(
            DependentResource<PodMonitor, PptpGateway> dependentResource,
            PptpGateway primary,
            Context<PptpGateway> context) {
        return context.getClient().supports(PodMonitor.class);
    }
}
