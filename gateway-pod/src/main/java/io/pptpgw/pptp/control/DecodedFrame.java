package io.pptpgw.pptp.control;

/** What one framed PPTP control message decodes to: a valid message, or a malformation the handler acts on. */
public sealed interface DecodedFrame permits ControlMessage, MalformedControlMessage {}
