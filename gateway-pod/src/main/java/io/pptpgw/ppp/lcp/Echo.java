package io.pptpgw.ppp.lcp;

import io.pptpgw.ppp.LinkScheduler;
import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * Dead-peer detection with LCP Echo-Request (RFC 1661 §5.8): while LCP is open, one request every interval; a request
 * still unanswered when the next is due counts as a failure, any reply clears the count, and after the maximum number
 * of failures in a row the peer is declared dead. The round-trip time of each answered request is reported.
 */
public final class Echo {
    private final Duration interval;
    private final int maximumFailures;
    private final LinkScheduler scheduler;
    private final IntConsumer sendRequest;
    private final LcpEvents events;
    private LinkScheduler.Scheduled next;
    private int lastIdentifier;
    private boolean outstanding;
    private long sentAt;
    private int failures;

    /** @param sendRequest sends an Echo-Request with the given identifier */
    public Echo(
            Duration interval,
            int maximumFailures,
            LinkScheduler scheduler,
            IntConsumer sendRequest,
            LcpEvents events) {
        this.interval = interval;
        this.maximumFailures = maximumFailures;
        this.scheduler = scheduler;
        this.sendRequest = sendRequest;
        this.events = events;
    }

    /** LCP reached Opened. A zero interval leaves detection off. */
    public void start() {
        stop();
        failures = 0;
        outstanding = false;
        if (!interval.isZero()) {
            next = scheduler.schedule(interval, this::due);
        }
    }

    /** LCP left Opened. */
    public void stop() {
        if (next != null) {
            next.cancel();
            next = null;
        }
    }

    /** An Echo-Reply with {@code identifier} arrived. */
    public void receiveReply(int identifier) {
        failures = 0;
        if (outstanding && identifier == lastIdentifier) {
            outstanding = false;
            events.echoRoundTrip(Duration.ofNanos(scheduler.nanoTime() - sentAt));
        }
    }

    private void due() {
        next = null;
        if (outstanding && ++failures >= maximumFailures) {
            events.peerNotResponding(failures);
            return;
        }
        lastIdentifier = (lastIdentifier + 1) & 0xFF;
        outstanding = true;
        sentAt = scheduler.nanoTime();
        sendRequest.accept(lastIdentifier);
        next = scheduler.schedule(interval, this::due);
    }
}
