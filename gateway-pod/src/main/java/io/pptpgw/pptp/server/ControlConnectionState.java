package io.pptpgw.pptp.server;

/**
 * RFC 2637 §3.1.2, the control connection as its receiver (us, the PAC) sees it. {@code CLOSED} is ours: the TCP
 * connection is gone or going, and nothing more is read or sent.
 *
 * <pre>
 *                 receive Start-Control-Connection-Request, version OK / send reply
 *   +------+  -------------------------------------------------------------------->  +-------------+
 *   | IDLE |                                                                          | ESTABLISHED |
 *   +------+  receive Start-Control-Connection-Request, version not OK                +-------------+
 *      |       / send reply with error, close  ----> CLOSED                              |        |
 *      |                                                    receive Stop-Control-Connection-Request
 *      |                                                    / send reply, close  --> CLOSED       |
 *      |                                                                                          |
 *      |                                     local terminate / send Stop-Control-Connection-Request
 *      |                                                                                          v
 *      |                                                                              +-----------------+
 *      +--- start timeout, malformed first message, TCP closed --> CLOSED             | WAIT_STOP_REPLY |
 *                                                                                     +-----------------+
 *                                     receive Stop-Control-Connection-Reply, or stop timeout / close |
 *                                                                                                    v
 *                                                                                                 CLOSED
 * </pre>
 */
public enum ControlConnectionState {
    IDLE,
    ESTABLISHED,
    WAIT_STOP_REPLY,
    CLOSED
}
