package io.pptpgw.ppp;

import io.pptpgw.mppe.MppeMasterKeys;
import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.AuthStep;
import io.pptpgw.ppp.auth.FailureReason;
import io.pptpgw.ppp.fsm.PacketLog;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The Authenticate phase (RFC 1661 §3.5) with the method LCP agreed on, from either side: it starts the mechanism,
 * feeds it the packets of its protocol, bounds the exchange with a timeout, and reports the first outcome. After
 * success it stays in place, so the mechanism can answer a retransmitted request (RFC 1994 §4.1: a lost Success is
 * recovered by the peer sending its Response again).
 */
final class AuthenticationPhase {
    /** Where the phase's single verdict goes. */
    interface Outcome {
        void succeeded(String user, Optional<MppeMasterKeys> keys);

        void failed(String user, FailureReason reason, String message);
    }

    private final AuthProtocol protocol;
    private final Consumer<ControlPacketSink> start;
    private final BiFunction<ControlPacket, ControlPacketSink, AuthStep> receive;
    private final ControlPacketSink sink;
    private final LinkScheduler scheduler;
    private final Duration timeout;
    private final Outcome outcome;
    private LinkScheduler.Scheduled timer;
    private boolean decided;

    AuthenticationPhase(
            LinkRole role,
            AuthProtocol protocol,
            ControlPacketSink sink,
            LinkScheduler scheduler,
            Duration timeout,
            Outcome outcome) {
        this.protocol = protocol;
        switch (role) {
            case LinkRole.Server server -> {
                var authenticator = server.authenticators().apply(protocol);
                this.start = authenticator::start;
                this.receive = authenticator::receive;
            }
            case LinkRole.Client client -> {
                var responder = client.responders().apply(protocol);
                this.start = responder::start;
                this.receive = responder::receive;
            }
        }
        this.sink = (number, packet) -> {
            PacketLog.sent(number, packet, data -> "");
            sink.send(number, packet);
        };
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.outcome = outcome;
    }

    AuthProtocol protocol() {
        return protocol;
    }

    void start() {
        timer = scheduler.schedule(
                timeout,
                () -> decide(new AuthStep.Failed(
                        "", FailureReason.TIMEOUT, "no authentication within " + timeout.toSeconds() + " s")));
        start.accept(sink);
    }

    void receive(ControlPacket packet) {
        PacketLog.received(protocol.pppProtocol(), packet, data -> "");
        decide(receive.apply(packet, sink));
    }

    /** The link is going down: no verdict is wanted any more. */
    void stop() {
        decided = true;
        cancelTimer();
    }

    private void decide(AuthStep step) {
        if (decided || step instanceof AuthStep.Continue) {
            return;
        }
        decided = true;
        cancelTimer();
        switch (step) {
            case AuthStep.Succeeded succeeded -> outcome.succeeded(succeeded.user(), succeeded.keys());
            case AuthStep.Failed failed -> outcome.failed(failed.user(), failed.reason(), failed.message());
            case AuthStep.Continue next -> {}
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
