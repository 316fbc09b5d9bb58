/**
 * A small typed model of one nftables table (chains, base chains, rules built from literal keywords and validated
 * values, named sets and maps, ct helper objects), rendered into one script that replaces the table atomically,
 * and the {@link io.pptpgw.nft.Nft} seam that checks and applies such scripts.
 */
package io.pptpgw.nft;
