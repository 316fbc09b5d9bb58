/**
 * The IP Control Protocol (RFC 1332) with the DNS server options of RFC 1877: the server assigns the client's address
 * and pushes DNS servers through Configure-Nak; the client asks with 0.0.0.0 and takes what it is given.
 */
package io.pptpgw.ppp.ipcp;
