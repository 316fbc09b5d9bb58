package io.pptpgw.pptp.server;

/**
 * RFC 2637 §3.2.4.1, an outgoing call as the PAC sees it. A VPN has no circuit to dial: the session layer's
 * admission decision is our "switch answer", so a call waits for it only while {@link CallSessions#admit} runs.
 *
 * <pre>
 *   IDLE --receive Outgoing-Call-Request--> WAIT_CS_ANSWER
 *   WAIT_CS_ANSWER --admitted / send Outgoing-Call-Reply (Connected)--> ESTABLISHED
 *   WAIT_CS_ANSWER --refused / send Outgoing-Call-Reply (error)--> IDLE
 *   ESTABLISHED --receive Call-Clear-Request / send Call-Disconnect-Notify--> IDLE
 *   ESTABLISHED --local disconnect / send Call-Disconnect-Notify--> IDLE
 *   ESTABLISHED --control connection stopped or lost--> IDLE
 * </pre>
 */
public enum CallState {
    WAIT_CS_ANSWER,
    ESTABLISHED,
    IDLE
}
