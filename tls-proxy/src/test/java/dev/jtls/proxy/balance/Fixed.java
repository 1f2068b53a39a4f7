package dev.jtls.proxy.balance;

import java.util.List;

/** A candidate with a fixed weight and in-flight count. */
record Fixed(String name, double weight, int inFlight) implements Candidate {

    static Fixed of(String name, double weight) {
        return new Fixed(name, weight, 0);
    }

    /** The names of {@code n} picks in a row, concatenated. */
    static String sequence(Policy p, List<Fixed> candidates, PickKey key, int n) {
        StringBuilder seq = new StringBuilder();
        for (int i = 0; i < n; i++) {
            seq.append(p.pick(candidates, key).name());
        }
        return seq.toString();
    }
}
