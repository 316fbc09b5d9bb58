package io.pptpgw.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.render.PodMonitor;
import io.pptpgw.operator.spec.SpecDefaults;

/** The spec asks for a PodMonitor ({@code metrics.podMonitor: true}); when it stops asking, the PodMonitor goes. */
public class PodMonitorRequested implements Condition<PodMonitor, PptpGateway> {
    @Override
    public boolean isMet(
            DependentResource<PodMonitor, PptpGateway> dependentResource,
            PptpGateway primary,
            Context<PptpGateway> context) {
        return primary.getSpec() != null && SpecDefaults.podMonitor(primary.getSpec());
    }
}
