/**
 * Our PPTP client's control channel, the PNS side of RFC 2637 §3 over the same records and codec as the server: it
 * starts a control connection, places outgoing calls, clears them, answers and sends echoes, and stops, as a small
 * asynchronous API.
 */
package io.pptpgw.client.control;
