package io.pptpgw.operator.dependent;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.spec.SpecDefaults;

/** The spec asks for a PodMonitor ({@code metrics.podMonitor: true}); when it stops asking, the PodMonitor goes. */
public class PodMonitorRequested implements Condition<GenericKubernetesResource, PptpGateway> {
    @Override
    public boolean isMet(
            DependentResource<GenericKubernetesResource, PptpGateway> dependentResource,
            PptpGateway primary,
            Context<PptpGateway> context) {
        return primary.getSpec() != null && SpecDefaults.podMonitor(primary.getSpec());
    }
}
