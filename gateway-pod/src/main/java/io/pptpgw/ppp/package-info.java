/**
 * PPP in userspace (RFC 1661): frames with optional address/control and protocol-field compression, protocol
 * numbers, the control packet codec, and {@link io.pptpgw.ppp.PppLink}, which runs LCP, authentication, then IPCP and
 * CCP through the link phases of RFC 1661 §3.2.
 */
package io.pptpgw.ppp;
