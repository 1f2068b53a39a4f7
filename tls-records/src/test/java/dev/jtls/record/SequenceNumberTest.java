package dev.jtls.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequenceNumberTest {
    @Test
    void countsFromZero() {
        SequenceNumber s = new SequenceNumber();
        assertThat(s.next()).isZero();
        assertThat(s.next()).isEqualTo(1);
        assertThat(s.peek()).isEqualTo(2);
    }

    @Test
    void crossesTheSignedBoundaryAsUnsigned() {
        SequenceNumber s = new SequenceNumber(Long.MAX_VALUE);
        assertThat(s.next()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.next()).isEqualTo(Long.MIN_VALUE); // 2^63, still below 2^64 - 1
    }

    @Test
    void refusesToWrapAfterTwoTo64MinusOne() {
        // RFC 5246 §6.1: sequence numbers may not exceed 2^64-1 and must not wrap
        SequenceNumber s = new SequenceNumber(-2L);
        assertThat(s.next()).isEqualTo(-2L);
        assertThat(s.next()).isEqualTo(-1L); // 2^64 - 1 is the last one
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(s::next).isInstanceOfSatisfying(TlsAlertException.class,
                    e -> assertThat(e.description()).isEqualTo(AlertDescription.INTERNAL_ERROR));
        }
    }
}
