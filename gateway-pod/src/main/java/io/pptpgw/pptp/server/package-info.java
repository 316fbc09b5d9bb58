/**
 * Our PPTP Access Concentrator's control channel (RFC 2637 §3): the Netty server on TCP 1723, the control
 * connection state machine of §3.1.2 with its keepalive and limits, outgoing calls (§3.2.4.1) with node-unique Call
 * IDs, and the seam ({@link io.pptpgw.pptp.server.CallSessions}) through which the session layer admits and ends
 * calls.
 */
package io.pptpgw.pptp.server;
