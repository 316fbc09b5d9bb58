/**
 * The cryptographic primitives PPTP needs, under their RFC names: MD4 (RFC 1320), DES with the 7-to-8-byte key
 * expansion and the MS-CHAPv2 functions (RFC 2759 §8), the CHAP-MD5 response (RFC 1994 §4.1) and an in-place RC4.
 */
package io.pptpgw.crypto;
