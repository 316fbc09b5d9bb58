package io.pptpgw.ppp;

/**
 * The phases of a PPP link (RFC 1661 §3.2).
 *
 * <pre>
 * +------+        +-----------+           +--------------+
 * |      | UP     |           | OPENED    |              | SUCCESS/NONE
 * | DEAD |------->| ESTABLISH |---------->| AUTHENTICATE |--+
 * |      |        |           |           |              |  |
 * +------+        +-----------+           +--------------+  |
 *    ^               |                        |              |
 *    |          FAIL |                   FAIL |              |
 *    +<--------------+             +----------+              |
 *    |                             |                         |
 *    |            +-----------+    |           +---------+   |
 *    |       DOWN |           |    |   CLOSING |         |   |
 *    +------------| TERMINATE |<---+<----------| NETWORK |<--+
 *                 |           |                |         |
 *                 +-----------+                +---------+
 * </pre>
 */
public enum LinkPhase {
    DEAD,
    ESTABLISH,
    AUTHENTICATE,
    NETWORK,
    TERMINATE
}
