package io.pptpgw.client.control;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.pptpgw.client.control.ClientControlConnection.CloseReason;
import io.pptpgw.client.control.ClientControlConnection.State;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PNS side of one control connection: RFC 2637 §3.1.1 for the connection, the PNS outgoing call states for
 * calls, echoes both ways. Only the channel's event loop runs this code.
 */
final class ClientControlHandler extends SimpleChannelInboundHandler<DecodedFrame> {
    private static final Logger log = LoggerFactory.getLogger(ClientControlHandler.class);

    private final ClientSettings settings;
    private final CompletableFuture<ClientControlConnection> started;
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final EchoKeepalive keepalive;
    private final PendingReplies<Integer, ClientCall> placing = new PendingReplies<>("Outgoing-Call-Reply");
    private final PendingReplies<Long, EchoReply> echoes = new PendingReplies<>("Echo-Reply");
    private final Map<Integer, ClientCall> calls = new HashMap<>();
    private ChannelHandlerContext ctx;
    private volatile State state = State.IDLE;
    private volatile StartControlConnectionReply startReply;
    private CloseReason closeReason;
    private ScheduledFuture<?> deadline;
    private final IntSupplier callIdCandidates;
    private int nextSerialNumber = 1;
    private long nextEchoIdentifier = ThreadLocalRandom.current().nextLong(1L << 32);

    ClientControlHandler(
            ClientSettings settings, CompletableFuture<ClientControlConnection> started, IntSupplier callIdCandidates) {
        this.callIdCandidates = callIdCandidates;
        this.settings = settings;
        this.started = started;
        this.keepalive = new EchoKeepalive(settings.echoMaxUnanswered(), 0);
    }

    State state() {
        return state;
    }

    StartControlConnectionReply startReply() {
        return startReply;
    }

    CompletableFuture<CloseReason> closed() {
        return closed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** RFC 2637 §3.1.1 idle: on TCP open, send Start-Control-Connection-Request and wait for the reply. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        state = State.WAIT_CTL_REPLY;
        send(new StartControlConnectionRequest(
                PptpSpec.PROTOCOL_VERSION,
                PptpSpec.FRAMING_ASYNCHRONOUS,
                PptpSpec.BEARER_ANALOG,
                0,
                1,
                settings.hostName(),
                settings.vendorString()));
        deadline = schedule(
                settings.replyTimeout(),
                () -> close(
                        CloseReason.REPLY_TIMEOUT,
                        "no Start-Control-Connection-Reply within " + settings.replyTimeout()));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        state = State.CLOSED;
        CloseReason reason = closeReason != null ? closeReason : CloseReason.PEER_CLOSED;
        IllegalStateException gone = new IllegalStateException("control connection closed (" + reason + ")");
        started.completeExceptionally(gone);
        failAll(gone);
        closed.complete(reason);
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

    void placeCall(CompletableFuture<ClientCall> placed) {
        if (state != State.ESTABLISHED) {
            placed.completeExceptionally(new IllegalStateException("the control connection is " + state));
            return;
        }
        int callId = freeCallId();
        placing.await(callId, placed, ctx.executor(), settings.replyTimeout());
        send(new OutgoingCallRequest(
                callId,
                nextSerialNumber++ & 0xFFFF,
                2400,
                10_000_000,
                PptpSpec.BEARER_ANALOG | PptpSpec.BEARER_DIGITAL,
                PptpSpec.FRAMING_ASYNCHRONOUS | PptpSpec.FRAMING_SYNCHRONOUS,
                settings.receiveWindowSize(),
                0,
                "",
                ""));
    }

    void echo(CompletableFuture<EchoReply> replied) {
        if (state != State.ESTABLISHED) {
            replied.completeExceptionally(new IllegalStateException("the control connection is " + state));
            return;
        }
        long identifier = nextEchoIdentifier;
        nextEchoIdentifier = (nextEchoIdentifier + 1) & 0xFFFF_FFFFL;
        echoes.await(identifier, replied, ctx.executor(), settings.replyTimeout());
        send(new EchoRequest(identifier));
    }

    void clear(ClientCall call) {
        if (state == State.ESTABLISHED && calls.containsKey(call.callId())) {
            send(new CallClearRequest(call.callId()));
        }
    }

    /** RFC 2637 §3.1.1 established: local terminate sends Stop-Control-Connection-Request. */
    void stop() {
        switch (state) {
            case ESTABLISHED -> {
                recordCloseReason(CloseReason.LOCAL_STOP);
                state = State.WAIT_STOP_REPLY;
                send(new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.NONE));
                deadline = schedule(
                        settings.replyTimeout(),
                        () -> close(
                                CloseReason.LOCAL_STOP,
                                "no Stop-Control-Connection-Reply within " + settings.replyTimeout()));
            }
            case IDLE, WAIT_CTL_REPLY -> close(CloseReason.LOCAL_STOP, "stopped before it was established");
            case WAIT_STOP_REPLY, CLOSED -> {}
        }
    }

