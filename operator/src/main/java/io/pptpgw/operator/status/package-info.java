/**
 * The gateway's status as a pure function of its plan and what the cluster reports: metav1 conditions that change
 * only when their status, reason or message does, per-node sub-pools and readiness, and the transitions worth an
 * event.
 */
package io.pptpgw.operator.status;
