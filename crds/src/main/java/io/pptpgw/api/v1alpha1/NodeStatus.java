package io.pptpgw.api.v1alpha1;

/** One node running (or meant to run) a gateway pod, and the client sub-pool it hands out. */
public record NodeStatus(String name, String pool, Boolean ready) {}
