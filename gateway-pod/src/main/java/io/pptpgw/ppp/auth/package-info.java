/**
 * Authentication behind one interface, both sides of it: PAP (RFC 1334 §2), CHAP-MD5 (RFC 1994) and MS-CHAPv2
 * (RFC 2759) as {@link io.pptpgw.ppp.auth.Authenticator} and {@link io.pptpgw.ppp.auth.AuthResponder}, with the
 * lockout that sits in front of every method.
 */
package io.pptpgw.ppp.auth;
