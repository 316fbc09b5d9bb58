/**
 * The Java Operator SDK dependents of a gateway: each {@code desired()} is one call into {@code render}, and the
 * conditions that decide whether the optional PodMonitor exists.
 */
package io.pptpgw.operator.dependent;
