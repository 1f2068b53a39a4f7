package dev.jtls.proxy.l4;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Loopback plumbing for the L4 tests: Netty servers on ports picked at run time, blocking clients with deadlines. */
final class TestNet implements AutoCloseable {
    static final int TIMEOUT_MS = 5000;

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    /** A server on 127.0.0.1:0 whose child pipelines {@code init} sets up; its port. */
    Channel server(Consumer<SocketChannel> init) throws InterruptedException {
        return server(init, false);
    }

    /** @param halfClosure a client's FIN is an event on the child (it may still write), not a close */
    Channel server(Consumer<SocketChannel> init, boolean halfClosure) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, halfClosure)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        init.accept(ch);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    /**
     * A server whose every connection is recorded into {@code into}; {@code first} (may be null) makes
     * a handler put before the recorder (a gate).
     */
    Channel recording(java.util.Queue<Recorder> into, java.util.function.Supplier<ChannelHandler> first) throws InterruptedException {
        return server(ch -> {
            Recorder r = new Recorder();
            into.add(r);
            if (first != null) {
                ch.pipeline().addLast("gate", first.get());
            }
            ch.pipeline().addLast(r);
        });
    }

    /** Echoes; when the client's output is shut, runs {@code onEof} and closes (needs half-closure). */
    static final class Echo extends ChannelInboundHandlerAdapter {
        private final Runnable onEof;

        Echo(Runnable onEof) {
            this.onEof = onEof;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == io.netty.channel.socket.ChannelInputShutdownEvent.INSTANCE) {
                onEof.run();
                ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
        }
    }

    static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(TIMEOUT_MS);
        return s;
    }

    /** Reads until EOF (fails on the socket timeout). */
    static byte[] readToEnd(Socket s) throws IOException {
        return s.getInputStream().readAllBytes();
    }

    /** Reads exactly n bytes. */
    static byte[] readN(Socket s, int n) throws IOException {
        InputStream in = s.getInputStream();
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("EOF after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** True when the peer closes (EOF or reset) within the socket timeout. */
    static boolean closedByPeer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    /** Records what a server-side channel received and what it knew about its client, completing on close. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Recorder> closed = new CompletableFuture<>();
        volatile InetSocketAddress clientAddress;
        volatile boolean sawData;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            synchronized (bytes) {
                byte[] copy = new byte[b.readableBytes()];
                b.readBytes(copy);
                bytes.write(copy, 0, copy.length);
            }
            b.release();
            sawData = true;
            clientAddress = ctx.channel().attr(ProxyProtocolGate.CLIENT_ADDRESS).get();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed.complete(this);
        }

        byte[] received() {
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }

        Recorder awaitClose() throws Exception {
            return closed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