    void onEventLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    private void receive(ControlMessage message) {
        log.debug("recv [{}] from {}", message, ctx.channel().remoteAddress());
        switch (message) {
            case StartControlConnectionReply reply -> receiveStartReply(reply);
            case StopControlConnectionRequest request -> receiveStopRequest(request);
            case StopControlConnectionReply reply -> receiveStopReply(reply);
            case EchoRequest request -> receiveEchoRequest(request);
            case EchoReply reply -> echoes.complete(reply.identifier(), reply);
            case OutgoingCallReply reply -> receiveOutgoingCallReply(reply);
            case CallDisconnectNotify notify -> receiveCallDisconnectNotify(notify);
            case IncomingCallRequest request ->
                send(new IncomingCallReply(
                        0,
                        request.callId(),
                        IncomingCallReply.ResultCode.Known.DO_NOT_ACCEPT,
                        GeneralError.Known.NONE,
                        0,
                        0));
            case WanErrorNotify notify -> log.debug("accepted [{}]", notify);
            // Messages only a PAC receives.
            case StartControlConnectionRequest request -> ignoreUnexpected(request);
            case OutgoingCallRequest request -> ignoreUnexpected(request);
            case IncomingCallReply reply -> ignoreUnexpected(reply);
            case IncomingCallConnected connected -> ignoreUnexpected(connected);
            case CallClearRequest request -> ignoreUnexpected(request);
            case SetLinkInfo info -> ignoreUnexpected(info);
        }
    }

