package io.pptpgw.session;

import io.pptpgw.dataplane.DataPlane;
import io.pptpgw.dataplane.TunnelSpec;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.LinkListener.DownCause;
import io.pptpgw.ppp.LinkRole;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.Authenticator;
import io.pptpgw.pptp.control.CallDisconnectNotify;
import io.pptpgw.pptp.control.OutgoingCallRequest;
import io.pptpgw.pptp.server.Admission;
import io.pptpgw.pptp.server.Call;
import io.pptpgw.pptp.server.CallContext;
import io.pptpgw.pptp.server.CallIds;
import io.pptpgw.pptp.server.CallSessions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The gateway's sessions: admits calls within the limits, gives each admitted call a session (a server-side PPP link
 * and a tunnel), and ends the session when the call ends or the call when the link goes down.
 */
public final class SessionManager implements CallSessions {
    /** Limits on admission; {@code idleTimeout} zero means sessions never end for idleness. */
    public record Limits(int maxSessions, int setupsPerSecond, Duration idleTimeout) {}

    private final LinkSettings linkSettings;
    private final Limits limits;
    private final DataPlane dataPlane;
    private final CallIds callIds;
    private final BiFunction<AuthProtocol, InetAddress, Authenticator> authenticators;
    private final WanMarks wanMarks;
    private final SessionObserver observer;
    private final SetupRateLimit rateLimit;
    private final AtomicInteger admitted = new AtomicInteger();
    private final Map<Integer, Session> sessions = new ConcurrentHashMap<>();

    /**
     * @param authenticators a fresh authenticator for a method and the peer's address (the lockout counts per source)
     */
    public SessionManager(
            LinkSettings linkSettings,
            Limits limits,
            DataPlane dataPlane,
            CallIds callIds,
            BiFunction<AuthProtocol, InetAddress, Authenticator> authenticators,
            WanMarks wanMarks,
            SessionObserver observer) {
        this.linkSettings = linkSettings;
        this.limits = limits;
        this.dataPlane = dataPlane;
        this.callIds = callIds;
        this.authenticators = authenticators;
        this.wanMarks = wanMarks;
        this.observer = observer;
        this.rateLimit = new SetupRateLimit(limits.setupsPerSecond(), System::nanoTime);
    }

    @Override
    public Admission admit(CallContext context, OutgoingCallRequest request) {
        if (admitted.incrementAndGet() > limits.maxSessions()) {
            admitted.decrementAndGet();
            return new Admission.Refused(
                    Admission.RefusalReason.SESSION_LIMIT,
                    "the gateway holds its maximum of " + limits.maxSessions() + " sessions");
        }
        if (!rateLimit.tryAcquire()) {
            admitted.decrementAndGet();
            return new Admission.Refused(
                    Admission.RefusalReason.SETUP_RATE_LIMIT,
                    "more than " + limits.setupsPerSecond() + " call setups per second");
        }
        OptionalInt callId = callIds.allocate();
        if (callId.isEmpty()) {
            admitted.decrementAndGet();
            return new Admission.Refused(Admission.RefusalReason.CALL_IDS_EXHAUSTED, "every Call ID is in use");
        }
        return new Admission.Accepted(callId.getAsInt());
    }

    @Override
    public void callEstablished(Call call) {
        CallContext context = call.context();
        InetAddress peerAddress = context.peerAddress().getAddress();
        TunnelSpec spec = new TunnelSpec(
                call.localCallId(),
                call.peerCallId(),
                Ipv4Address.of(peerAddress).bits(),
                Ipv4Address.of(context.localAddress().getAddress()).bits(),
                wanMarks.markFor(context.localAddress().getAddress()),
                Math.max(1, context.receiveWindowSize()),
                context.packetProcessingDelay() * 100); // RFC 2637 §2.7: in tenths of a second
        Session session = new Session(
                new LinkRole.Server(method -> authenticators.apply(method, peerAddress)),
                linkSettings,
                context.eventLoop(),
                dataPlane,
                spec,
                context.peerAddress(),
                observer,
                (ended, cause, reason) -> call.disconnect(resultFor(cause), 0, reason));
        sessions.put(call.localCallId(), session);
        // Runs after this task has sent the Outgoing-Call-Reply, so the client knows the call before our first GRE.
        context.eventLoop().execute(session::start);
        watchIdleness(session);
    }

    @Override
    public void callEnded(Call call, Call.EndCause cause) {
        admitted.decrementAndGet();
        Session session = sessions.remove(call.localCallId());
        if (session != null) {
            session.end(cause.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** The live sessions, for the admin endpoint. */
    public List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    private void watchIdleness(Session session) {
        Duration idle = limits.idleTimeout();
        if (idle.isZero() || idle.isNegative()) {
            return;
        }
        long period = Math.max(1, Math.min(idle.toMillis() / 4, 10_000));
        long[] last = {-1, System.nanoTime()};
        var future = session.eventLoop()
                .scheduleAtFixedRate(
                        () -> {
                            long traffic = session.tunnel().receivedPackets()
                                    + session.tunnel().sentPackets();
                            long now = System.nanoTime();
                            if (traffic != last[0]) {
                                last[0] = traffic;
                                last[1] = now;
                            } else if (now - last[1] >= idle.toNanos()) {
                                session.hangUp("idle for " + idle.toSeconds() + " s");
                            }
                        },
                        period,
                        period,
                        TimeUnit.MILLISECONDS);
        session.ended().whenComplete((summary, error) -> future.cancel(false));
    }

    private static CallDisconnectNotify.ResultCode.Known resultFor(DownCause cause) {
        return switch (cause) {
            case PEER_TERMINATED -> CallDisconnectNotify.ResultCode.Known.REQUEST;
            case ECHO_TIMEOUT, LOWER_LAYER_DOWN -> CallDisconnectNotify.ResultCode.Known.LOST_CARRIER;
            case CLOSED_LOCALLY -> CallDisconnectNotify.ResultCode.Known.ADMIN_SHUTDOWN;
            default -> CallDisconnectNotify.ResultCode.Known.GENERAL_ERROR;
        };
    }
}
