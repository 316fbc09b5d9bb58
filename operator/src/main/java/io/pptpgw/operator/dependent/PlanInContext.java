package io.pptpgw.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.plan.GatewayPlan;

/** Hands the reconcile's plan to the dependents through JOSDK's per-reconcile context. */
public final class PlanInContext {
    private static final String KEY = "pptpgw.plan";

    private PlanInContext() {}

    public static void store(Context<PptpGateway> context, GatewayPlan plan) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, plan);
    }

    public static GatewayPlan of(Context<PptpGateway> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, GatewayPlan.class);
    }
}
