package io.pptpgw.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the operator observed: conditions in the metav1.Condition shape and one entry per gateway node. */
public record PptpGatewayStatus(
        Long observedGeneration, List<Condition> conditions, List<NodeStatus> nodes, String readyNodes) {}
