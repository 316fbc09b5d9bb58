/**
 * {@code pptpgw doctor}: the PPTP-through-NAT troubleshooting checklist as checks (forwarding, GRE and PPTP
 * conntrack support, our table, foreign tables that drop TCP 1723 or GRE, MSS clamping, conntrack entries of live
 * sessions, tunnel MTU), each naming the cause and a fix, gathered into a report with an exit code.
 */
package io.pptpgw.doctor;
