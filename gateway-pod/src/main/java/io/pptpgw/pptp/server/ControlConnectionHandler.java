package io.pptpgw.pptp.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.pptpgw.pptp.control.CallClearRequest;
import io.pptpgw.pptp.control.CallDisconnectNotify;
import io.pptpgw.pptp.control.ControlMessage;
import io.pptpgw.pptp.control.DecodedFrame;
import io.pptpgw.pptp.control.EchoKeepalive;
import io.pptpgw.pptp.control.EchoReply;
import io.pptpgw.pptp.control.EchoRequest;
import io.pptpgw.pptp.control.GeneralError;
import io.pptpgw.pptp.control.IncomingCallConnected;
import io.pptpgw.pptp.control.IncomingCallReply;
import io.pptpgw.pptp.control.IncomingCallRequest;
import io.pptpgw.pptp.control.MalformedControlMessage;
import io.pptpgw.pptp.control.OutgoingCallReply;
import io.pptpgw.pptp.control.OutgoingCallRequest;
import io.pptpgw.pptp.control.PptpSpec;
import io.pptpgw.pptp.control.SetLinkInfo;
import io.pptpgw.pptp.control.StartControlConnectionReply;
import io.pptpgw.pptp.control.StartControlConnectionRequest;
import io.pptpgw.pptp.control.StopControlConnectionReply;
import io.pptpgw.pptp.control.StopControlConnectionRequest;
import io.pptpgw.pptp.control.WanErrorNotify;
import io.pptpgw.pptp.server.Admission.RefusalReason;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection as its receiver, the PAC, runs it (RFC 2637 §3.1.2; states in
 * {@link ControlConnectionState}). Each received message goes through one exhaustive switch; a valid message in the
 * wrong state gets the reply the RFC defines for it, with a result code; a malformed one is counted and dropped,
 * or, when it shows the peer is not speaking PPTP to us, ends the connection. Every message is written and flushed
 * on its own. Only the channel's event loop runs this code.
 */
public final class ControlConnectionHandler extends SimpleChannelInboundHandler<DecodedFrame> {
    private static final Logger log = LoggerFactory.getLogger(ControlConnectionHandler.class);

    private final ControlServerSettings settings;
    private final ControlConnectionObserver observer;
    private final ConnectionCalls calls;
    private final EchoKeepalive keepalive;
    private ChannelHandlerContext ctx;
    private ControlConnectionState state = ControlConnectionState.IDLE;
    private CloseReason closeReason;
    private ScheduledFuture<?> deadline;

    public ControlConnectionHandler(
            ControlServerSettings settings,
            CallSessions sessions,
            CallIds callIds,
            ControlConnectionObserver observer) {
        this.settings = settings;
        this.observer = observer;
        this.calls = new ConnectionCalls(this, sessions, callIds, observer, settings.receiveWindowSize());
        this.keepalive = new EchoKeepalive(
                settings.echoMaxUnanswered(), ThreadLocalRandom.current().nextLong(1L << 32));
    }

    public ControlConnectionState state() {
        return state;
    }

    /** How many calls are established on this connection. */
    public int callCount() {
        return calls.size();
    }

