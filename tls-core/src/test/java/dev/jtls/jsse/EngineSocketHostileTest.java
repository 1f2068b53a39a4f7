package dev.jtls.jsse;

import static dev.jtls.jsse.EnginePeers.CLIENT_CTX;
import static dev.jtls.jsse.EnginePeers.LOOPBACK;
import static dev.jtls.jsse.EnginePeers.SERVER_CTX;
import static dev.jtls.jsse.EnginePeers.async;
import static dev.jtls.jsse.EnginePeers.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile peers and misbehaving engines: the socket fails with an SSLException, never hangs or buffers without bound. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EngineSocketHostileTest {
    /** A peer sending bytes that are no TLS record: the engine's error, and the connection is closed. */
    @Test
    void garbageFromThePeerFailsTheHandshakeWithTheEnginesError() throws Exception {
        try (SSLServerSocket server = EnginePeers.ourServer(SERVER_CTX)) {
            CompletableFuture<Integer> garbage = async(() -> {
                try (Socket raw = new Socket(LOOPBACK, server.getLocalPort())) {
                    OutputStream out = raw.getOutputStream();
                    out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                    return raw.getInputStream().read(new byte[100]); // the alert, or the end
                }
            });
            try (SSLSocket s = (SSLSocket) server.accept()) {
                assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SSLException.class);
                assertThatThrownBy(() -> s.getOutputStream().write(1)).isInstanceOf(SSLException.class)
                        .hasMessageContaining("failed earlier");
            }
            assertThat(await(garbage)).isNotNull();
        }
    }

    /**
     * An engine that never consumes a record (always BUFFER_UNDERFLOW) facing a peer that keeps
     * sending: the socket stops at the engine's packet size with an SSLProtocolException.
     */
    @Test
    void anEngineThatNeverHasEnoughCannotMakeTheSocketBufferWithoutBound() throws Exception {
        EngineSource underflowing = (host, port) -> new ForwardingEngine(SERVER_CTX.createSSLEngine(host, port)) {
            @Override
            public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) {
                return new SSLEngineResult(SSLEngineResult.Status.BUFFER_UNDERFLOW, getHandshakeStatus(), 0, 0);
            }
        };
        try (ServerSocket plain = new ServerSocket(0, 50, LOOPBACK)) {
            CompletableFuture<Void> flood = async(() -> {
                try (Socket raw = new Socket(LOOPBACK, plain.getLocalPort())) {
                    byte[] chunk = new byte[4096];
                    for (int i = 0; i < 64; i++) {
                        raw.getOutputStream().write(chunk);
                    }
                    raw.getInputStream().read();
                } catch (java.io.IOException closedOnUs) {
                    // expected once the server gives up
                }
                return null;
            });
            try (Socket accepted = plain.accept();
                 SSLSocket s = (SSLSocket) new EngineSocketFactory(underflowing).createSocket(accepted, null, true)) {
                assertThatThrownBy(s::startHandshake).isInstanceOf(SSLProtocolException.class)
                        .hasMessageContaining("packet buffer");
            }
            await(flood);
        }
    }

    /**
     * An engine refusing a second handshake (as jtls's will: no renegotiation): startHandshake on an
     * established socket throws, and the connection carries on.
     */
    @Test
    void aRefusedSecondHandshakeLeavesTheConnectionUsable() throws Exception {
        AtomicInteger begun = new AtomicInteger();
        EngineSource noRenegotiation = (host, port) -> new ForwardingEngine(CLIENT_CTX.createSSLEngine(host, port)) {
            @Override
            public void beginHandshake() throws SSLException {
                if (begun.incrementAndGet() > 1) {
                    throw new SSLException("renegotiation is not supported");
                }
                super.beginHandshake();
            }
        };
        try (SSLServerSocket server = EnginePeers.jdkServer(SERVER_CTX)) {
            CompletableFuture<Long> echoed = EnginePeers.echoOnce(server);
            try (SSLSocket client = (SSLSocket) new EngineSocketFactory(noRenegotiation).createSocket("localhost",
                    server.getLocalPort())) {
                client.startHandshake();
                assertThatThrownBy(client::startHandshake).isInstanceOf(SSLException.class)
                        .hasMessage("renegotiation is not supported");
                client.getOutputStream().write(5);
                assertThat(client.getInputStream().read()).isEqualTo(5);
                client.shutdownOutput();
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(await(echoed)).isEqualTo(1L);
        }
    }
}
