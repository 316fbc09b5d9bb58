/**
 * {@code pptpgw bench}: the gateway and our client as real processes in a lab of their own, measured against a
 * baseline taken in the same run (the same path without the tunnel, plain TCP connects), and reported as ratios.
 */
package io.pptpgw.bench;
