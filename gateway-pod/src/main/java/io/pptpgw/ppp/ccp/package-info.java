/**
 * The Compression Control Protocol (RFC 1962) carrying only the MPPE option of RFC 3078 §2, negotiated within an
 * encryption policy, and the Reset-Request that resynchronises stateful MPPE (RFC 3078 §8.2).
 */
package io.pptpgw.ppp.ccp;