    /** RFC 2637 §3.1.1 wait_ctl_reply: success with a version we speak establishes the connection. */
    private void receiveStartReply(StartControlConnectionReply reply) {
        if (state != State.WAIT_CTL_REPLY) {
            ignoreUnexpected(reply);
            return;
        }
        cancelDeadline();
        startReply = reply;
        if (reply.resultCode() != StartControlConnectionReply.ResultCode.Known.SUCCESSFUL_CHANNEL_ESTABLISHMENT) {
            close(CloseReason.START_REFUSED, "the server refused the control connection: " + reply);
        } else if (reply.protocolVersion() < PptpSpec.PROTOCOL_VERSION) {
            recordCloseReason(CloseReason.START_REFUSED);
            state = State.WAIT_STOP_REPLY;
            send(new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.STOP_PROTOCOL));
            deadline = schedule(settings.replyTimeout(), () -> close(CloseReason.START_REFUSED, "version refused"));
        } else {
            state = State.ESTABLISHED;
            started.complete(new ClientControlConnection(ctx.channel(), this));
        }
    }

    private void receiveStopRequest(StopControlConnectionRequest request) {
        log.info(
                "server {} stopped the control connection (reason {})",
                ctx.channel().remoteAddress(),
                request.reason());
        recordCloseReason(CloseReason.PEER_STOPPED);
        state = State.CLOSED;
        send(new StopControlConnectionReply(StopControlConnectionReply.ResultCode.Known.OK, GeneralError.Known.NONE))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void receiveStopReply(StopControlConnectionReply reply) {
        if (state == State.WAIT_STOP_REPLY) {
            close(closeReason, "Stop-Control-Connection-Reply received");
        } else {
            ignoreUnexpected(reply);
        }
    }

    private void receiveEchoRequest(EchoRequest request) {
        boolean connected = state == State.ESTABLISHED || state == State.WAIT_STOP_REPLY;
        send(new EchoReply(
                request.identifier(),
                connected ? EchoReply.ResultCode.Known.OK : EchoReply.ResultCode.Known.GENERAL_ERROR,
                connected ? GeneralError.Known.NONE : GeneralError.Known.NOT_CONNECTED));
    }

    private void receiveOutgoingCallReply(OutgoingCallReply reply) {
        if (!placing.isPending(reply.peerCallId())) {
            ignoreUnexpected(reply);
            return;
        }
        ClientCall call = new ClientCall(reply.peerCallId(), reply, this);
        if (call.isConnected()) {
            calls.put(call.callId(), call);
        }
        placing.complete(call.callId(), call);
    }

    /**
     * RFC 2637 §2.13 puts the server's Call ID in the notify, but practice puts ours there: pptp-linux as a PAC
     * echoes the Call-Clear-Request's Call ID, and the Linux NAT helper (nf_nat_pptp) overwrites the field with the
     * PNS's Call ID on its way through. The server's Call ID is looked up first, then our own.
     */
    private void receiveCallDisconnectNotify(CallDisconnectNotify notify) {
        ClientCall call = calls.values().stream()
                .filter(candidate -> candidate.peerCallId() == notify.callId())
                .findFirst()
                .orElse(calls.get(notify.callId()));
        if (call == null) {
            ignoreUnexpected(notify);
            return;
        }
        calls.remove(call.callId());
        call.disconnected().complete(notify);
    }

    private void receiveMalformed(MalformedControlMessage malformed) {
        log.warn("malformed message from server {}: {}", ctx.channel().remoteAddress(), malformed.detail());
        switch (malformed.reason().scope()) {
            case STREAM, CONNECTION -> close(CloseReason.MALFORMED, malformed.detail());
            case MESSAGE -> {} // dropped; the stream is still in step
        }
    }

    private void peerSilent() {
        if (state != State.ESTABLISHED) {
            return;
        }
        switch (keepalive.peerSilent()) {
            case EchoKeepalive.Action.SendEchoRequest send -> send(send.request());
            case EchoKeepalive.Action.GiveUp giveUp ->
                close(
                        CloseReason.ECHO_TIMEOUT,
                        giveUp.unanswered() + " Echo-Requests unanswered, " + settings.echoInterval() + " apart");
        }
    }

    /** Candidates come from the client as a whole, so tunnels of different connections never share a Call ID. */
    private int freeCallId() {
        int callId;
        do {
            callId = callIdCandidates.getAsInt() & 0xFFFF;
        } while (callId == 0 || calls.containsKey(callId) || placing.isPending(callId));
        return callId;
    }

    private void failAll(IllegalStateException gone) {
        placing.failAll(gone);
        echoes.failAll(gone);
        List<ClientCall> ended = new ArrayList<>(calls.values());
        calls.clear();
        ended.forEach(call -> call.disconnected().completeExceptionally(gone));
    }

    private void close(CloseReason reason, String why) {
        log.debug("closing control connection to {}: {}", ctx.channel().remoteAddress(), why);
        recordCloseReason(reason);
        state = State.CLOSED;
        cancelDeadline();
        ctx.close();
    }

    private void recordCloseReason(CloseReason reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
    }

    private void ignoreUnexpected(ControlMessage message) {
        log.debug("ignoring [{}] in state {}", message, state);
    }

    private ChannelFuture send(ControlMessage message) {
        log.debug("sent [{}] to {}", message, ctx.channel().remoteAddress());
        return ctx.writeAndFlush(message).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
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
