package dev.jtls.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The lazily moved deadline fires once, at the last deadline armed, and never when disarmed. */
class LazyDeadlineTest {
    private final EventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private long onLoop(Runnable r) throws Exception {
        CompletableFuture<Long> at = new CompletableFuture<>();
        loop.execute(() -> {
            r.run();
            at.complete(System.nanoTime());
        });
        return at.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aDeadlineMovedLaterFiresOnceAtTheLaterTime() throws Exception {
        AtomicLong firedAt = new AtomicLong();
        AtomicInteger fired = new AtomicInteger();
        LazyDeadline d = new LazyDeadline(loop, () -> {
            fired.incrementAndGet();
            firedAt.set(System.nanoTime());
        });
        onLoop(() -> d.arm(TimeUnit.MILLISECONDS.toNanos(60)));
        Thread.sleep(30);
        // Re-armed before it fired: the first task stays pending and must reschedule itself.
        long rearmedAt = onLoop(() -> d.arm(TimeUnit.MILLISECONDS.toNanos(120)));
        Thread.sleep(400);
        assertThat(fired).hasValue(1);
        assertThat(firedAt.get() - rearmedAt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(120));
    }

    @Test
    void aDeadlineMovedEarlierFiresAtTheEarlierTime() throws Exception {
        AtomicLong firedAt = new AtomicLong();
        LazyDeadline d = new LazyDeadline(loop, () -> firedAt.set(System.nanoTime()));
        onLoop(() -> d.arm(TimeUnit.SECONDS.toNanos(30)));
        long armedAt = onLoop(() -> d.arm(TimeUnit.MILLISECONDS.toNanos(50)));
        Thread.sleep(400);
        assertThat(firedAt.get()).isNotZero();
        assertThat(firedAt.get() - armedAt).isBetween(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aDisarmedOrStoppedDeadlineNeverFires() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        LazyDeadline disarmed = new LazyDeadline(loop, fired::incrementAndGet);
        LazyDeadline stopped = new LazyDeadline(loop, fired::incrementAndGet);
        LazyDeadline zero = new LazyDeadline(loop, fired::incrementAndGet);
        onLoop(() -> {
            disarmed.arm(TimeUnit.MILLISECONDS.toNanos(40));
            disarmed.disarm();
            stopped.arm(TimeUnit.MILLISECONDS.toNanos(40));
            stopped.stop();
            zero.arm(0);
        });
        Thread.sleep(250);
        assertThat(fired).hasValue(0);
        assertThat(disarmed.armed() || stopped.armed() || zero.armed()).isFalse();
    }
}
