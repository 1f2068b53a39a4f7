package dev.jtls.proxy.balance;

/** The balancing policies a pool can name in its configuration ({@code policy: <configName>}). */
public enum PolicyKind {
    ROUND_ROBIN("round_robin"),
    /** Smooth weighted round robin, as nginx does it: no bursts to the heaviest back end. */
    WEIGHTED_ROUND_ROBIN("weighted_round_robin"),
    /** Least in-flight requests relative to weight; ties broken fairly. */
    LEAST_CONNECTIONS("least_connections"),
    /** Consistent hashing of the client address (or configured key): removing 1 of N remaps ~1/N. */
    IP_HASH("ip_hash"),
    /** Power of two choices: two random candidates, the less loaded relative to weight wins. */
    POWER_OF_TWO("power_of_two");

    private final String configName;

    PolicyKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }
}
