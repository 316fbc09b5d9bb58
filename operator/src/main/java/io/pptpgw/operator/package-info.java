/** The operator process: settings from the environment, the JOSDK operator with its reconciler, health and metrics. */
package io.pptpgw.operator;
