/**
 * The PptpGateway reconciler: plans, runs the dependent workflow when the spec is valid, and patches the status
 * only when it changed, with events on the transitions that matter.
 */
package io.pptpgw.operator.reconciler;
