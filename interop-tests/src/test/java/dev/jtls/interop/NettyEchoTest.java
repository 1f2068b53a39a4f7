package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Netty's {@link SslHandler}, unchanged, over an {@code SSLEngine} from the jtls provider: a 16 MiB
 * echo through a Netty server and a Netty client on 127.0.0.1, with a SHA-256 of what was sent
 * compared to what came back, jtls in either role and in both.
 */
class NettyEchoTest {
    private static final int TOTAL = 16 << 20;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @ParameterizedTest(name = "server {0}, client {1}, {2}")
    @CsvSource({"JTLS, SUNJSSE, rsa", "SUNJSSE, JTLS, rsa", "JTLS, JTLS, ec", "JTLS, JTLS, rsa"})
    void echoesSixteenMebibytes(Stacks serverStack, Stacks clientStack, String key) throws Exception {
        TestPki pki = TestPki.get();
        SSLContext serverCtx = serverStack.server(key.equals("ec") ? pki.ecServer : pki.rsaServer);
        SSLContext clientCtx = clientStack.client();
        CompletableFuture<String> serverSuite = new CompletableFuture<>();

        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SSLEngine engine = serverCtx.createSSLEngine();
                        engine.setUseClientMode(false);
                        SslHandler tls = new SslHandler(engine);
                        tls.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                serverSuite.complete(engine.getSession().getCipherSuite());
                            } else {
                                serverSuite.completeExceptionally(f.cause());
                            }
                        });
                        ch.pipeline().addLast(tls, new Echo());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();

        byte[] data = new byte[TOTAL];
        new Random(port).nextBytes(data);
        Receiver receiver = new Receiver(TOTAL);
        try {
            Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SSLEngine engine = clientCtx.createSSLEngine("localhost", port);
                            engine.setUseClientMode(true);
                            SSLParameters params = engine.getSSLParameters();
                            params.setEndpointIdentificationAlgorithm("HTTPS");
                            engine.setSSLParameters(params);
                            ch.pipeline().addLast(new SslHandler(engine), receiver);
                        }
                    })
                    .connect(InetAddress.getLoopbackAddress(), port).sync().channel();
            SslHandler tls = client.pipeline().get(SslHandler.class);
            assertThat(tls.handshakeFuture().await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(tls.handshakeFuture().cause()).isNull();
            for (int off = 0; off < TOTAL; off += 64 << 10) {
                client.write(Unpooled.wrappedBuffer(data, off, Math.min(64 << 10, TOTAL - off)));
            }
            client.flush();
            String echoed = receiver.digest.get(60, TimeUnit.SECONDS);
            assertThat(echoed).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
            assertThat(tls.engine().getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(serverSuite.get(5, TimeUnit.SECONDS)).isEqualTo(tls.engine().getSession().getCipherSuite());
            client.close().sync();
        } finally {
            server.close().sync();
        }
    }

    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static final class Receiver extends ChannelInboundHandlerAdapter {
        final CompletableFuture<String> digest = new CompletableFuture<>();
        private final MessageDigest sha;
        private final int expected;
        private long received;

        Receiver(int expected) throws Exception {
            this.expected = expected;
            this.sha = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                byte[] chunk = new byte[buf.readableBytes()];
                buf.readBytes(chunk);
                sha.update(chunk);
                received += chunk.length;
                if (received >= expected) {
                    digest.complete(HexFormat.of().formatHex(sha.digest()));
                }
            } finally {
                buf.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            digest.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            digest.completeExceptionally(new IllegalStateException("closed after " + received + " bytes"));
        }
    }
}
