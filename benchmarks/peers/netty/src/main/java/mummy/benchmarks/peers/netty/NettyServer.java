package mummy.benchmarks.peers.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mummy.benchmarks.dbcommon.DbSettings;

/**
 * EchoServer's endpoints on Netty 4.2, set up as Netty's own HTTP and WebSocket examples do: one
 * event loop group (native epoll when {@link Epoll#isAvailable()}, else NIO, with Netty's default
 * of two loops per core), {@code HttpServerCodec} and {@code HttpObjectAggregator}, the
 * {@code WebSocketServerProtocolHandler} on {@code /ws}, responses flushed once per read.
 *
 * <p>{@code GET /sleep} blocks, so it runs on an offload executor: Netty leaves the choice to the
 * application, and on Java 25 that is a virtual thread per task (no cap on blocked handlers).
 *
 * <p>With {@code --db-url URL} ({@link DbSettings}) it also serves {@code GET /db} and
 * {@code GET /fortunes}, their JDBC offloaded to a worker pool ({@link Database}).
 *
 * <p>Arguments: {@code --port N} (0 = ephemeral), {@code --host H} (default 127.0.0.1),
 * {@code --db-url URL}, {@code --db-pool N}. Prints
 * {@code listening on HOST:PORT} when ready, the transport on standard error; stops on SIGTERM.
 */
public final class NettyServer {

    private NettyServer() {
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--port N] [--host H]}
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        String host = option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(option(args, "--port", "8080"));
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(io);
        ExecutorService offload = Executors.newVirtualThreadPerTaskExecutor();
        DbSettings settings = DbSettings.parse(args);
        Database database = settings.enabled() ? Database.open(settings) : null;
        try {
            Channel channel = new ServerBootstrap()
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .group(group)
                    .channel(channelType)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(
                                    new HttpServerCodec(),
                                    new HttpServerExpectContinueHandler(),
                                    new HttpObjectAggregator(1024 * 1024),
                                    new WebSocketServerProtocolHandler("/ws"),
                                    new HttpEchoHandler(offload, database),
                                    new WebSocketEchoHandler());
                        }
                    })
                    .bind(host, port).sync().channel();
            System.err.println("netty transport: " + (epoll ? "epoll" : "nio (" + Epoll.unavailabilityCause() + ")"));
            System.out.println("listening on " + host + ":" + ((InetSocketAddress) channel.localAddress()).getPort());
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> channel.close().syncUninterruptibly()));
            channel.closeFuture().sync();
        } finally {
            group.shutdownGracefully();
            offload.close();
            if (database != null) {
                database.close();
            }
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
