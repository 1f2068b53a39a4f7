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
 * Abbreviated handshakes resuming by RFC 5077 session ticket, for the implementations that have
 * tickets (jtls, also through its SSLEngine as {@code jtls_jsse}, and SunJSSE; BCJSSE 1.84 has none). The fork turns SunJSSE's tickets on (they are
 * off in every other fork, see {@link Jsse}). Each op checks on the wire that the server resumed.
 * The server re-issues a ticket on each resumption where the implementation does so.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Djdk.tls.client.enableSessionTicketExtension=true",
        "-Djdk.tls.server.enableSessionTicketExtension=true"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class TicketResumptionBench {
    @Param({"jtls", "jtls_jsse", "sunjsse"})
    public String impl;

    private Stack stack;
    private Conversation conversation;

    @Setup
    public void setup() throws SSLException {
        Jsse.preferGroup(impl, "secp256r1");
        Jsse.init();
        if (impl.equals("sunjsse") && !Boolean.getBoolean("jdk.tls.server.enableSessionTicketExtension")) {
            throw new IllegalStateException("SunJSSE tickets are off in this JVM (run in a JMH fork)");
        }
        stack = Stack.of(impl, ResumptionBench.SUITE, Row.ECDHE_RSA_P256.group, Row.ECDHE_RSA_P256.scheme,
                Stack.Mode.RESUME_TICKET);
        conversation = new Conversation();
        ticket();
    }

    @Benchmark
    public int ticket() throws SSLException {
        return stack.handshake(conversation);
    }
}
