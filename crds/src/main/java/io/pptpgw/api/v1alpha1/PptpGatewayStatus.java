package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What the operator observed: conditions in the metav1.Condition shape (types in {@link Conditions}), one entry
 * per gateway node with its client sub-pool, and ready nodes over all as "2/3".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PptpGatewayStatus(
        Long observedGeneration, List<Condition> conditions, List<NodeStatus> nodes, String readyNodes) {}
