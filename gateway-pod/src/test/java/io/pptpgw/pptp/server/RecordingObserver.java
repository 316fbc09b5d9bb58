package io.pptpgw.pptp.server;

import io.pptpgw.pptp.control.MalformedControlMessage;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every observer event, for assertions on what the metrics layer would count. Thread-safe. */
public final class RecordingObserver implements ControlConnectionObserver {
    public final AtomicInteger opened = new AtomicInteger();
    public final List<InetSocketAddress> rejected = new CopyOnWriteArrayList<>();
    public final List<CloseReason> closed = new CopyOnWriteArrayList<>();
    public final List<MalformedControlMessage.Reason> malformed = new CopyOnWriteArrayList<>();
    public final AtomicInteger echoTimeouts = new AtomicInteger();
    public final AtomicInteger admitted = new AtomicInteger();
    public final List<Admission.RefusalReason> refused = new CopyOnWriteArrayList<>();

    @Override
    public void connectionOpened(InetSocketAddress peer) {
        opened.incrementAndGet();
    }

    @Override
    public void connectionRejected(InetSocketAddress peer) {
        rejected.add(peer);
    }

    @Override
    public void connectionClosed(InetSocketAddress peer, CloseReason reason) {
        closed.add(reason);
    }

    @Override
    public void malformedMessage(MalformedControlMessage.Reason reason) {
        malformed.add(reason);
    }

    @Override
    public void echoTimedOut(InetSocketAddress peer) {
        echoTimeouts.incrementAndGet();
    }

    @Override
    public void callAdmitted() {
        admitted.incrementAndGet();
    }

    @Override
    public void callRefused(Admission.RefusalReason reason) {
        refused.add(reason);
    }
}
