package io.pptpgw.operator.render;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Prometheus Operator's PodMonitor as a generic resource (its spec is free-form here, so the operator needs
 * none of the Prometheus Operator's types), annotated with its group, version, kind and plural so the client never
 * has to ask API discovery for them: discovery fails while the PodMonitor CRD is not installed, and JOSDK builds
 * the dependent's informer even when its activation condition is false.
 */
@Group(PodMonitorRenderer.GROUP)
@Version(PodMonitorRenderer.VERSION)
@Kind(PodMonitorRenderer.KIND)
@Plural("podmonitors")
public class PodMonitor extends GenericKubernetesResource implements Namespaced {}
