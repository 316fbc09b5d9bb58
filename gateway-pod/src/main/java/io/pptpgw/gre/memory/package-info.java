/**
 * An in-memory GRE link: two connected {@link io.pptpgw.gre.GreSocket}s with optional loss and reordering, for
 * tests, the lab and benchmarks. Apart from the pure {@code gre} package because it blocks and wakes threads.
 */
package io.pptpgw.gre.memory;
