package dev.jtls.bench;

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
 * Full TLS 1.2 handshakes in memory, client and server of one implementation on one thread: a
 * new client and server per op (engine or connection set-up included), both ends to completion.
 * Every op checks on the wire that the row's suite, group and ServerKeyExchange scheme were used
 * and that the server sent its certificate (not resumed); see {@link Stack} and {@link WireCheck}.
 * The public-key floor of each row is {@link FloorBench} in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class HandshakeBench {
    @Param({"jtls", "jtls_jsse", "sunjsse", "bcjsse", "bcjsse_jca"})
    public String impl;

    @Param({"ECDHE_RSA_P256", "ECDHE_RSA_X25519", "ECDHE_ECDSA_P256", "RSA"})
    public String row;

    private Stack stack;
    private Conversation conversation;

    @Setup
    public void setup() throws SSLException {
        Row r = Row.valueOf(row);
        // Before any JSSE class loads in this fork (SunJSSE before JDK 20 reads groups once per JVM).
        Jsse.preferGroup(impl, r.jsseGroup());
        Jsse.init();
        stack = Stack.of(impl, r, Stack.Mode.FULL);
        conversation = new Conversation();
        full();
    }

    @Benchmark
    public int full() throws SSLException {
        return stack.handshake(conversation);
    }
}
