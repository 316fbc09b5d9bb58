package io.pptpgw.pptp.control;

/**
 * The RFC 2637 §2.5 keepalive of one control connection, as decisions without timers. The connection's idle timer
 * calls {@link #peerSilent()} after each interval in which nothing arrived; every received message calls
 * {@link #peerHeard()}. After {@code maxUnanswered} Echo-Requests in a row went unanswered, the next silent
 * interval gives up on the peer.
 *
 * <pre>
 *   silent: unanswered < max -> send Echo-Request(id++), unanswered++
 *   silent: unanswered = max -> give up (close the connection)
 *   heard:  unanswered = 0
 * </pre>
 *
 * Not thread-safe: one connection's event loop owns it.
 */
public final class EchoKeepalive {
    private final int maxUnanswered;
    private long nextIdentifier;
    private int unanswered;

    public EchoKeepalive(int maxUnanswered, long firstIdentifier) {
        if (maxUnanswered < 1) {
            throw new IllegalArgumentException("maxUnanswered " + maxUnanswered + " must be at least 1");
        }
        this.maxUnanswered = maxUnanswered;
        this.nextIdentifier = WireFields.unsigned32("firstIdentifier", firstIdentifier);
    }

    /** What a silent interval leads to. */
    public sealed interface Action {
        record SendEchoRequest(EchoRequest request) implements Action {}

        record GiveUp(int unanswered) implements Action {}
    }

    public Action peerSilent() {
        if (unanswered >= maxUnanswered) {
            return new Action.GiveUp(unanswered);
        }
        unanswered++;
        EchoRequest request = new EchoRequest(nextIdentifier);
        nextIdentifier = (nextIdentifier + 1) & 0xFFFF_FFFFL;
        return new Action.SendEchoRequest(request);
    }

    public void peerHeard() {
        unanswered = 0;
    }

    public int unanswered() {
        return unanswered;
    }
}
