package io.pptpgw.pptp.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.pptpgw.pptp.channel.ControlFrameDecoder;
import io.pptpgw.pptp.channel.ControlMessageDecoder;
import io.pptpgw.pptp.channel.ControlMessageEncoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PPTP control server: listens on TCP (epoll when the native transport loads, NIO otherwise), refuses a source
 * address's connection beyond its limit at accept, and runs one {@link ControlConnectionHandler} per connection.
 * {@link #close()} stops every connection with Stop-Control-Connection-Request (Stop-Local-Shutdown), waits a
 * bounded time for them to close, and shuts its threads down.
 */
public final class PptpControlServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PptpControlServer.class);
    private static final ControlMessageDecoder DECODER = new ControlMessageDecoder();
    private static final ControlMessageEncoder ENCODER = new ControlMessageEncoder();

    private final ControlServerSettings settings;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup("pptp-control", ImmediateEventExecutor.INSTANCE);
    private final Channel listener;
    private final String transport;

    private PptpControlServer(
            InetSocketAddress address,
            int threads,
            ControlServerSettings settings,
            CallSessions sessions,
            CallIds callIds,
            ControlConnectionObserver observer) {
        this.settings = settings;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType =
                epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.transport = epoll ? "epoll" : "nio";
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("pptp-accept", true), io);
        this.workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("pptp-control", true), io);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Initializer(settings, sessions, callIds, observer));
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutDownThreads();
            throw new IllegalStateException(
                    "cannot listen for PPTP control connections on " + address + ": " + bound.cause(), bound.cause());
        }
        this.listener = bound.channel();
        log.info("PPTP control server listening on {} ({})", listener.localAddress(), transport);
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and serves until {@link #close()}.
     *
     * @param threads event loop threads for the connections; 0 lets Netty choose (twice the processors)
     */
    public static PptpControlServer start(
            InetSocketAddress address,
            int threads,
            ControlServerSettings settings,
            CallSessions sessions,
            CallIds callIds,
            ControlConnectionObserver observer) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads " + threads + " is negative");
        }
        return new PptpControlServer(address, threads, settings, sessions, callIds, observer);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Whether the listening socket is bound and open: false once closed or if it failed. */
    public boolean isListening() {
        return listener.isActive();
    }

    public int port() {
        return localAddress().getPort();
    }

    /** "epoll" or "nio". */
    public String transport() {
        return transport;
    }

    /** Open control connections. */
    public int connectionCount() {
        return connections.size();
    }

    /** Graceful shutdown, waiting at most the stop reply timeout plus one second for the peers. */
    @Override
    public void close() {
        close(settings.stopReplyTimeout().plusSeconds(1));
    }

    public void close(Duration grace) {
        listener.close().syncUninterruptibly();
        for (Channel connection : connections) {
            ControlConnectionHandler handler = connection.pipeline().get(ControlConnectionHandler.class);
            if (handler != null) {
                handler.stop(CloseReason.SHUTDOWN, "the gateway is shutting down");
            }
        }
        if (!connections.newCloseFuture().awaitUninterruptibly(grace.toMillis())) {
            log.warn("{} control connections still open after {}; closing them", connections.size(), grace);
        }
        connections.close().awaitUninterruptibly();
        shutDownThreads();
        log.info("PPTP control server on {} stopped", listener.localAddress());
    }

    private void shutDownThreads() {
        acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        acceptors.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }

    /** Builds each accepted connection's pipeline, or refuses the connection when its source is at its limit. */
    private final class Initializer extends ChannelInitializer<SocketChannel> {
        private final ControlServerSettings settings;
        private final CallSessions sessions;
        private final CallIds callIds;
        private final ControlConnectionObserver observer;
        private final ConnectionsPerSource perSource;

        Initializer(
                ControlServerSettings settings,
                CallSessions sessions,
                CallIds callIds,
                ControlConnectionObserver observer) {
            this.settings = settings;
            this.sessions = sessions;
            this.callIds = callIds;
            this.observer = observer;
            this.perSource = new ConnectionsPerSource(settings.maxConnectionsPerSource());
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            InetSocketAddress peer = channel.remoteAddress();
            if (!perSource.tryAcquire(peer.getAddress())) {
                log.warn(
                        "refusing control connection from {}: {} already holds {} control connections, the limit"
                                + " (maxConnectionsPerSource)",
                        peer,
                        peer.getAddress().getHostAddress(),
                        perSource.limit());
                observer.connectionRejected(peer);
                channel.close();
                return;
            }
            channel.closeFuture().addListener(closed -> perSource.release(peer.getAddress()));
            connections.add(channel);
            channel.pipeline()
                    .addLast(
                            "idle", new IdleStateHandler(settings.echoInterval().toNanos(), 0, 0, TimeUnit.NANOSECONDS))
                    .addLast("frames", new ControlFrameDecoder())
                    .addLast("decoder", DECODER)
                    .addLast("encoder", ENCODER)
                    .addLast("control", new ControlConnectionHandler(settings, sessions, callIds, observer));
        }
    }
}
