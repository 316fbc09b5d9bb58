/** Splitting a gateway's client pool into stable per-node sub-pools; pure functions over IPv4 networks. */
package io.pptpgw.operator.pool;
