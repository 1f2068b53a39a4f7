package dev.jtls.bench;

import dev.jtls.suite.CipherSuite;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Abbreviated handshakes resuming a session by session id (RFC 5246 §7.3), session tickets off
 * for everyone: a new client (which finds the session in its implementation's client cache) and a
 * new server (which finds it in its server cache) per op. Suite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
 * (no public-key work in a resumption). Every op checks on the wire that the server resumed
 * (ServerHello then ChangeCipherSpec, no Certificate) with that suite.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class ResumptionBench {
    static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;

    @Param({"jtls", "jtls_jsse", "sunjsse", "bcjsse", "bcjsse_jca"})
    public String impl;

    private Stack stack;
    private Conversation conversation;

    @Setup
    public void setup() throws SSLException {
        Jsse.preferGroup(impl, "secp256r1");
        Jsse.init();
        stack = Stack.of(impl, SUITE, Row.ECDHE_RSA_P256.group, Row.ECDHE_RSA_P256.scheme, Stack.Mode.RESUME_ID);
        conversation = new Conversation();
        sessionId();
    }

    @Benchmark
    public int sessionId() throws SSLException {
        return stack.handshake(conversation);
    }
}
