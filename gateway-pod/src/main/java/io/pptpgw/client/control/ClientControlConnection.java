package io.pptpgw.client.control;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.pptpgw.pptp.control.EchoReply;
import io.pptpgw.pptp.control.StartControlConnectionReply;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * An established control connection to a PPTP server, as its originator and PNS (RFC 2637 §3.1.1). Methods may be
 * called from any thread; futures complete on {@link #eventLoop()}, so never wait on one from that thread.
 */
public final class ClientControlConnection {
    /** RFC 2637 §3.1.1, the control connection as its originator sees it; {@code CLOSED} is ours. */
    public enum State {
        IDLE,
        WAIT_CTL_REPLY,
        ESTABLISHED,
        WAIT_STOP_REPLY,
        CLOSED
    }

    /** Why the connection ended. */
    public enum CloseReason {
        /** We stopped it with {@link #stop()}. */
        LOCAL_STOP,
        /** The server sent Stop-Control-Connection-Request. */
        PEER_STOPPED,
        /** The TCP connection closed without a stop exchange, or we closed it with {@link #close()}. */
        PEER_CLOSED,
        /** The server's Start-Control-Connection-Reply was not a success, or its version too old. */
        START_REFUSED,
        /** A reply we asked for did not come in time. */
        REPLY_TIMEOUT,
        /** The server left our Echo-Requests unanswered. */
        ECHO_TIMEOUT,
        /** The server's bytes could not be followed as PPTP control messages. */
        MALFORMED,
        IO_ERROR
    }

    private final Channel channel;
    private final ClientControlHandler handler;

    ClientControlConnection(Channel channel, ClientControlHandler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    /** The connection's event loop: its messages are handled there, and a session's PPP control may run there. */
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    /** The server's Start-Control-Connection-Reply: its host name, vendor and capabilities. */
    public StartControlConnectionReply startReply() {
        return handler.startReply();
    }

    public State state() {
        return handler.state();
    }

    /**
     * Sends an Outgoing-Call-Request under a Call ID of ours; completes with the call once the server answers,
     * connected or refused (see {@link ClientCall#isConnected()}), or exceptionally on timeout or close.
     */
    public CompletableFuture<ClientCall> placeCall() {
        CompletableFuture<ClientCall> placed = new CompletableFuture<>();
        handler.onEventLoop(() -> handler.placeCall(placed));
        return placed;
    }

    /** Sends an Echo-Request now; completes with the matching Echo-Reply. */
    public CompletableFuture<EchoReply> echo() {
        CompletableFuture<EchoReply> replied = new CompletableFuture<>();
        handler.onEventLoop(() -> handler.echo(replied));
        return replied;
    }

    /** Sends Stop-Control-Connection-Request and completes once the connection is closed, reply or not. */
    public CompletableFuture<CloseReason> stop() {
        handler.onEventLoop(handler::stop);
        return handler.closed();
    }

    /** Closes the TCP connection without a stop exchange, as a crashed client would. */
    public void close() {
        channel.close();
    }

    /** Completes when the connection has ended, with why. */
    public CompletableFuture<CloseReason> closeFuture() {
        return handler.closed();
    }
}
