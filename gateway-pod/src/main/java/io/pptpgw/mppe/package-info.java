/**
 * Microsoft Point-to-Point Encryption: the session keys derived from MS-CHAPv2 (RFC 3079 §3) and the in-place,
 * allocation-free cipher of one direction with its coherency count, key changes and resynchronisation (RFC 3078).
 */
package io.pptpgw.mppe;
