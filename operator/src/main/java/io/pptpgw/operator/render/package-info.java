/**
 * Pure functions from a gateway and its plan to the Kubernetes objects that run it (ConfigMap, DaemonSet, metrics
 * Service, PodMonitor); golden-tested, no cluster needed.
 */
package io.pptpgw.operator.render;
