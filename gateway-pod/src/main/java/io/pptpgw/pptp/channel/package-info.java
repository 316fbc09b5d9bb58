/**
 * The Netty pipeline members that carry RFC 2637 control messages over TCP: framing by the PPTP Length field
 * and the codec adapters. Kept apart from {@code pptp.control} so the message package stays free of Netty
 * channels.
 */
package io.pptpgw.pptp.channel;
