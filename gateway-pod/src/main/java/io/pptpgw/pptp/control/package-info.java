/**
 * The PPTP control messages of RFC 2637 §2 as validated records, their one codec (a malformed frame is a value,
 * never an exception), the TCP framing and pipeline codec shared by our server and client, and the §2.5 echo
 * keepalive logic.
 */
package io.pptpgw.pptp.control;
