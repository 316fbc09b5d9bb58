/**
 * The Link Control Protocol (RFC 1661 §5-6): the MRU, Magic-Number (with loopback detection, §6.4),
 * Authentication-Protocol, Protocol-Field-Compression and Address-and-Control-Field-Compression options, Configure-Reject
 * of everything else, and Echo-Request/Reply for dead-peer detection.
 */
package io.pptpgw.ppp.lcp;
