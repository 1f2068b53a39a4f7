package dev.jtls.session;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A few ready instances of a primitive that is not thread-safe (an AEAD or an HMAC under one key),
 * shared by the threads of a server: a thread {@linkplain #take() takes} one for its exclusive use
 * and {@linkplain #give(Object) gives} it back, so that a key's cipher is initialised once rather
 * than per ticket. Lock-free: a fixed row of slots, each empty or holding one idle instance; an
 * instance is in one slot or in one thread's hands, never both. When every slot is empty a new
 * instance is made; when every slot is full the returned one is dropped. At most {@link #slots()}
 * idle instances are kept.
 */
final class PrimitivePool<T> {
    private final AtomicReferenceArray<T> slots;
    private final Supplier<T> factory;

    PrimitivePool(Supplier<T> factory) {
        // Enough for every thread of a typical event loop group (2 x cores) to hold one at once.
        int n = Integer.highestOneBit(Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors())));
        this.slots = new AtomicReferenceArray<>(n);
        this.factory = factory;
    }

    int slots() {
        return slots.length();
    }

    /** An idle instance, or a new one: the caller's alone until it gives it back. */
    T take() {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) & (n - 1);
            T t = slots.get(slot);
            if (t != null && slots.compareAndSet(slot, t, null)) {
                return t;
            }
        }
        return factory.get();
    }

    /**
     * Returns an instance taken from this pool, in a usable state (the caller does not give back an
     * instance whose use threw: its state is unknown).
     */
    void give(T t) {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) & (n - 1);
            if (slots.get(slot) == null && slots.compareAndSet(slot, null, t)) {
                return;
            }
        }
    }

    /** Threads start their search at different slots, so that they seldom contend for one. */
    private static int start(int n) {
        return (int) Thread.currentThread().getId() & (n - 1);
    }
}
