package io.pptpgw.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.api.v1alpha1.PptpGatewayStatus;
import io.pptpgw.operator.dependent.GatewayConfigMap;
import io.pptpgw.operator.dependent.GatewayDaemonSet;
import io.pptpgw.operator.dependent.GatewayPodMonitor;
import io.pptpgw.operator.dependent.MetricsService;
import io.pptpgw.operator.dependent.PlanInContext;
import io.pptpgw.operator.dependent.PodMonitorApiAvailable;
import io.pptpgw.operator.dependent.PodMonitorRequested;
import io.pptpgw.operator.plan.GatewayPlan;
import io.pptpgw.operator.plan.Planner;
import io.pptpgw.operator.render.ObjectNames;
import io.pptpgw.operator.status.Observed;
import io.pptpgw.operator.status.StatusCalculator;
import io.pptpgw.operator.status.Transition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reconciles a PptpGateway. It first decides a {@link GatewayPlan} (checks, nodes, sub-pools, conflicts); only a
 * valid plan runs the dependent workflow, so an invalid edit leaves the last good gateway running instead of
 * tearing it down. Then it computes the status and patches it only when it differs.
 */
@ControllerConfiguration(name = PptpGatewayReconciler.NAME)
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = "config", type = GatewayConfigMap.class),
            @Dependent(name = "daemonset", type = GatewayDaemonSet.class, dependsOn = "config"),
            @Dependent(name = "metrics", type = MetricsService.class),
            @Dependent(
                    name = "podmonitor",
                    type = GatewayPodMonitor.class,
                    activationCondition = PodMonitorApiAvailable.class,
                    reconcilePrecondition = PodMonitorRequested.class)
        })
public class PptpGatewayReconciler implements Reconciler<PptpGateway> {
    public static final String NAME = "pptpgateway";

    /** A missing users Secret is not watched (that would need list/watch on every Secret); look again this often. */
    static final Duration INVALID_RECHECK = Duration.ofSeconds(30);

    private final String defaultImage;
    private final Clock clock;
    private final GatewayEvents events;
    private volatile Supplier<Stream<PptpGateway>> gateways = Stream::empty;
    private volatile WatchedResources watched;

    public PptpGatewayReconciler(String defaultImage, Clock clock, GatewayEvents events) {
        this.defaultImage = Objects.requireNonNull(defaultImage, "defaultImage");
        this.clock = clock;
        this.events = events;
    }

    @Override
    public List<EventSource<?, PptpGateway>> prepareEventSources(EventSourceContext<PptpGateway> context) {
        gateways = () -> context.getPrimaryCache().list();
        watched = new WatchedResources(context);
        return watched.eventSources();
    }

    @Override
    public UpdateControl<PptpGateway> reconcile(PptpGateway gateway, Context<PptpGateway> context) {
        GatewayPlan plan = Planner.plan(
                gateway,
                watched.nodes(),
                context.getPrimaryCache().list().toList(),
                secret -> secretExists(context, gateway, secret),
                defaultImage);
        if (plan.valid()) {
            PlanInContext.store(context, plan);
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        }
        Optional<DaemonSet> daemonSet = context.getSecondaryResource(DaemonSet.class)
                .filter(ds -> ds.getMetadata().getName().equals(ObjectNames.daemonSet(gateway)));
        Set<Pod> pods = context.getSecondaryResources(Pod.class);
        PptpGatewayStatus next = StatusCalculator.next(gateway, plan, Observed.of(daemonSet, pods), clock.instant());
        UpdateControl<PptpGateway> control = next.equals(gateway.getStatus())
                ? UpdateControl.noUpdate()
                : UpdateControl.patchStatus(withStatus(gateway, next));
        if (!next.equals(gateway.getStatus())) {
            List<Transition> transitions = Transition.between(
                    gateway.getStatus() == null ? null : gateway.getStatus().conditions(), next.conditions());
            events.emit(gateway, transitions);
        }
        return plan.valid() ? control : control.rescheduleAfter(INVALID_RECHECK);
    }

    /** Gateways in the informer cache, for the operator's gauge of gateways by condition. */
    public Stream<PptpGateway> gateways() {
        return gateways.get();
    }

    private static boolean secretExists(Context<PptpGateway> context, PptpGateway gateway, String name) {
        return context.getClient()
                        .secrets()
                        .inNamespace(gateway.getMetadata().getNamespace())
                        .withName(name)
                        .get()
                != null;
    }

    /** A fresh object with only what a status patch needs, so the patch never carries a stale spec. */
    private static PptpGateway withStatus(PptpGateway gateway, PptpGatewayStatus status) {
        PptpGateway patch = new PptpGateway();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(gateway.getMetadata().getName())
                .withNamespace(gateway.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        return patch;
    }
}
