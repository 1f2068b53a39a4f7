package dev.jtls.crypto;

import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs Wycheproof key-agreement vectors against every backend with one decision per acceptable flag. */
final class KeyShareVectors {
    /** Turns a vector's public-key field into our wire encoding, or null if the test's own parse rejects it. */
    interface PeerKeyParser {
        byte[] parse(Wycheproof.Case c);
    }

    private KeyShareVectors() {
    }

    /**
     * Runs a file; returns every failure over all backends. {@code acceptable} maps each flag an
     * {@code acceptable} vector may carry to whether jtls accepts it; any rejecting flag wins.
     */
    static List<String> run(String file, NamedGroup group, Map<String, Boolean> acceptable, PeerKeyParser parser) {
        List<Wycheproof.Case> cases = Wycheproof.cases(file);
        List<String> failures = new java.util.ArrayList<>();
        for (CryptoProvider p : Backends.all()) {
            Wycheproof.Tally tally = new Wycheproof.Tally(file, p.name());
            for (Wycheproof.Case c : cases) {
                Boolean expectAccept = expected(c, acceptable);
                if (expectAccept == null) {
                    tally.fail(c, "acceptable with a flag no decision covers");
                    continue;
                }
                String outcome = runOne(p, group, c, parser, expectAccept);
                if (outcome == null) {
                    tally.pass();
                } else {
                    tally.fail(c, outcome);
                }
            }
            failures.addAll(tally.report());
        }
        return failures;
    }

    private static Boolean expected(Wycheproof.Case c, Map<String, Boolean> acceptable) {
        if (c.isValid()) {
            return true;
        }
        if (c.isInvalid()) {
            return false;
        }
        boolean accept = true;
        for (String flag : c.flags()) {
            Boolean d = acceptable.get(flag);
            if (d == null) {
                return null;
            }
            accept &= d;
        }
        return accept;
    }

    /** Null if the outcome is the expected one, else why not. */
    private static String runOne(CryptoProvider p, NamedGroup group, Wycheproof.Case c, PeerKeyParser parser,
            boolean expectAccept) {
        byte[] secret;
        try {
            KeyShare mine = p.keyShareFromPrivateKey(group, c.hex("private"));
            byte[] peer = parser.parse(c);
            if (peer == null) {
                return expectAccept ? "rejected by the test's public-key parse" : null;
            }
            secret = mine.agree(peer);
        } catch (InvalidKeyException e) {
            return expectAccept ? "rejected: " + e.getMessage() : null;
        } catch (RuntimeException e) {
            return "unexpected " + e;
        }
        if (!expectAccept) {
            return "accepted";
        }
        return Arrays.equals(secret, c.hex("shared")) ? null : "wrong shared secret";
    }
}
