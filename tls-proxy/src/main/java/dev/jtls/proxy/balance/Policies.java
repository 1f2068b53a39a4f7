package dev.jtls.proxy.balance;

/** The policy for each {@link PolicyKind}: a new, independent instance per pool. */
public final class Policies {

    private Policies() {}

    public static Policy of(PolicyKind kind) {
        switch (kind) {
            case ROUND_ROBIN: return new RoundRobin();
            case WEIGHTED_ROUND_ROBIN: return new SmoothWeightedRoundRobin();
            case LEAST_CONNECTIONS: return new LeastConnections();
            case IP_HASH: return new ConsistentHash();
            case POWER_OF_TWO: return new PowerOfTwoChoices();
            default: throw new IllegalArgumentException("unknown policy " + kind);
        }
    }
}
