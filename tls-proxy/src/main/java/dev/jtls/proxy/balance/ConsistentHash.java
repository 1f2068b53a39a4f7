package dev.jtls.proxy.balance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consistent hashing of the request's key by weighted rendezvous hashing (highest random weight,
 * Thaler and Ravishankar; the weighted form of Schindelhauer and Schomaker): every candidate scores
 * {@code weight / -ln(u)} with {@code u} a uniform value in (0, 1) drawn from the hash of (key, name),
 * and the highest score wins.
 *
 * <p>Chosen over a ring with virtual nodes and over Maglev because it keeps the two properties exactly:
 * when a back end leaves, only the keys it held move (0% of the others' keys; Maglev moves a few), and
 * they spread over the rest in proportion to weight; its balance needs no virtual-node count to tune
 * (each key is an independent draw). It needs no table, so a weight that changes every millisecond
 * (slow start) costs nothing: keys move to a returning back end gradually as its weight ramps. The cost
 * is a scan of the eligible list per pick, one multiply-xorshift hash and one logarithm per candidate.
 *
 * <p>Deterministic across processes: the score depends only on the key's 64-bit {@link StableHash},
 * the back end's name (hashed the same way) and its weight; no seed, no iteration order (ties go to the
 * smaller name). Without a key ({@link PickKey#NONE}) it falls back to round robin.
 */
public final class ConsistentHash implements Policy {

    private final RoundRobin noKey = new RoundRobin();
    private final Map<String, Long> nameHashes = new ConcurrentHashMap<>();

    @Override
    public Candidate pick(List<? extends Candidate> eligible, PickKey key) {
        if (key.isNone()) {
            return noKey.pick(eligible, key);
        }
        Candidate best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Candidate c : eligible) {
            double score = score(key.hash(), nameHash(c.name()), c.weight());
            if (best == null || score > bestScore || (score == bestScore && c.name().compareTo(best.name()) < 0)) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /** The rendezvous score of one (key, back end) pair: larger wins. */
    static double score(long keyHash, long nameHash, double weight) {
        long h = StableHash.mix(keyHash ^ StableHash.mix(nameHash + 0x9e3779b97f4a7c15L));
        // 53 random bits to a double strictly inside (0, 1): never 0 (ln → -∞) and never 1 (ln → 0).
        double u = ((h >>> 11) + 0.5) * 0x1.0p-53;
        return weight / -Math.log(u);
    }

    private long nameHash(String name) {
        Long h = nameHashes.get(name);
        if (h == null) {
            if (nameHashes.size() > 4096) {
                nameHashes.clear(); // bound the cache under add/remove churn
            }
            h = StableHash.of(name);
            nameHashes.put(name, h);
        }
        return h;
    }
}
