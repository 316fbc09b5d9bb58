package io.pptpgw.pptp.server;

import io.pptpgw.pptp.control.OutgoingCallRequest;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A session layer double: admits calls by a policy (by default every call, with a Call ID from {@link CallIds}) and
 * records what the control channel tells it. Thread-safe, for tests over real sockets too.
 */
public final class RecordingSessions implements CallSessions {
    public record Ended(Call call, Call.EndCause cause) {}

    private final CallIds callIds;
    private volatile BiFunction<CallContext, OutgoingCallRequest, Admission> policy;
    private volatile Consumer<Call> onEstablished = call -> {};
    public final List<CallContext> admitted = new CopyOnWriteArrayList<>();
    public final Map<Integer, Call> established = new ConcurrentHashMap<>();
    public final List<Ended> ended = new CopyOnWriteArrayList<>();

    public RecordingSessions(CallIds callIds) {
        this.callIds = callIds;
        this.policy = (context, request) -> allocate();
    }

    public RecordingSessions policy(BiFunction<CallContext, OutgoingCallRequest, Admission> policy) {
        this.policy = policy;
        return this;
    }

    /** Runs inside {@link #callEstablished}, before the call is recorded. */
    public RecordingSessions onEstablished(Consumer<Call> hook) {
        this.onEstablished = hook;
        return this;
    }

    /** The default policy's step: take a Call ID, or refuse when none is left. */
    public Admission allocate() {
        OptionalInt id = callIds.allocate();
        return id.isPresent()
                ? new Admission.Accepted(id.getAsInt())
                : new Admission.Refused(Admission.RefusalReason.CALL_IDS_EXHAUSTED, "no Call ID left");
    }

    @Override
    public Admission admit(CallContext context, OutgoingCallRequest request) {
        Admission admission = policy.apply(context, request);
        if (admission instanceof Admission.Accepted) {
            admitted.add(context);
        }
        return admission;
    }

    @Override
    public void callEstablished(Call call) {
        onEstablished.accept(call);
        established.put(call.localCallId(), call);
    }

    @Override
    public void callEnded(Call call, Call.EndCause cause) {
        established.remove(call.localCallId());
        ended.add(new Ended(call, cause));
    }
}
