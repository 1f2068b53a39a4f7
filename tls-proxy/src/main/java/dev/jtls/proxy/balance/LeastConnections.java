package dev.jtls.proxy.balance;

import java.util.ArrayList;
import java.util.List;

/**
 * Weighted least connections: the candidate with the fewest in-flight requests relative to its weight
 * ({@code inFlight / weight}) wins. Ties (common: an idle pool has 0 everywhere) go to smooth weighted
 * round robin among the tied candidates, as nginx's {@code least_conn} does, so an idle pool still
 * spreads by weight rather than always starting with the first back end.
 */
public final class LeastConnections implements Policy {

    private final SmoothWeightedRoundRobin tieBreak = new SmoothWeightedRoundRobin();

    @Override
    public Candidate pick(List<? extends Candidate> eligible, PickKey key) {
        List<Candidate> best = new ArrayList<>(eligible.size());
        // Snapshot each candidate once: in-flight counts move under our feet from other event loops.
        int bestInFlight = 0;
        double bestWeight = 1;
        for (Candidate c : eligible) {
            int inFlight = c.inFlight();
            double weight = c.weight();
            if (best.isEmpty()) {
                best.add(c);
                bestInFlight = inFlight;
                bestWeight = weight;
                continue;
            }
            // inFlight/weight < bestInFlight/bestWeight, without the division's rounding.
            int cmp = Double.compare(inFlight * bestWeight, bestInFlight * weight);
            if (cmp < 0) {
                best.clear();
                best.add(c);
                bestInFlight = inFlight;
                bestWeight = weight;
            } else if (cmp == 0) {
                best.add(c);
            }
        }
        return best.size() == 1 ? best.get(0) : tieBreak.pick(best, key);
    }
}
