package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CryptoProviders;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** RFC 8449 §4: the record_size_limit we advertised binds the protected records we receive, and only those. */
class RecordSizeLimitTest {
    private static RecordProtection gcm() {
        return AeadProtection.aesGcm(CryptoProviders.defaults().newAead(AeadAlgorithm.AES_128_GCM, new byte[16]), new byte[4]);
    }

    private static RecordReader reader(int limit) {
        RecordReader r = new RecordReader(new HandshakeReassembler());
        r.maxProtectedPlaintext(limit);
        return r;
    }

    @Test
    void aProtectedRecordOverTheLimitIsRecordOverflow() {
        RecordReader r = reader(1000);
        r.changeProtection(gcm());
        r.feed(ByteBuffer.wrap(Suite.seal(gcm(), 0, ContentType.APPLICATION_DATA, new byte[1001], false)));
        assertThatThrownBy(r::next).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.description()).isEqualTo(AlertDescription.RECORD_OVERFLOW));
    }

    @Test
    void aProtectedRecordAtTheLimitIsAccepted() {
        RecordReader r = reader(1000);
        r.changeProtection(gcm());
        r.feed(ByteBuffer.wrap(Suite.seal(gcm(), 0, ContentType.APPLICATION_DATA, new byte[1000], false)));
        assertThat(r.next()).isEqualTo(ContentType.APPLICATION_DATA);
        assertThat(r.plaintext().remaining()).isEqualTo(1000);
    }

    @Test
    void recordsInTheClearAreNotBound() {
        RecordReader r = reader(64);
        byte[] record = new byte[5 + 100];
        record[0] = 22;
        record[1] = 3;
        record[2] = 3;
        record[4] = 100;
        r.feed(ByteBuffer.wrap(record));
        assertThat(r.next()).isEqualTo(ContentType.HANDSHAKE);
    }

    @Test
    void theLimitIsWithinTls12sRange() {
        assertThatThrownBy(() -> reader(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader((1 << 14) + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
