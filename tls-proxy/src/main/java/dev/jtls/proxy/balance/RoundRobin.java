package dev.jtls.proxy.balance;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Plain round robin over the eligible back ends, ignoring weights; lock-free. */
public final class RoundRobin implements Policy {

    private final AtomicLong next = new AtomicLong();

    @Override
    public Candidate pick(List<? extends Candidate> eligible, PickKey key) {
        return eligible.get((int) Math.floorMod(next.getAndIncrement(), (long) eligible.size()));
    }
}
