/**
 * The one option negotiator of RFC 1661 §5.1-5.4 and §4.6 (Max-Failure): raw options, their parsing and writing, and
 * the assembly of Configure-Ack, Configure-Nak and Configure-Reject from per-option verdicts, shared by LCP, IPCP and
 * CCP.
 */
package io.pptpgw.ppp.option;
