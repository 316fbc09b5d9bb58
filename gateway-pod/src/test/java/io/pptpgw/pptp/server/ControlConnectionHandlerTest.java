package io.pptpgw.pptp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.pptpgw.pptp.channel.ControlFrameDecoder;
import io.pptpgw.pptp.channel.ControlMessageDecoder;
import io.pptpgw.pptp.channel.ControlMessageEncoder;
import io.pptpgw.pptp.control.CallClearRequest;
import io.pptpgw.pptp.control.CallDisconnectNotify;
import io.pptpgw.pptp.control.ControlMessage;
import io.pptpgw.pptp.control.ControlMessageCodec;
import io.pptpgw.pptp.control.EchoReply;
import io.pptpgw.pptp.control.EchoRequest;
import io.pptpgw.pptp.control.GeneralError;
import io.pptpgw.pptp.control.IncomingCallReply;
import io.pptpgw.pptp.control.IncomingCallRequest;
import io.pptpgw.pptp.control.MalformedControlMessage;
import io.pptpgw.pptp.control.OutgoingCallReply;
import io.pptpgw.pptp.control.OutgoingCallRequest;
import io.pptpgw.pptp.control.SetLinkInfo;
import io.pptpgw.pptp.control.StartControlConnectionReply;
import io.pptpgw.pptp.control.StartControlConnectionRequest;
import io.pptpgw.pptp.control.StopControlConnectionReply;
import io.pptpgw.pptp.control.StopControlConnectionRequest;
import io.pptpgw.pptp.control.WanErrorNotify;
import io.pptpgw.pptp.server.Admission.RefusalReason;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control connection state machine of RFC 2637 §3.1.2 and §3.2.4.1, driven message by message. */
class ControlConnectionHandlerTest {
    static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 51234);
    static final InetSocketAddress LOCAL = new InetSocketAddress("203.0.113.1", 1723);

    private final AtomicLong clock = new AtomicLong();
    private final CallIds callIds = new CallIds(Duration.ofSeconds(30), clock::get, 0x4001);
    private final RecordingSessions sessions = new RecordingSessions(callIds);
    private final RecordingObserver observer = new RecordingObserver();
    private final ControlServerSettings settings = ControlServerSettings.defaults("gw.example")
            .withEcho(Duration.ofSeconds(60), 2)
            .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(3));
    private ControlConnectionHandler handler;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        handler = new ControlConnectionHandler(settings, sessions, callIds, observer);
        channel =
                new EmbeddedChannel(
                        new ControlFrameDecoder(), new ControlMessageDecoder(), new ControlMessageEncoder(), handler) {
                    @Override
                    protected SocketAddress remoteAddress0() {
                        return PEER;
                    }

                    @Override
                    protected SocketAddress localAddress0() {
                        return LOCAL;
                    }
                };
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void startRequestEstablishesTheConnectionWithOurHostNameAndVendor() {
        receive(startRequest(0x0100));
        assertThat(sent())
                .containsExactly(new StartControlConnectionReply(
                        0x0100,
                        StartControlConnectionReply.ResultCode.Known.SUCCESSFUL_CHANNEL_ESTABLISHMENT,
                        GeneralError.Known.NONE,
                        3,
                        3,
                        0xFFFF,
                        1,
                        "gw.example",
                        "pptpgw"));
        assertThat(handler.state()).isEqualTo(ControlConnectionState.ESTABLISHED);
    }

    @Test
    void newerVersionIsAnsweredWithOurs() {
        receive(startRequest(0x0200));
        assertThat(((StartControlConnectionReply) sentOne()).protocolVersion()).isEqualTo(0x0100);
        assertThat(handler.state()).isEqualTo(ControlConnectionState.ESTABLISHED);
    }

    @Test
    void olderVersionIsRefusedAndTheConnectionClosed() {
        receive(startRequest(0x00FF));
        assertThat(((StartControlConnectionReply) sentOne()).resultCode())
                .isEqualTo(StartControlConnectionReply.ResultCode.Known.PROTOCOL_VERSION_NOT_SUPPORTED);
        assertThat(channel.isOpen()).isFalse();
        assertThat(observer.closed).containsExactly(CloseReason.UNSUPPORTED_VERSION);
    }

    @Test
    void secondStartRequestGetsCommandChannelAlreadyExists() {
        establish();
        receive(startRequest(0x0100));
        assertThat(((StartControlConnectionReply) sentOne()).resultCode())
                .isEqualTo(StartControlConnectionReply.ResultCode.Known.COMMAND_CHANNEL_ALREADY_EXISTS);
        assertThat(handler.state()).isEqualTo(ControlConnectionState.ESTABLISHED);
    }

    @Test
    void echoRequestBeforeStartIsAnsweredNotConnected() {
        receive(new EchoRequest(9));
        assertThat(sent())
                .containsExactly(
                        new EchoReply(9, EchoReply.ResultCode.Known.GENERAL_ERROR, GeneralError.Known.NOT_CONNECTED));
    }

    @Test
    void echoRequestIsAnsweredWithItsIdentifier() {
        establish();
        receive(new EchoRequest(0xCAFEL));
        assertThat(sent())
                .containsExactly(new EchoReply(0xCAFEL, EchoReply.ResultCode.Known.OK, GeneralError.Known.NONE));
    }

    @Test
    void outgoingCallRequestBeforeStartIsRefusedNotConnected() {
        receive(outgoingCallRequest(0x1f2a));
        assertThat(sent()).containsExactly(refusal(0x1f2a, RefusalReason.NOT_CONNECTED));
        assertThat(observer.refused).containsExactly(RefusalReason.NOT_CONNECTED);
        assertThat(sessions.admitted).isEmpty();
    }

    @Test
    void admittedCallIsConnectedUnderTheSessionLayersCallId() {
        establish();
        receive(outgoingCallRequest(0x1f2a));
        assertThat(sent())
                .containsExactly(new OutgoingCallReply(
                        0x4001,
                        0x1f2a,
                        OutgoingCallReply.ResultCode.Known.CONNECTED,
                        GeneralError.Known.NONE,
                        0,
                        100_000_000,
                        64,
                        0,
                        0));
        Call call = sessions.established.get(0x4001);
        assertThat(call.state()).isEqualTo(CallState.ESTABLISHED);
        assertThat(call.peerCallId()).isEqualTo(0x1f2a);
        assertThat(call.context()).isEqualTo(new CallContext(PEER, LOCAL, 0x1f2a, 16, 3, channel.eventLoop()));
        assertThat(observer.admitted).hasValue(1);
        assertThat(handler.callCount()).isEqualTo(1);
    }

    @Test
    void sessionLayerTakesTheCallBeforeTheReplyGoesOut() {
        establish();
        List<Integer> writtenBefore = new ArrayList<>();
        sessions.onEstablished(
                call -> writtenBefore.add(channel.outboundMessages().size()));
        call(0x1f2a);
        assertThat(writtenBefore).containsExactly(0);
    }

    @Test
    void callEstablishedThatThrowsRefusesTheCallAndReleasesItsId() {
        establish();
        sessions.onEstablished(call -> {
            throw new IllegalStateException("table full");
        });
        receive(outgoingCallRequest(9));
        assertThat(sent()).containsExactly(refusal(9, RefusalReason.SESSION_LAYER_ERROR));
        assertThat(sessions.ended)
                .extracting(RecordingSessions.Ended::cause)
                .containsExactly(Call.EndCause.LOCAL_DISCONNECT);
        assertThat(callIds.activeCount()).isZero();
        assertThat(handler.callCount()).isZero();
    }

    @Test
    void everyMessageIsFlushedOnItsOwnSoEachGetsItsOwnSegment() {
        List<String> operations = new ArrayList<>();
        channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                operations.add("write");
                ctx.write(msg, promise);
            }

            @Override
            public void flush(ChannelHandlerContext ctx) {
                operations.add("flush");
                ctx.flush();
            }
        });
        establish();
        call(1);
        receive(new EchoRequest(1));
        receive(new CallClearRequest(1));
        assertThat(operations)
                .hasSize(8)
                .containsSequence("write", "flush", "write", "flush", "write", "flush", "write", "flush");
        sent();
    }

    @Test
    void refusalCarriesTheReasonsResultAndErrorCodes() {
        establish();
        sessions.policy((context, request) -> new Admission.Refused(RefusalReason.SESSION_LIMIT, "10000 sessions"));
        receive(outgoingCallRequest(1));
        sessions.policy((context, request) -> new Admission.Refused(RefusalReason.NOT_PERMITTED, "blocked"));
        receive(outgoingCallRequest(2));
        assertThat(sent())
                .containsExactly(
                        new OutgoingCallReply(
                                0,
                                1,
                                OutgoingCallReply.ResultCode.Known.GENERAL_ERROR,
                                GeneralError.Known.NO_RESOURCE,
                                0,
                                0,
                                0,
                                0,
                                0),
                        new OutgoingCallReply(
                                0,
                                2,
                                OutgoingCallReply.ResultCode.Known.DO_NOT_ACCEPT,
                                GeneralError.Known.NONE,
                                0,
                                0,
                                0,
                                0,
                                0));
        assertThat(observer.refused).containsExactly(RefusalReason.SESSION_LIMIT, RefusalReason.NOT_PERMITTED);
    }

    @Test
    void secondCallWithTheSamePeerCallIdIsRefusedBadCallId() {
        establish();
        call(0x1f2a);
        receive(outgoingCallRequest(0x1f2a));
        assertThat(sent()).containsExactly(refusal(0x1f2a, RefusalReason.PEER_CALL_ID_IN_USE));
    }

    @Test
    void admitThatThrowsIsARefusalNotACrash() {
        establish();
        sessions.policy((context, request) -> {
            throw new IllegalStateException("pool broken");
        });
        receive(outgoingCallRequest(5));
        assertThat(sent()).containsExactly(refusal(5, RefusalReason.SESSION_LAYER_ERROR));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void acceptedCallIdThatCallIdsDidNotAllocateIsRefused() {
        establish();
        sessions.policy((context, request) -> new Admission.Accepted(77));
        receive(outgoingCallRequest(5));
        assertThat(sent()).containsExactly(refusal(5, RefusalReason.SESSION_LAYER_ERROR));
    }

    @Test
    void callClearRequestIsAnsweredWithDisconnectNotifyAndTheIdGoesIntoQuarantine() {
        establish();
        call(0x1f2a);
        receive(new CallClearRequest(0x1f2a));
        assertThat(sent())
                .containsExactly(new CallDisconnectNotify(
                        0x4001, CallDisconnectNotify.ResultCode.Known.REQUEST, GeneralError.Known.NONE, 0, ""));
        assertThat(sessions.ended)
                .extracting(RecordingSessions.Ended::cause)
                .containsExactly(Call.EndCause.CALL_CLEAR_REQUEST);
        assertThat(callIds.isActive(0x4001)).isFalse();
        assertThat(callIds.quarantinedCount()).isEqualTo(1);
    }

    @Test
    void callClearRequestForAnUnknownCallIsIgnored() {
        establish();
        receive(new CallClearRequest(0x1234));
        assertThat(sent()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void sessionLayerDisconnectSendsNotifyWithItsResultAndCause() {
        establish();
        Call call = sessions.established.get(call(0x1f2a).callId());
        call.disconnect(CallDisconnectNotify.ResultCode.Known.LOST_CARRIER, 16, "LCP echo timeout");
        assertThat(sent()).as("queued to the event loop, not run inline").isEmpty();
        channel.runPendingTasks();
        assertThat(sent())
                .containsExactly(new CallDisconnectNotify(
                        0x4001, CallDisconnectNotify.ResultCode.Known.LOST_CARRIER, GeneralError.Known.NONE, 16, ""));
        assertThat(call.state()).isEqualTo(CallState.IDLE);
        assertThat(sessions.ended)
                .extracting(RecordingSessions.Ended::cause)
                .containsExactly(Call.EndCause.LOCAL_DISCONNECT);
        call.disconnect(CallDisconnectNotify.ResultCode.Known.LOST_CARRIER, 16, "again");
        channel.runPendingTasks();
        assertThat(sent()).as("a second disconnect does nothing").isEmpty();
    }

    @Test
    void peerStopIsAnsweredAndEndsEveryCallAsStopped() {
        establish();
        call(1);
        call(2);
        receive(new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.NONE));
        assertThat(sent())
                .containsExactly(new StopControlConnectionReply(
                        StopControlConnectionReply.ResultCode.Known.OK, GeneralError.Known.NONE));
        assertThat(channel.isOpen()).isFalse();
        assertThat(sessions.ended)
                .extracting(RecordingSessions.Ended::cause)
                .containsExactly(Call.EndCause.CONTROL_CONNECTION_STOPPED, Call.EndCause.CONTROL_CONNECTION_STOPPED);
        assertThat(callIds.activeCount()).isZero();
        assertThat(observer.closed).containsExactly(CloseReason.PEER_STOPPED);
    }

    @Test
    void localStopSendsStopRequestAndClosesOnTheReply() {
        establish();
        handler.stop(CloseReason.SHUTDOWN, "test");
        assertThat(sent())
                .containsExactly(new StopControlConnectionRequest(
                        StopControlConnectionRequest.Reason.Known.STOP_LOCAL_SHUTDOWN));
        assertThat(handler.state()).isEqualTo(ControlConnectionState.WAIT_STOP_REPLY);
        receive(new StopControlConnectionReply(
                StopControlConnectionReply.ResultCode.Known.OK, GeneralError.Known.NONE));
        assertThat(channel.isOpen()).isFalse();
        assertThat(observer.closed).containsExactly(CloseReason.SHUTDOWN);
    }

    @Test
    void localStopClosesAnywayWhenNoReplyComes() {
        establish();
        call(1);
        sessions.established.get(0x4001).stopControlConnection("policy");
        channel.runPendingTasks();
        assertThat(sent())
                .containsExactly(new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.NONE));
        channel.advanceTimeBy(3, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(observer.closed).containsExactly(CloseReason.SESSION_LAYER);
        assertThat(sessions.ended)
                .extracting(RecordingSessions.Ended::cause)
                .containsExactly(Call.EndCause.CONTROL_CONNECTION_STOPPED);
    }

    @Test
    void silenceSendsEchoRequestsAndClosesAfterTheMaximumUnanswered() {
        establish();
        idle();
        idle();
        assertThat(sent()).hasSize(2).allMatch(EchoRequest.class::isInstance);
        assertThat(channel.isOpen()).isTrue();
        idle();
        assertThat(channel.isOpen()).isFalse();
        assertThat(observer.echoTimeouts).hasValue(1);
        assertThat(observer.closed).containsExactly(CloseReason.ECHO_TIMEOUT);
    }

    @Test
    void anyMessageFromThePeerKeepsTheConnectionAlive() {
        establish();
        idle();
        idle();
        sent();
        receive(new EchoReply(1, EchoReply.ResultCode.Known.OK, GeneralError.Known.NONE));
        idle();
        assertThat(sent()).hasSize(1).allMatch(EchoRequest.class::isInstance);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void noStartRequestWithinTheStartTimeoutCloses() {
        channel.advanceTimeBy(30, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(observer.closed).containsExactly(CloseReason.START_TIMEOUT);
    }

    @Test
    void setLinkInfoAndWanErrorNotifyAreAcceptedWithoutAnswer() {
        establish();
        call(0x1f2a);
        receive(new SetLinkInfo(0x4001, 0xFFFF_FFFFL, 0xFFFF_FFFFL));
        receive(new WanErrorNotify(0x1f2a, 0, 0, 0, 0, 0, 0));
        assertThat(sent()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void incomingCallRequestIsNotAccepted() {
        establish();
        receive(new IncomingCallRequest(3, 1, 1, 0, "", "", ""));
        assertThat(sent())
                .containsExactly(new IncomingCallReply(
                        0, 3, IncomingCallReply.ResultCode.Known.DO_NOT_ACCEPT, GeneralError.Known.NONE, 0, 0));
    }

    @Test
    void malformedMessageInAGoodStreamIsCountedAndDropped() {
        establish();
        byte[] wire = bytes(new CallClearRequest(1));
        wire[15] = 1;
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        receive(new EchoRequest(1));
        assertThat(sent()).containsExactly(new EchoReply(1, EchoReply.ResultCode.Known.OK, GeneralError.Known.NONE));
        assertThat(observer.malformed).containsExactly(MalformedControlMessage.Reason.RESERVED_FIELD_NOT_ZERO);
    }

    @Test
    void wrongMagicCookieStopsTheConnection() {
        establish();
        byte[] wire = bytes(new EchoRequest(1));
        wire[4] = 0;
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        assertThat(sent())
                .containsExactly(new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.NONE));
        assertThat(observer.malformed).containsExactly(MalformedControlMessage.Reason.BAD_MAGIC_COOKIE);
    }

    @Test
    void lengthOutOfRangeClosesAtOnce() {
        establish();
        call(1);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, 0, 1}));
        assertThat(channel.isOpen()).isFalse();
        assertThat(observer.malformed).containsExactly(MalformedControlMessage.Reason.LENGTH_OUT_OF_RANGE);
        assertThat(observer.closed).containsExactly(CloseReason.MALFORMED);
        assertThat(sessions.ended)
                .extracting(RecordingSessions.Ended::cause)
                .containsExactly(Call.EndCause.CONTROL_CONNECTION_LOST);
    }

    @Test
    void malformedFirstMessageClosesTheConnection() {
        byte[] wire = bytes(startRequest(0x0100));
        wire[15] = 1; // Reserved1
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        assertThat(channel.isOpen()).isFalse();
        assertThat(observer.closed).containsExactly(CloseReason.MALFORMED);
    }

    @Test
    void tcpCloseEndsCallsAsLostAndReleasesTheirIds() {
        establish();
        call(1);
        channel.close();
        assertThat(sessions.ended)
                .extracting(RecordingSessions.Ended::cause)
                .containsExactly(Call.EndCause.CONTROL_CONNECTION_LOST);
        assertThat(callIds.activeCount()).isZero();
        assertThat(observer.closed).containsExactly(CloseReason.PEER_CLOSED);
    }

    private void establish() {
        receive(startRequest(0x0100));
        sent();
    }

    private OutgoingCallReply call(int peerCallId) {
        receive(outgoingCallRequest(peerCallId));
        return (OutgoingCallReply) sentOne();
    }

    private void idle() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    }

    private static StartControlConnectionRequest startRequest(int version) {
        return new StartControlConnectionRequest(version, 1, 1, 0, 0, "client", "test");
    }

    private static OutgoingCallRequest outgoingCallRequest(int callId) {
        return new OutgoingCallRequest(callId, 1, 300, 100_000_000, 3, 3, 16, 3, "", "");
    }

    private static OutgoingCallReply refusal(int peerCallId, RefusalReason reason) {
        return new OutgoingCallReply(0, peerCallId, reason.resultCode(), reason.errorCode(), 0, 0, 0, 0, 0);
    }

    private void receive(ControlMessage message) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(message)));
    }

    private ControlMessage sentOne() {
        List<ControlMessage> sent = sent();
        assertThat(sent).hasSize(1);
        return sent.getFirst();
    }

    /** Everything written since the last call, decoded; the empty flush before a close is skipped. */
    private List<ControlMessage> sent() {
        List<ControlMessage> messages = new ArrayList<>();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            try {
                if (out.isReadable()) {
                    messages.add((ControlMessage) ControlMessageCodec.decode(out));
                }
            } finally {
                out.release();
            }
        }
        return messages;
    }

    private static byte[] bytes(ControlMessage message) {
        ByteBuf out = Unpooled.buffer();
        try {
            ControlMessageCodec.encode(message, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
