package io.pptpgw.operator.plan;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.pptpgw.api.v1alpha1.PptpGatewaySpec;
import io.pptpgw.operator.spec.SpecDefaults;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which nodes a gateway's DaemonSet would run on: the node has every nodeSelector label, and each NoSchedule or
 * NoExecute taint is tolerated, either by the spec or by the tolerations the DaemonSet controller adds to every
 * daemon pod on its own (not-ready, unreachable, pressure, unschedulable, network-unavailable for host network).
 */
public final class NodeSelection {
    static final Set<String> DAEMON_SET_TOLERATED = Set.of(
            "node.kubernetes.io/not-ready",
            "node.kubernetes.io/unreachable",
            "node.kubernetes.io/disk-pressure",
            "node.kubernetes.io/memory-pressure",
            "node.kubernetes.io/pid-pressure",
            "node.kubernetes.io/unschedulable",
            "node.kubernetes.io/network-unavailable");

    private NodeSelection() {}

    public static SortedSet<String> select(PptpGatewaySpec spec, Collection<Node> nodes) {
        SortedSet<String> selected = new TreeSet<>();
        for (Node node : nodes) {
            if (selects(spec, node)) {
                selected.add(node.getMetadata().getName());
            }
        }
        return selected;
    }

    public static boolean selects(PptpGatewaySpec spec, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        boolean labelled = SpecDefaults.nodeSelector(spec).entrySet().stream()
                .allMatch(wanted -> wanted.getValue().equals(labels.get(wanted.getKey())));
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null
                ? List.of()
                : node.getSpec().getTaints();
        return labelled
                && taints.stream()
                        .filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
                        .allMatch(t -> tolerated(t, SpecDefaults.tolerations(spec)));
    }

    static boolean tolerated(Taint taint, List<Toleration> tolerations) {
        return DAEMON_SET_TOLERATED.contains(taint.getKey())
                || tolerations.stream().anyMatch(toleration -> tolerates(toleration, taint));
    }

    /** The Kubernetes toleration rule: an empty key with Exists matches every taint; an empty effect every effect. */
    static boolean tolerates(Toleration toleration, Taint taint) {
        if (toleration.getEffect() != null
                && !toleration.getEffect().isEmpty()
                && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        boolean exists = "Exists".equals(toleration.getOperator());
        if (toleration.getKey() == null || toleration.getKey().isEmpty()) {
            return exists;
        }
        if (!toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        return exists || Objects.equals(emptyToNull(toleration.getValue()), emptyToNull(taint.getValue()));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
