package dev.jtls.proxy.balance;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Smooth weighted round robin, nginx's algorithm ({@code ngx_http_upstream_get_peer}): each pick adds
 * every candidate's weight to its running "current" value, picks the largest current, and takes the
 * total weight off the winner. The picks interleave (weights 5,1,1 give a a b a c a a, not a a a a a b
 * c), and after any number n of picks each back end has had n·w/W picks give or take less than one.
 *
 * <p>Current values are kept by back-end name, so candidates may come and go between picks; picks are
 * serialised by a lock (the critical section is a loop over the eligible list, no I/O).
 */
public final class SmoothWeightedRoundRobin implements Policy {

    private final Map<String, double[]> current = new HashMap<>();

    @Override
    public synchronized Candidate pick(List<? extends Candidate> eligible, PickKey key) {
        double total = 0;
        Candidate best = null;
        double[] bestCurrent = null;
        for (Candidate c : eligible) {
            double w = c.weight();
            double[] cur = current.computeIfAbsent(c.name(), n -> new double[1]);
            cur[0] += w;
            total += w;
            if (best == null || cur[0] > bestCurrent[0]) {
                best = c;
                bestCurrent = cur;
            }
        }
        bestCurrent[0] -= total;
        forgetGone(eligible);
        return best;
    }

    /** Drops the state of names long gone, so add/remove churn cannot grow the map without bound. */
    private void forgetGone(List<? extends Candidate> eligible) {
        if (current.size() > 2 * eligible.size() + 16) {
            Set<String> keep = new HashSet<>();
            for (Candidate c : eligible) {
                keep.add(c.name());
            }
            current.keySet().retainAll(keep);
        }
    }
}
