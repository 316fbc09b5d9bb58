/**
 * What one reconcile decides before touching the cluster: the checks the API server cannot make, which nodes run a
 * gateway pod, each node's sub-pool, and the nodes left out; pure functions of the observed objects.
 */
package io.pptpgw.operator.plan;
