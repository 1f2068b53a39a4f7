package dev.jtls.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.proxy.config.AccessLogConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogTest {

    static AccessLogEntry entry(String method, String path, int status) throws IOException {
        return new AccessLogEntry(Instant.parse("2026-12-07T21:00:00.123Z"),
                new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 51234), "www.example.com",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", true, "https", "web", "web-1", method, path, status, 312, 5120, 3);
    }

    @Test
    void oneLogfmtLineWithEveryField() throws IOException {
        assertThat(AccessLogFormat.format(entry("GET", "/index.html", 200))).isEqualTo(
                "time=2026-12-07T21:00:00.123Z client=203.0.113.7:51234 sni=\"www.example.com\" "
                        + "suite=\"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\" resumed=true listener=\"https\" pool=\"web\" "
                        + "backend=\"web-1\" method=\"GET\" path=\"/index.html\" status=200 in=312 out=5120 ms=3");
    }

    @Test
    void absentFieldsAreDashesAndIpv6ClientsAreBracketed() throws IOException {
        AccessLogEntry e = new AccessLogEntry(Instant.EPOCH, new InetSocketAddress(InetAddress.getByName("::1"), 443),
                null, null, false, "https", "web", null, "GET", "/", 503, 40, 0, 1);
        assertThat(AccessLogFormat.format(e))
                .contains("client=[0:0:0:0:0:0:0:1]:443 sni=- suite=- resumed=false")
                .contains("backend=- method=\"GET\"");
    }

    @Test
    void crLfQuotesAndControlCharactersCannotForgeALine() throws IOException {
        String evil = "/a\r\nstatus=200 path=\"/forged\"\t\u0000\u00e9\u2028\\";
        String line = AccessLogFormat.format(entry("GET\n", evil, 400));
        assertThat(line).doesNotContain("\r").doesNotContain("\n").doesNotContain("\t").doesNotContain("\u2028");
        assertThat(line).contains("method=\"GET\\x0a\"")
                .contains("path=\"/a\\x0d\\x0astatus=200 path=\\\"/forged\\\"\\x09\\x00\\xe9\\u2028\\\\\"");
        // Exactly one unescaped status= field: the real one.
        assertThat(line.split(" status=", -1)).hasSize(2);
    }

    @Test
    void writesLinesToAFileAndFlushesWithoutWaitingForClose() throws Exception {
        Path dir = Paths.get("target", "access-log-test");
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "access", ".log");
        try (AccessLog log = AccessLog.open(new AccessLogConfig(AccessLogConfig.Target.FILE, file))) {
            assertThat(log.enabled()).isTrue();
            for (int i = 0; i < 100; i++) {
                log.log(entry("GET", "/r" + i, 200));
            }
            // The writer flushes when its queue runs empty: lines appear while the log is open.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Files.readAllLines(file).size() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(100);
            assertThat(lines.get(0)).contains("path=\"/r0\"");
            assertThat(lines.get(99)).contains("path=\"/r99\"");
            assertThat(log.dropped()).isZero();
        }
    }

    @Test
    void aStalledWriterNeverBlocksTheCallerAndDropsAreCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        StringWriter sink = new StringWriter();
        Writer stalled = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                sink.write(buf, off, len);
            }

            @Override
            public void flush() { }

            @Override
            public void close() { }
        };
        AccessLog log = new AccessLog(stalled, true, 10);
        log.log(entry("GET", "/first", 200));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        // The writer is stuck inside write(); 10 fit in the queue, the other 490 are dropped, at once.
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            log.log(entry("GET", "/r" + i, 200));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        assertThat(log.dropped()).isEqualTo(490);
        release.countDown();
        log.close();
        assertThat(log.written()).isEqualTo(11);
        assertThat(sink.toString().split("\n")).hasSize(11);
    }

    @Test
    void aBrokenSinkLosesEntriesCountedNeverAnException() throws Exception {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void close() { }
        };
        AccessLog log = new AccessLog(broken, true, 100);
        for (int i = 0; i < 50; i++) {
            log.log(entry("GET", "/r" + i, 200));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (log.dropped() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        log.close();
        // Nothing reached the sink: every entry is counted as dropped.
        assertThat(log.dropped()).isEqualTo(50);
        assertThat(log.written()).isZero();
    }

    @Test
    void offLogIgnoresEverything() throws IOException {
        AccessLog log = AccessLog.open(new AccessLogConfig(AccessLogConfig.Target.OFF, null));
        log.log(entry("GET", "/", 200));
        assertThat(log.enabled()).isFalse();
        assertThat(log.written()).isZero();
        log.close();
    }
}
