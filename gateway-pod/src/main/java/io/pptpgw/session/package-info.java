/**
 * Sessions: one PPTP call, its PPP link and its tunnel in the data path, the gateway's admission of calls
 * ({@link io.pptpgw.session.SessionManager}) and the node's client address pool.
 */
package io.pptpgw.session;
