/**
 * The interop scenarios of issue 9: real pptp-linux + pppd dialling our gateway (as a real process in a lab
 * namespace), our client dialling the real pptpd, and two real clients behind a NAT with the {@code pptp}
 * conntrack helper; with our process's trace beside pppd's log when one fails.
 */
package io.pptpgw.interop.scenario;
