package io.pptpgw.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One node running (or meant to run) a gateway pod, and the client sub-pool it hands out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatus(String name, String pool, Boolean ready) {}
