/**
 * Two gateways on one node and port: the later one (by creation time, then namespace and name) yields the shared
 * nodes and says so; it never fights the earlier one.
 */
package io.pptpgw.operator.conflict;