    /**
     * Stops the connection from our side (RFC 2637 §3.1.2 "local terminate"): Stop-Control-Connection-Request, then
     * close on the reply or after the stop timeout. Any thread.
     */
    public void stop(CloseReason reason, String why) {
        onEventLoop(() -> stopOnEventLoop(reason, why));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        log.info("control connection from {} to {}", peerAddress(), localAddress());
        observer.connectionOpened(peerAddress());
        deadline = schedule(
                settings.startTimeout(),
                () -> close(
                        CloseReason.START_TIMEOUT,
                        "no Start-Control-Connection-Request within " + settings.startTimeout()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        CloseReason reason = closeReason != null ? closeReason : CloseReason.PEER_CLOSED;
        boolean orderly = reason == CloseReason.PEER_STOPPED
                || reason == CloseReason.SHUTDOWN
                || reason == CloseReason.SESSION_LAYER;
        calls.endAll(orderly ? Call.EndCause.CONTROL_CONNECTION_STOPPED : Call.EndCause.CONTROL_CONNECTION_LOST);
        state = ControlConnectionState.CLOSED;
        log.info("control connection from {} closed ({})", peerAddress(), reason.label());
        observer.connectionClosed(peerAddress(), reason);
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DecodedFrame frame) {
        keepalive.peerHeard();
        switch (frame) {
            case ControlMessage message -> receive(message);
            case MalformedControlMessage malformed -> receiveMalformed(malformed);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            peerSilent();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        close(CloseReason.IO_ERROR, "channel failed: " + cause);
    }

    private void receive(ControlMessage message) {
        if (state == ControlConnectionState.CLOSED) {
            return;
        }
        log.debug("recv [{}] from {}", message, peerAddress());
        switch (message) {
            case StartControlConnectionRequest request -> receiveStartRequest(request);
            case StopControlConnectionRequest request -> receiveStopRequest(request);
            case StopControlConnectionReply reply -> receiveStopReply(reply);
            case EchoRequest request -> receiveEchoRequest(request);
            case EchoReply reply -> {} // channelRead0 already counted the peer as heard; identifiers need no match
            case OutgoingCallRequest request -> receiveOutgoingCallRequest(request);
            case IncomingCallRequest request -> receiveIncomingCallRequest(request);
            case CallClearRequest request -> whenEstablished(request, () -> calls.receiveCallClearRequest(request));
            case SetLinkInfo info -> whenEstablished(info, () -> receiveSetLinkInfo(info));
            case WanErrorNotify notify -> whenEstablished(notify, () -> log.debug("accepted [{}]", notify));
            // Messages only a PNS receives: we never asked for them.
            case StartControlConnectionReply reply -> ignoreUnexpected(reply);
            case OutgoingCallReply reply -> ignoreUnexpected(reply);
            case IncomingCallReply reply -> ignoreUnexpected(reply);
            case IncomingCallConnected connected -> ignoreUnexpected(connected);
            case CallDisconnectNotify notify -> ignoreUnexpected(notify);
        }
    }

    /** RFC 2637 §3.1.2 idle: a version we can speak establishes the connection; an older one is refused. */
    private void receiveStartRequest(StartControlConnectionRequest request) {
        switch (state) {
            case IDLE -> {
                if (request.protocolVersion() < PptpSpec.PROTOCOL_VERSION) {
                    send(startReply(StartControlConnectionReply.ResultCode.Known.PROTOCOL_VERSION_NOT_SUPPORTED));
                    close(
                            CloseReason.UNSUPPORTED_VERSION,
                            "protocol version 0x" + Integer.toHexString(request.protocolVersion())
                                    + " is older than 1.0");
                    return;
                }
                cancelDeadline();
                state = ControlConnectionState.ESTABLISHED;
                send(startReply(StartControlConnectionReply.ResultCode.Known.SUCCESSFUL_CHANNEL_ESTABLISHMENT));
                log.info(
                        "control connection from {} established (host \"{}\", vendor \"{}\")",
                        peerAddress(),
                        request.hostName(),
                        request.vendorString());
            }
            case ESTABLISHED ->
                send(startReply(StartControlConnectionReply.ResultCode.Known.COMMAND_CHANNEL_ALREADY_EXISTS));
            case WAIT_STOP_REPLY, CLOSED -> ignoreUnexpected(request);
        }
    }

    /** RFC 2637 §3.1.2: reply, then close once the reply is pushed out. Also resolves a stop collision. */
    private void receiveStopRequest(StopControlConnectionRequest request) {
        log.info("control connection from {} stopped by the peer (reason {})", peerAddress(), request.reason());
        recordCloseReason(CloseReason.PEER_STOPPED);
        state = ControlConnectionState.CLOSED;
        send(new StopControlConnectionReply(StopControlConnectionReply.ResultCode.Known.OK, GeneralError.Known.NONE))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void receiveStopReply(StopControlConnectionReply reply) {
        if (state == ControlConnectionState.WAIT_STOP_REPLY) {
            close(closeReason, "Stop-Control-Connection-Reply received");
        } else {
            ignoreUnexpected(reply);
        }
    }

    private void receiveEchoRequest(EchoRequest request) {
        boolean connected = state != ControlConnectionState.IDLE;
        send(new EchoReply(
                request.identifier(),
                connected ? EchoReply.ResultCode.Known.OK : EchoReply.ResultCode.Known.GENERAL_ERROR,
                connected ? GeneralError.Known.NONE : GeneralError.Known.NOT_CONNECTED));
    }

    private void receiveOutgoingCallRequest(OutgoingCallRequest request) {
        if (state == ControlConnectionState.ESTABLISHED) {
            calls.receiveOutgoingCallRequest(request, callContext(request));
        } else {
            calls.refuse(request, RefusalReason.NOT_CONNECTED, "the control connection is " + state);
        }
    }

    /** A PAC sends Incoming-Call-Requests and never accepts them; the RFC's answer is Do-Not-Accept (§2.10). */
    private void receiveIncomingCallRequest(IncomingCallRequest request) {
        boolean connected = state == ControlConnectionState.ESTABLISHED;
        send(new IncomingCallReply(
                0,
                request.callId(),
                connected
                        ? IncomingCallReply.ResultCode.Known.DO_NOT_ACCEPT
                        : IncomingCallReply.ResultCode.Known.GENERAL_ERROR,
                connected ? GeneralError.Known.NONE : GeneralError.Known.NOT_CONNECTED,
                0,
                0));
    }

    /** RFC 2637 §2.15: the ACCMs matter to async framing only, which GRE does not have. */
    private void receiveSetLinkInfo(SetLinkInfo info) {
        log.debug(
                "Set-Link-Info for call 0x{} from {} accepted and ignored (known call: {})",
                Integer.toHexString(info.peerCallId()),
                peerAddress(),
                calls.hasLocalCallId(info.peerCallId()));
    }

    private void receiveMalformed(MalformedControlMessage malformed) {
        observer.malformedMessage(malformed.reason());
        switch (malformed.reason().scope()) {
            case STREAM -> close(CloseReason.MALFORMED, malformed.detail());
            case CONNECTION -> stopOnEventLoop(CloseReason.MALFORMED, malformed.detail());
            case MESSAGE -> {
                if (state == ControlConnectionState.IDLE) {
                    close(CloseReason.MALFORMED, "first message: " + malformed.detail());
                } else {
                    log.debug("dropped malformed message from {}: {}", peerAddress(), malformed.detail());
                }
            }
        }
    }

    /** RFC 2637 §2.5: silence for one interval sends an Echo-Request; too many unanswered close the connection. */
    private void peerSilent() {
        if (state != ControlConnectionState.ESTABLISHED) {
            return; // IDLE and WAIT_STOP_REPLY have their own deadlines
        }
        switch (keepalive.peerSilent()) {
            case EchoKeepalive.Action.SendEchoRequest send -> send(send.request());
            case EchoKeepalive.Action.GiveUp giveUp -> {
                observer.echoTimedOut(peerAddress());
                close(
                        CloseReason.ECHO_TIMEOUT,
                        giveUp.unanswered() + " Echo-Requests unanswered, " + settings.echoInterval() + " apart");
            }
        }
    }

    private void stopOnEventLoop(CloseReason reason, String why) {
        switch (state) {
            case ESTABLISHED -> {
                log.info("stopping control connection from {}: {}", peerAddress(), why);
                recordCloseReason(reason);
                state = ControlConnectionState.WAIT_STOP_REPLY;
                send(new StopControlConnectionRequest(
                        reason == CloseReason.SHUTDOWN
                                ? StopControlConnectionRequest.Reason.Known.STOP_LOCAL_SHUTDOWN
                                : StopControlConnectionRequest.Reason.Known.NONE));
                deadline = schedule(
                        settings.stopReplyTimeout(),
                        () -> close(reason, "no Stop-Control-Connection-Reply within " + settings.stopReplyTimeout()));
            }
            case IDLE -> close(reason, why);
            case WAIT_STOP_REPLY, CLOSED -> {}
        }
    }

    private void close(CloseReason reason, String why) {
        if (state != ControlConnectionState.CLOSED || closeReason == null) {
            log.info("closing control connection from {}: {}", peerAddress(), why);
        }
        recordCloseReason(reason);
        state = ControlConnectionState.CLOSED;
        cancelDeadline();
        // Flush first: a reply written just before (a refusal, say) must reach the peer before the FIN.
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private void recordCloseReason(CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    private StartControlConnectionReply startReply(StartControlConnectionReply.ResultCode result) {
        return new StartControlConnectionReply(
                PptpSpec.PROTOCOL_VERSION,
                result,
                GeneralError.Known.NONE,
                PptpSpec.FRAMING_ASYNCHRONOUS | PptpSpec.FRAMING_SYNCHRONOUS,
                PptpSpec.BEARER_ANALOG | PptpSpec.BEARER_DIGITAL,
                settings.maximumChannels(),
                settings.firmwareRevision(),
                settings.hostName(),
                settings.vendorString());
    }

    private CallContext callContext(OutgoingCallRequest request) {
        return new CallContext(
                peerAddress(),
                localAddress(),
                request.callId(),
                request.receiveWindowSize(),
                request.packetProcessingDelay(),
                ctx.channel().eventLoop());
    }

    private void whenEstablished(ControlMessage message, Runnable action) {
        if (state == ControlConnectionState.ESTABLISHED) {
            action.run();
        } else {
            ignoreUnexpected(message);
        }
    }

    private void ignoreUnexpected(ControlMessage message) {
        log.debug("ignoring [{}] from {} in state {}", message, peerAddress(), state);
    }

    ChannelFuture send(ControlMessage message) {
        if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            // Control replies are tiny; a full outbound buffer means the peer sends but never reads.
            close(CloseReason.IO_ERROR, "the peer does not read its replies (outbound buffer full)");
            return ctx.newFailedFuture(new IOException("outbound buffer full; not sent: " + message));
        }
        log.debug("sent [{}] to {}", message, peerAddress());
        return ctx.writeAndFlush(message).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    void later(Runnable task) {
        ctx.executor().execute(task);
    }

    void onEventLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    InetSocketAddress peerAddress() {
        return inet(ctx.channel().remoteAddress());
    }

    private InetSocketAddress localAddress() {
        return inet(ctx.channel().localAddress());
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet
                ? inet
                : InetSocketAddress.createUnresolved(String.valueOf(address), 0);
    }

    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        cancelDeadline();
        return ctx.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
