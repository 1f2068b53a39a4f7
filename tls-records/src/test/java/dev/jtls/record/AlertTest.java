package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertTest {
    @Test
    void codesMatchTheRfcs() {
        assertThat(AlertDescription.CLOSE_NOTIFY.code()).isZero();
        assertThat(AlertDescription.UNEXPECTED_MESSAGE.code()).isEqualTo(10);
        assertThat(AlertDescription.BAD_RECORD_MAC.code()).isEqualTo(20);
        assertThat(AlertDescription.RECORD_OVERFLOW.code()).isEqualTo(22);
        assertThat(AlertDescription.HANDSHAKE_FAILURE.code()).isEqualTo(40);
        assertThat(AlertDescription.DECODE_ERROR.code()).isEqualTo(50);
        assertThat(AlertDescription.PROTOCOL_VERSION.code()).isEqualTo(70);
        assertThat(AlertDescription.INTERNAL_ERROR.code()).isEqualTo(80);
        assertThat(AlertDescription.INAPPROPRIATE_FALLBACK.code()).isEqualTo(86);
        assertThat(AlertDescription.NO_RENEGOTIATION.code()).isEqualTo(100);
        assertThat(AlertDescription.MISSING_EXTENSION.code()).isEqualTo(109);
        assertThat(AlertDescription.UNSUPPORTED_EXTENSION.code()).isEqualTo(110);
        assertThat(AlertDescription.UNRECOGNIZED_NAME.code()).isEqualTo(112);
        assertThat(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE.code()).isEqualTo(113);
        assertThat(AlertDescription.CERTIFICATE_REQUIRED.code()).isEqualTo(116);
        assertThat(AlertDescription.NO_APPLICATION_PROTOCOL.code()).isEqualTo(120);
    }

    @Test
    void fromCodeRoundTripsAndToleratesUnknownCodes() {
        Set<Integer> seen = new HashSet<>();
        for (AlertDescription d : AlertDescription.values()) {
            if (d != AlertDescription.UNKNOWN) {
                assertThat(seen.add(d.code())).isTrue();
                assertThat(AlertDescription.fromCode(d.code())).isSameAs(d);
            }
        }
        for (int c : new int[] {1, 99, 255, 256, -5, 1000}) {
            assertThat(AlertDescription.fromCode(c)).isSameAs(AlertDescription.UNKNOWN);
        }
    }

    @Test
    void alertBodyIsExactlyTwoBytes() {
        assertThat(Alert.decode(new byte[] {2, 40})).isEqualTo(Alert.fatal(AlertDescription.HANDSHAKE_FAILURE));
        assertThat(Alert.decode(new byte[] {1, 0}).isCloseNotify()).isTrue();
        assertThat(Alert.decode(new byte[] {2, (byte) 200}).description()).isEqualTo(AlertDescription.UNKNOWN);
        assertThat(Alert.warning(AlertDescription.NO_RENEGOTIATION).encode()).containsExactly(1, 100);
        for (byte[] bad : new byte[][] {{}, {2}, {2, 40, 0}}) {
            assertThatThrownBy(() -> Alert.decode(bad)).isInstanceOfSatisfying(TlsAlertException.class,
                    e -> assertThat(e.description()).isEqualTo(AlertDescription.DECODE_ERROR));
        }
        assertThatThrownBy(() -> Alert.decode(new byte[] {3, 0})).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.description()).isEqualTo(AlertDescription.DECODE_ERROR));
        TlsAlertException e = new TlsAlertException(InvalidMessage.TRAILING_DATA, "x: 1 unexpected trailing byte(s)");
        assertThat(e.alert()).isEqualTo(Alert.fatal(AlertDescription.DECODE_ERROR));
        assertThat(e.reason()).isSameAs(InvalidMessage.TRAILING_DATA);
        assertThat(e).hasMessage("invalid message: x: 1 unexpected trailing byte(s)");
        assertThat(e.detail()).isEqualTo("x: 1 unexpected trailing byte(s)");
        assertThat(e.toString()).startsWith("TlsAlertException[decode_error InvalidMessage.TRAILING_DATA]: ");
    }

    @Test
    void contentTypesAndVersions() {
        for (ContentType t : ContentType.values()) {
            assertThat(ContentType.fromCode(t.code())).isSameAs(t);
        }
        assertThatThrownBy(() -> ContentType.fromCode(24)).isInstanceOfSatisfying(TlsAlertException.class,
                e -> assertThat(e.description()).isEqualTo(AlertDescription.UNEXPECTED_MESSAGE));
        assertThat(ProtocolVersion.TLS1_2.wire()).isEqualTo(0x0303);
        assertThat(ProtocolVersion.of(0x0301)).isEqualTo(ProtocolVersion.TLS1_0);
        assertThat(ProtocolVersion.TLS1_2).hasToString("TLSv1.2");
        assertThat(ProtocolVersion.of(0x7f1c)).hasToString("0x7f1c");
    }
}
