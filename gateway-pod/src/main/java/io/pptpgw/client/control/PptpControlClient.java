package io.pptpgw.client.control;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.pptpgw.pptp.channel.ControlFrameDecoder;
import io.pptpgw.pptp.channel.ControlMessageDecoder;
import io.pptpgw.pptp.channel.ControlMessageEncoder;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens PPTP control connections to servers: TCP (epoll when available, NIO otherwise) with TCP_NODELAY, the shared
 * framing and codec, and a {@link ClientControlHandler} per connection. {@link #close()} ends every connection
 * abruptly and stops the client's threads; stop connections first for an orderly goodbye.
 */
public final class PptpControlClient implements AutoCloseable {
    private static final ControlMessageDecoder DECODER = new ControlMessageDecoder();
    private static final ControlMessageEncoder ENCODER = new ControlMessageEncoder();

    private final ClientSettings settings;
    private final AtomicInteger nextCallId =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 0x10000));
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;

    /** @param threads event loop threads; 0 lets Netty choose */
    public PptpControlClient(ClientSettings settings, int threads) {
        this.settings = settings;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("pptp-client", true), io);
    }

    /** Connects to {@code server} and completes once the server accepted the control connection. */
    public CompletableFuture<ClientControlConnection> connect(InetSocketAddress server) {
        return connect(server, null);
    }

    /** As {@link #connect(InetSocketAddress)}, from {@code local} (e.g. 127.0.0.2 to be another source). */
    public CompletableFuture<ClientControlConnection> connect(InetSocketAddress server, InetSocketAddress local) {
        CompletableFuture<ClientControlConnection> started = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        settings.connectTimeout().toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(
                                        "idle",
                                        new IdleStateHandler(
                                                settings.echoInterval().toNanos(), 0, 0, TimeUnit.NANOSECONDS))
                                .addLast("frames", new ControlFrameDecoder())
                                .addLast("decoder", DECODER)
                                .addLast("encoder", ENCODER)
                                .addLast(
                                        "control",
                                        new ClientControlHandler(settings, started, nextCallId::getAndIncrement));
                    }
                });
        ChannelFuture connecting = local == null ? bootstrap.connect(server) : bootstrap.connect(server, local);
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                started.completeExceptionally(done.cause());
            }
        });
        return started;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
