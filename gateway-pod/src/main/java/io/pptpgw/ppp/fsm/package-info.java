/**
 * The one option-negotiation automaton of RFC 1661 §4 and the control protocol that drives it with packets (RFC 1661
 * §5), shared by LCP, IPCP and CCP.
 */
package io.pptpgw.ppp.fsm;
