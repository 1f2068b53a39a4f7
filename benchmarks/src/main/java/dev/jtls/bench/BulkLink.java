package dev.jtls.bench;

import dev.jtls.suite.CipherSuite;
import java.nio.ByteBuffer;
import java.util.Random;
import javax.net.ssl.SSLException;

/**
 * The data path shared by {@link BulkBench}, {@link ChaChaBulkBench} and {@link CbcBulkBench}: one established connection
 * of {@code impl} (ECDHE_RSA P-256, the suite given, checked on the wire), a source of
 * {@code size} random bytes, and reused network and application buffers; {@link #transfer} is one
 * client write + server read, checked for the byte count.
 */
final class BulkLink {
    private final int size;
    private final Stack.Established pair;
    private final ByteBuffer src;
    private final ByteBuffer net;
    private final ByteBuffer app;

    BulkLink(String impl, String suite, int size) throws SSLException {
        this.size = size;
        Jsse.preferGroup(impl, "secp256r1");
        Jsse.init();
        CipherSuite s = CipherSuite.valueOf(suite);
        pair = Stack.of(impl, s, Row.ECDHE_RSA_P256.group, Row.ECDHE_RSA_P256.scheme, Stack.Mode.FULL).established();
        pair.wire().require(s.code(), Row.ECDHE_RSA_P256.groupCode(), Row.ECDHE_RSA_P256.schemeCode(), false);
        src = ByteBuffer.allocate(size);
        new Random(1).nextBytes(src.array());
        net = ByteBuffer.allocate(size + 1024);
        app = ByteBuffer.allocate(size + 1024);
        transfer();
    }

    /** True if the connection uses encrypt_then_mac (only meaningful for CBC suites). */
    boolean encryptThenMac() {
        return pair.wire().encryptThenMac;
    }

    /**
     * The length field of the record the last {@link #transfer} sent (one record: at most 2^14
     * bytes go in one write); throws if the wire did not start with an application_data record.
     */
    int lastRecordLength() {
        if (net.get(0) != 23) {
            throw new IllegalStateException("the wire does not start with an application_data record: type " + net.get(0));
        }
        return (net.get(3) & 0xff) << 8 | (net.get(4) & 0xff);
    }

    int transfer() throws SSLException {
        src.clear();
        int n = pair.transfer(src, net, app);
        if (n != size) {
            throw new IllegalStateException("server read " + n + " bytes, client wrote " + size);
        }
        return n;
    }
}
