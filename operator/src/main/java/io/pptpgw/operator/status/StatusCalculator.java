package io.pptpgw.operator.status;

import io.pptpgw.api.v1alpha1.Conditions;
import io.pptpgw.api.v1alpha1.NodeStatus;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.api.v1alpha1.PptpGatewayStatus;
import io.pptpgw.operator.conflict.PortConflict;
import io.pptpgw.operator.plan.GatewayPlan;
import io.pptpgw.operator.spec.SpecDefaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Computes the next status from the plan and what the cluster reports. Pure: the same inputs give an equal
 * status, which is how the reconciler knows it has nothing to patch.
 */
public final class StatusCalculator {
    private StatusCalculator() {}

    public static PptpGatewayStatus next(PptpGateway gateway, GatewayPlan plan, Observed observed, Instant now) {
        PptpGatewayStatus old = gateway.getStatus();
        long generation = gateway.getMetadata().getGeneration() == null
                ? 0
                : gateway.getMetadata().getGeneration();
        List<NodeStatus> nodes = nodes(old, plan, observed);
        long ready = nodes.stream().filter(n -> Boolean.TRUE.equals(n.ready())).count();

        ConditionSet conditions = new ConditionSet(old == null ? null : old.conditions());
        Verdict programmed = programmed(gateway, plan, observed, nodes, ready);
        conditions.set(
                Conditions.INVALID,
                !plan.valid(),
                plan.valid() ? "Valid" : "InvalidSpec",
                plan.valid() ? "the spec is accepted" : String.join("; ", plan.problems()),
                generation,
                now);
        conditions.set(
                Conditions.CONFLICT,
                !plan.conflicts().isEmpty(),
                plan.conflicts().isEmpty() ? "NoConflict" : "PortConflict",
                conflictMessage(plan),
                generation,
                now);
        conditions.set(
                Conditions.PROGRAMMED, programmed.status(), programmed.reason(), programmed.message(), generation, now);
        Verdict degraded = degraded(plan, observed, nodes);
        conditions.set(Conditions.DEGRADED, degraded.status(), degraded.reason(), degraded.message(), generation, now);
        if (programmed.status()) {
            conditions.set(Conditions.READY, true, "Ready", programmed.message(), generation, now);
        } else {
            conditions.set(Conditions.READY, false, programmed.reason(), programmed.message(), generation, now);
        }
        return new PptpGatewayStatus(generation, conditions.toList(), nodes, ready + "/" + nodes.size());
    }

    /** One entry per node that runs a pod; while the spec is invalid, the last recorded nodes (and pools) stay. */
    private static List<NodeStatus> nodes(PptpGatewayStatus old, GatewayPlan plan, Observed observed) {
        List<NodeStatus> nodes = new ArrayList<>();
        if (plan.valid()) {
            plan.pools()
                    .forEach((node, pool) -> nodes.add(new NodeStatus(node, pool.toString(), observed.readyOn(node))));
        } else if (old != null && old.nodes() != null) {
            old.nodes().forEach(n -> nodes.add(new NodeStatus(n.name(), n.pool(), observed.readyOn(n.name()))));
        }
        return List.copyOf(nodes);
    }

    private static Verdict programmed(
            PptpGateway gateway, GatewayPlan plan, Observed observed, List<NodeStatus> nodes, long ready) {
        if (!plan.valid()) {
            return new Verdict(false, "InvalidSpec", "the spec is not applied: " + String.join("; ", plan.problems()));
        }
        if (nodes.isEmpty()) {
            return new Verdict(false, "NoNodes", noNodesMessage(gateway, plan));
        }
        if (!observed.daemonSetObserved()) {
            return new Verdict(false, "Pending", "waiting for the DaemonSet controller to schedule gateway pods");
        }
        String ratio = "%d of %d nodes".formatted(ready, nodes.size());
        if (observed.updatedPods() < nodes.size()) {
            return new Verdict(false, "RollingOut", ratio + " ready; rolling out the current configuration");
        }
        if (ready < nodes.size()) {
            return new Verdict(false, "NodesNotReady", ratio + " ready");
        }
        return new Verdict(
                true,
                "AllNodesProgrammed",
                "%s listen on %s:%d with rules programmed"
                        .formatted(
                                ratio,
                                SpecDefaults.listenAddress(gateway.getSpec()),
                                SpecDefaults.listenPort(gateway.getSpec())));
    }

    private static Verdict degraded(GatewayPlan plan, Observed observed, List<NodeStatus> nodes) {
        if (plan.poolShortage().isPresent()) {
            return new Verdict(
                    true,
                    "PoolExhausted",
                    plan.poolShortage().get() + "; nodes without a sub-pool: "
                            + String.join(", ", plan.excludedNodes()));
        }
        List<String> notReady = nodes.stream()
                .filter(n -> !Boolean.TRUE.equals(n.ready()))
                .map(NodeStatus::name)
                .toList();
        if (plan.valid()
                && observed.daemonSetObserved()
                && observed.updatedPods() >= nodes.size()
                && !notReady.isEmpty()) {
            return new Verdict(true, "NodesNotReady", "gateway pods are not ready on " + String.join(", ", notReady));
        }
        return new Verdict(false, "AsExpected", "every gateway node has a sub-pool and no node is failing");
    }

    private static String noNodesMessage(PptpGateway gateway, GatewayPlan plan) {
        if (!plan.selectedNodes().isEmpty()) {
            return "all %d selected nodes are excluded: %s"
                    .formatted(
                            plan.selectedNodes().size(),
                            plan.conflicts().isEmpty() ? plan.poolShortage().orElse("") : conflictMessage(plan));
        }
        return "no node matches nodeSelector %s with the gateway's tolerations"
                .formatted(SpecDefaults.nodeSelector(gateway.getSpec()));
    }

    private static String conflictMessage(GatewayPlan plan) {
        return plan.conflicts().isEmpty()
                ? "no earlier gateway uses this gateway's ports on its nodes"
                : plan.conflicts().stream().map(PortConflict::message).collect(Collectors.joining("; "));
    }

    private record Verdict(boolean status, String reason, String message) {}
}
