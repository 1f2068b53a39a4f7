package dev.jtls.proxy.balance;

/** A candidate with a fixed weight and in-flight count. */
record Fixed(String name, double weight, int inFlight) implements Candidate {

    static Fixed of(String name, double weight) {
        return new Fixed(name, weight, 0);
    }
}
