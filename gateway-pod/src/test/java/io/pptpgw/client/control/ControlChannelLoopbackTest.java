package io.pptpgw.client.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pptpgw.pptp.control.CallClearRequest;
import io.pptpgw.pptp.control.CallDisconnectNotify;
import io.pptpgw.pptp.control.EchoReply;
import io.pptpgw.pptp.control.EchoRequest;
import io.pptpgw.pptp.control.GeneralError;
import io.pptpgw.pptp.control.MalformedControlMessage;
import io.pptpgw.pptp.control.OutgoingCallReply;
import io.pptpgw.pptp.control.OutgoingCallRequest;
import io.pptpgw.pptp.control.StartControlConnectionReply;
import io.pptpgw.pptp.control.StartControlConnectionRequest;
import io.pptpgw.pptp.control.StopControlConnectionReply;
import io.pptpgw.pptp.control.StopControlConnectionRequest;
import io.pptpgw.pptp.server.Admission;
import io.pptpgw.pptp.server.Admission.RefusalReason;
import io.pptpgw.pptp.server.Call;
import io.pptpgw.pptp.server.CallIds;
import io.pptpgw.pptp.server.CloseReason;
import io.pptpgw.pptp.server.ControlServerSettings;
import io.pptpgw.pptp.server.PptpControlServer;
import io.pptpgw.pptp.server.RecordingObserver;
import io.pptpgw.pptp.server.RecordingSessions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our client and our server in one process over real loopback TCP on an ephemeral port: calls set up and cleared,
 * limits, echo timeouts, malformed peers, shutdown. Every test ends with no leaked ByteBuf (PARANOID leak detection)
 * and no thread of ours left running.
 */
class ControlChannelLoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final CallIds callIds = new CallIds();
    private final RecordingSessions sessions = new RecordingSessions(callIds);
    private final RecordingObserver observer = new RecordingObserver();
    private NettyLeaks leaks;
    private PptpControlServer server;
    private PptpControlClient client;

    @BeforeEach
    void trackBuffers() {
        leaks = new NettyLeaks();
    }

    @AfterEach
    void noLeaks() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .as("threads of our event loops")
                        .noneMatch(thread -> thread.getName().startsWith("pptp-")));
        leaks.assertNone();
        leaks.close();
    }

    @Test
    void fiftyCallsOverFiveConnectionsGetDistinctCallIdsAndClearCleanly() throws Exception {
        start(settings().withMaxConnectionsPerSource(5), ClientSettings.defaults());
        List<ClientControlConnection> connections = new ArrayList<>();
        List<ClientCall> calls = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            ClientControlConnection connection = connect();
            connections.add(connection);
            List<CompletableFuture<ClientCall>> placed = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                placed.add(connection.placeCall());
            }
            for (CompletableFuture<ClientCall> call : placed) {
                calls.add(join(call));
            }
            for (ClientCall call : calls.subList(calls.size() - 10, calls.size())) {
                assertServerSideOf(call, connection);
            }
        }
        assertThat(calls).allMatch(ClientCall::isConnected);
        assertThat(calls.stream().map(ClientCall::peerCallId).distinct()).hasSize(50);
        assertThat(callIds.activeCount()).isEqualTo(50);

        for (ClientCall call : calls) {
            assertThat(join(call.clear()).resultCode()).isEqualTo(CallDisconnectNotify.ResultCode.Known.REQUEST);
        }
        await().atMost(WAIT).until(() -> sessions.ended.size() == 50);
        assertThat(sessions.ended).allMatch(ended -> ended.cause() == Call.EndCause.CALL_CLEAR_REQUEST);
        assertThat(callIds.activeCount()).isZero();
        assertThat(callIds.quarantinedCount()).isEqualTo(50);

        for (ClientControlConnection connection : connections) {
            assertThat(join(connection.stop())).isEqualTo(ClientControlConnection.CloseReason.LOCAL_STOP);
        }
        await().atMost(WAIT).until(() -> observer.closed.size() == 5);
        assertThat(observer.closed).allMatch(reason -> reason == CloseReason.PEER_STOPPED);
        assertThat(observer.admitted).hasValue(50);
    }

    @Test
    void sessionLayerDisconnectFromAnotherThreadReachesTheClient() throws Exception {
        start(settings(), ClientSettings.defaults());
        ClientCall call = join(connect().placeCall());
        Call serverSide = sessions.established.get(call.peerCallId());
        serverSide.disconnect(CallDisconnectNotify.ResultCode.Known.ADMIN_SHUTDOWN, 7, "test");
        CallDisconnectNotify notify = join(call.disconnected());
        assertThat(notify)
                .isEqualTo(new CallDisconnectNotify(
                        call.peerCallId(),
                        CallDisconnectNotify.ResultCode.Known.ADMIN_SHUTDOWN,
                        GeneralError.Known.NONE,
                        7,
                        ""));
        await().atMost(WAIT).until(() -> !callIds.isActive(call.peerCallId()));
        assertThat(sessions.ended)
                .extracting(RecordingSessions.Ended::cause)
                .containsExactly(Call.EndCause.LOCAL_DISCONNECT);
    }

    @Test
    void perSourceLimitRefusesAtAcceptWhileOtherSourcesConnect() throws Exception {
        start(settings().withMaxConnectionsPerSource(2), ClientSettings.defaults());
        ClientControlConnection first = connect();
        connect();
        CompletableFuture<ClientControlConnection> third = client.connect(server.localAddress());
        assertThatThrownBy(() -> third.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("closed at accept; the client sees a close or a reset")
                .hasMessageContaining("control connection closed");
        assertThat(observer.rejected).hasSize(1);

        ClientControlConnection otherSource =
                join(client.connect(server.localAddress(), new InetSocketAddress("127.0.0.2", 0)));
        assertThat(otherSource.state()).isEqualTo(ClientControlConnection.State.ESTABLISHED);

        join(first.stop());
        await().atMost(WAIT).until(() -> server.connectionCount() == 2);
        assertThat(connect().state())
                .as("a freed slot is usable again")
                .isEqualTo(ClientControlConnection.State.ESTABLISHED);
        assertThat(observer.rejected).hasSize(1);
    }

    @Test
    void refusedCallsCarryTheResultCodeOfTheirReason() throws Exception {
        start(settings(), ClientSettings.defaults());
        sessions.policy((context, request) -> sessions.established.size() >= 2
                ? new Admission.Refused(RefusalReason.SESSION_LIMIT, "2 sessions, the limit")
                : sessions.allocate());
        ClientControlConnection connection = connect();
        assertThat(join(connection.placeCall()).isConnected()).isTrue();
        assertThat(join(connection.placeCall()).isConnected()).isTrue();
        ClientCall overLimit = join(connection.placeCall());
        assertThat(overLimit.reply().resultCode()).isEqualTo(OutgoingCallReply.ResultCode.Known.GENERAL_ERROR);
        assertThat(overLimit.reply().errorCode()).isEqualTo(GeneralError.Known.NO_RESOURCE);
        assertThat(overLimit.peerCallId()).isZero();
        assertThat(overLimit.disconnected()).isCompletedExceptionally();

        sessions.policy((context, request) -> new Admission.Refused(RefusalReason.NOT_PERMITTED, "blocked"));
        assertThat(join(connection.placeCall()).reply().resultCode())
                .isEqualTo(OutgoingCallReply.ResultCode.Known.DO_NOT_ACCEPT);
        assertThat(observer.refused).containsExactly(RefusalReason.SESSION_LIMIT, RefusalReason.NOT_PERMITTED);
        assertThat(callIds.activeCount()).isEqualTo(2);
    }

    @Test
    void echoTimeoutClosesADeadPeerWhileALiveOneStays() throws Exception {
        start(settings().withEcho(Duration.ofMillis(250), 3), ClientSettings.defaults());
        ClientControlConnection live = connect();
        try (RawPeer dead = new RawPeer(server.localAddress(), WAIT)) {
            dead.send(startRequest());
            assertThat(dead.receive()).get().isInstanceOf(StartControlConnectionReply.class);
            // From here on the peer says nothing, like a client killed with -9 behind a NAT.
            for (int echo = 0; echo < 3; echo++) {
                assertThat(dead.receive()).get().isInstanceOf(EchoRequest.class);
            }
            assertThat(dead.receive())
                    .as("closed after three unanswered Echo-Requests")
                    .isEmpty();
        }
        await().atMost(WAIT).until(() -> observer.closed.contains(CloseReason.ECHO_TIMEOUT));
        assertThat(observer.echoTimeouts).hasValue(1);
        // The live client answered the server's Echo-Requests the whole time, and the server answers ours.
        assertThat(live.state()).isEqualTo(ClientControlConnection.State.ESTABLISHED);
        assertThat(join(live.echo()).resultCode()).isEqualTo(EchoReply.ResultCode.Known.OK);
    }

    @Test
    void clientGivesUpOnAServerThatStopsAnswering() throws Exception {
        client = new PptpControlClient(ClientSettings.defaults().withEcho(Duration.ofMillis(200), 2), 1);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<ClientControlConnection> connecting =
                    client.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
            try (RawPeer fakeServer = RawPeer.accept(listener, WAIT)) {
                assertThat(fakeServer.receive()).get().isInstanceOf(StartControlConnectionRequest.class);
                fakeServer.send(new StartControlConnectionReply(
                        0x0100,
                        StartControlConnectionReply.ResultCode.Known.SUCCESSFUL_CHANNEL_ESTABLISHMENT,
                        GeneralError.Known.NONE,
                        1,
                        1,
                        1,
                        1,
                        "fake",
                        "test"));
                ClientControlConnection connection = join(connecting);
                // The fake server now reads but never answers.
                assertThat(fakeServer.receive()).get().isInstanceOf(EchoRequest.class);
                assertThat(fakeServer.receive()).get().isInstanceOf(EchoRequest.class);
                assertThat(fakeServer.receive()).isEmpty();
                assertThat(join(connection.closeFuture())).isEqualTo(ClientControlConnection.CloseReason.ECHO_TIMEOUT);
            }
        }
    }

    @Test
    void aDisconnectNotifyCarryingOurOwnCallIdEndsTheCall() throws Exception {
        // What a client behind a Linux NAT with the pptp helper receives: nf_nat_pptp writes the PNS's Call ID
        // into the notify's Call ID field, whatever the server put there.
        client = new PptpControlClient(ClientSettings.defaults(), 1);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<ClientControlConnection> connecting =
                    client.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
            try (RawPeer fakeServer = RawPeer.accept(listener, WAIT)) {
                assertThat(fakeServer.receive()).get().isInstanceOf(StartControlConnectionRequest.class);
                fakeServer.send(new StartControlConnectionReply(
                        0x0100,
                        StartControlConnectionReply.ResultCode.Known.SUCCESSFUL_CHANNEL_ESTABLISHMENT,
                        GeneralError.Known.NONE,
                        1,
                        1,
                        1,
                        1,
                        "fake",
                        "test"));
                CompletableFuture<ClientCall> placing = join(connecting).placeCall();
                OutgoingCallRequest request =
                        (OutgoingCallRequest) fakeServer.receive().orElseThrow();
                fakeServer.send(new OutgoingCallReply(
                        0x5151,
                        request.callId(),
                        OutgoingCallReply.ResultCode.Known.CONNECTED,
                        GeneralError.Known.NONE,
                        0,
                        10_000_000,
                        64,
                        0,
                        0));
                ClientCall call = join(placing);

                CompletableFuture<CallDisconnectNotify> cleared = call.clear();
                assertThat(fakeServer.receive()).contains(new CallClearRequest(call.callId()));
                fakeServer.send(new CallDisconnectNotify(
                        call.callId(), CallDisconnectNotify.ResultCode.Known.REQUEST, GeneralError.Known.NONE, 0, ""));

                assertThat(join(cleared).callId()).isEqualTo(call.callId());
            }
        }
    }

    @Test
    void malformedMessagesOnOneConnectionAreCountedAndDoNotDisturbAnother() throws Exception {
        start(settings(), ClientSettings.defaults());
        ClientControlConnection good = connect();
        ClientCall call = join(good.placeCall());
        try (RawPeer bad = new RawPeer(server.localAddress(), WAIT)) {
            bad.send(startRequest());
            bad.receive();
            byte[] reservedSet = RawPeer.bytes(new CallClearRequest(1));
            reservedSet[15] = 1;
            byte[] unknownType = RawPeer.bytes(new EchoRequest(1));
            unknownType[9] = 99;
            bad.sendBytes(reservedSet);
            bad.sendBytes(unknownType);
            bad.send(new EchoRequest(5));
            assertThat(bad.receive())
                    .as("still served after two drops")
                    .contains(new EchoReply(5, EchoReply.ResultCode.Known.OK, GeneralError.Known.NONE));
            byte[] wrongCookie = RawPeer.bytes(new EchoRequest(2));
            wrongCookie[4] = 0;
            bad.sendBytes(wrongCookie);
            assertThat(bad.receive())
                    .contains(new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.NONE));
            bad.sendBytes(new byte[] {(byte) 0xff, (byte) 0xff, 0, 1});
            assertThat(bad.closedByServer()).isTrue();
        }
        await().atMost(WAIT).until(() -> observer.closed.contains(CloseReason.MALFORMED));
        assertThat(observer.malformed)
                .containsExactly(
                        MalformedControlMessage.Reason.RESERVED_FIELD_NOT_ZERO,
                        MalformedControlMessage.Reason.UNKNOWN_CONTROL_MESSAGE_TYPE,
                        MalformedControlMessage.Reason.BAD_MAGIC_COOKIE,
                        MalformedControlMessage.Reason.LENGTH_OUT_OF_RANGE);
        assertThat(join(good.echo()).resultCode()).isEqualTo(EchoReply.ResultCode.Known.OK);
        assertThat(join(call.clear()).resultCode()).isEqualTo(CallDisconnectNotify.ResultCode.Known.REQUEST);
    }

    @Test
    void coalescedAndOneOctetAtATimeWritesAreBothUnderstood() throws Exception {
        start(settings(), ClientSettings.defaults());
        try (RawPeer peer = new RawPeer(server.localAddress(), WAIT)) {
            peer.send(
                    startRequest(),
                    new OutgoingCallRequest(7, 1, 300, 10_000_000, 3, 3, 32, 0, "", ""),
                    new EchoRequest(3));
            assertThat(peer.receive()).get().isInstanceOf(StartControlConnectionReply.class);
            OutgoingCallReply reply = (OutgoingCallReply) peer.receive().orElseThrow();
            assertThat(reply.peerCallId()).isEqualTo(7);
            assertThat(reply.resultCode()).isEqualTo(OutgoingCallReply.ResultCode.Known.CONNECTED);
            assertThat(peer.receive())
                    .contains(new EchoReply(3, EchoReply.ResultCode.Known.OK, GeneralError.Known.NONE));

            peer.sendOneOctetAtATime(new CallClearRequest(7));
            assertThat(peer.receive())
                    .contains(new CallDisconnectNotify(
                            reply.callId(),
                            CallDisconnectNotify.ResultCode.Known.REQUEST,
                            GeneralError.Known.NONE,
                            0,
                            ""));
            peer.sendOneOctetAtATime(new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.NONE));
            assertThat(peer.receive())
                    .contains(new StopControlConnectionReply(
                            StopControlConnectionReply.ResultCode.Known.OK, GeneralError.Known.NONE));
            assertThat(peer.closedByServer()).isTrue();
        }
    }

    @Test
    void serverShutdownStopsEveryPeerAndEndsTheirCalls() throws Exception {
        start(settings(), ClientSettings.defaults());
        List<ClientControlConnection> connections = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            ClientControlConnection connection = connect();
            join(connection.placeCall());
            connections.add(connection);
        }
        server.close();
        server = null;
        for (ClientControlConnection connection : connections) {
            assertThat(join(connection.closeFuture())).isEqualTo(ClientControlConnection.CloseReason.PEER_STOPPED);
        }
        assertThat(sessions.ended)
                .hasSize(3)
                .allMatch(ended -> ended.cause() == Call.EndCause.CONTROL_CONNECTION_STOPPED);
        assertThat(observer.closed).containsOnly(CloseReason.SHUTDOWN).hasSize(3);
        assertThat(callIds.activeCount()).isZero();
    }

    private void start(ControlServerSettings serverSettings, ClientSettings clientSettings) {
        server = PptpControlServer.start(
                new InetSocketAddress("127.0.0.1", 0), 2, serverSettings, sessions, callIds, observer);
        client = new PptpControlClient(clientSettings, 2);
    }

    private static ControlServerSettings settings() {
        return ControlServerSettings.defaults("gw.test");
    }

    private ClientControlConnection connect() throws Exception {
        ClientControlConnection connection = join(client.connect(server.localAddress()));
        assertThat(connection.startReply().hostName()).isEqualTo("gw.test");
        assertThat(connection.startReply().vendorString()).isEqualTo("pptpgw");
        return connection;
    }

    private void assertServerSideOf(ClientCall call, ClientControlConnection connection) {
        Call serverSide = sessions.established.get(call.peerCallId());
        assertThat(serverSide.peerCallId()).isEqualTo(call.callId());
        assertThat(serverSide.context().peerAddress()).isEqualTo(connection.localAddress());
        assertThat(serverSide.context().localAddress()).isEqualTo(server.localAddress());
        assertThat(serverSide.context().receiveWindowSize()).isEqualTo(64);
        assertThat(serverSide.context().eventLoop()).isNotNull();
    }

    private static StartControlConnectionRequest startRequest() {
        return new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "raw", "test");
    }

    private static <T> T join(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
