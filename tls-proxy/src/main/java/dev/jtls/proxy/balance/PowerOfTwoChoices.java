package dev.jtls.proxy.balance;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Power of two choices (Mitzenmacher): two distinct candidates drawn at random, the one with fewer
 * in-flight requests relative to weight wins ({@code (inFlight + 1) / weight}, so that with nothing in
 * flight the heavier one still wins); a tie goes to the first drawn, itself random. Near least-connections
 * balance without a scan of the pool or a shared lock.
 */
public final class PowerOfTwoChoices implements Policy {

    @Override
    public Candidate pick(List<? extends Candidate> eligible, PickKey key) {
        int n = eligible.size();
        if (n == 1) {
            return eligible.get(0);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int i = random.nextInt(n);
        int j = random.nextInt(n - 1);
        if (j >= i) {
            j++;
        }
        Candidate a = eligible.get(i);
        Candidate b = eligible.get(j);
        return (b.inFlight() + 1) * a.weight() < (a.inFlight() + 1) * b.weight() ? b : a;
    }
}
