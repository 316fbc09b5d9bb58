package io.pptpgw.operator.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the cluster reports about a gateway's pods: its DaemonSet (if it exists) and, per node, whether a gateway
 * pod there is ready (the pod's readiness probe: listener up and rules programmed).
 */
public record Observed(Optional<DaemonSet> daemonSet, Map<String, Boolean> readyByNode) {
    public Observed {
        readyByNode = Map.copyOf(readyByNode);
    }

    public static Observed of(Optional<DaemonSet> daemonSet, Collection<Pod> pods) {
        Map<String, Boolean> ready = new TreeMap<>();
        for (Pod pod : pods) {
            if (pod.getSpec() == null || pod.getSpec().getNodeName() == null) {
                continue;
            }
            boolean podReady = pod.getMetadata().getDeletionTimestamp() == null
                    && pod.getStatus() != null
                    && pod.getStatus().getConditions() != null
                    && pod.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            ready.merge(pod.getSpec().getNodeName(), podReady, Boolean::logicalOr);
        }
        return new Observed(daemonSet, ready);
    }

    public boolean readyOn(String node) {
        return readyByNode.getOrDefault(node, false);
    }

    /** Pods on the current template, as the DaemonSet controller counts them; 0 before it has looked. */
    public int updatedPods() {
        return daemonSet
                .map(DaemonSet::getStatus)
                .map(s -> s.getUpdatedNumberScheduled() == null ? 0 : s.getUpdatedNumberScheduled())
                .orElse(0);
    }

    /** Whether the DaemonSet controller has seen the current DaemonSet spec. */
    public boolean daemonSetObserved() {
        return daemonSet
                .filter(ds -> ds.getStatus() != null
                        && ds.getStatus().getObservedGeneration() != null
                        && ds.getStatus().getObservedGeneration()
                                >= ds.getMetadata().getGeneration())
                .isPresent();
    }
}
