package dev.jtls.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackendStateTest {

    private final MutableClock clock = new MutableClock();

    private BackendState backend(int weight, Duration slowStart) {
        return new BackendState("a", new InetSocketAddress("127.0.0.1", 8081), weight, slowStart, clock);
    }

    @Test
    void startsUpAtFullWeight() {
        BackendState b = backend(3, Duration.ofSeconds(10));
        assertThat(b.status()).isEqualTo(BackendState.Status.UP);
        assertThat(b.eligible()).isTrue();
        assertThat(b.weight()).isEqualTo(3.0);
        assertThat(b.configuredWeight()).isEqualTo(3);
        assertThat(b.name()).isEqualTo("a");
        assertThat(b.address().getPort()).isEqualTo(8081);
    }

    @Test
    void refusesAWeightBelowOne() {
        assertThatThrownBy(() -> backend(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("≥ 1, got 0");
    }

    @Test
    void slowStartRampsLinearlyFromTenPercentToFull() {
        BackendState b = backend(10, Duration.ofSeconds(10));
        b.startRamp(clock.millis());
        assertThat(b.weight()).isEqualTo(1.0); // 10 × 10% floor
        clock.advance(Duration.ofMillis(500));
        assertThat(b.weight()).isEqualTo(1.0); // 5% of the window is still under the floor
        clock.advance(Duration.ofMillis(2_000));
        assertThat(b.weight()).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
        clock.advance(Duration.ofMillis(2_500));
        assertThat(b.weight()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
        clock.advance(Duration.ofMillis(4_999));
        assertThat(b.weight()).isCloseTo(9.999, org.assertj.core.data.Offset.offset(1e-9));
        clock.advance(Duration.ofMillis(1));
        assertThat(b.weight()).isEqualTo(10.0);
        clock.advance(Duration.ofHours(1));
        assertThat(b.weight()).isEqualTo(10.0);
    }

    @Test
    void noRampWithoutSlowStart() {
        BackendState b = backend(4, Duration.ZERO);
        b.startRamp(clock.millis());
        assertThat(b.weight()).isEqualTo(4.0);
    }

    @Test
    void statusPrecedenceIsDownThenEjectedThenDraining() {
        BackendState b = backend(1, Duration.ZERO);
        b.setDraining(true);
        assertThat(b.status()).isEqualTo(BackendState.Status.DRAINING);
        b.ejectUntil(clock.millis() + 1000);
        assertThat(b.status()).isEqualTo(BackendState.Status.EJECTED);
        b.setDown(true);
        assertThat(b.status()).isEqualTo(BackendState.Status.DOWN);
        assertThat(b.eligible()).isFalse();
        b.setDown(false);
        clock.advance(Duration.ofMillis(1000));
        assertThat(b.status()).isEqualTo(BackendState.Status.DRAINING);
        assertThat(b.eligible()).isFalse();
        b.setDraining(false);
        assertThat(b.status()).isEqualTo(BackendState.Status.UP);
        assertThat(b.eligible()).isTrue();
    }

    @Test
    void inFlightCountsAcrossThreadsAndNeverGoesNegative() throws InterruptedException {
        BackendState b = backend(1, Duration.ZERO);
        int threads = 4;
        int each = 10_000;
        Concurrently.run(threads, () -> {
            for (int i = 0; i < each; i++) {
                b.acquire();
            }
            for (int i = 0; i < each - 1; i++) {
                b.release();
            }
        });
        assertThat(b.inFlight()).isEqualTo(threads);
        for (int i = 0; i < threads + 5; i++) {
            b.release();
        }
        assertThat(b.inFlight()).isZero();
    }
}
