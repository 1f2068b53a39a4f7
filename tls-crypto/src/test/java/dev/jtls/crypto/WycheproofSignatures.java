package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Runs a Wycheproof signature-verification file against every backend (test helper). */
final class WycheproofSignatures {
    private WycheproofSignatures() {
    }

    /** How an `acceptable` vector carrying a flag is decided, and why. */
    record Decision(String flag, boolean accept, String reason) {
    }

    /** Decides whether a group applies to the scheme; returns null if it does, else the reason it does not. */
    interface Applicability {
        String notApplicableBecause(JsonObject group);
    }

    /**
     * Verifies every case of the file with every backend and asserts no failure. Keys come from the
     * group's X.509 publicKeyDer through the JDK KeyFactory for keyAlgorithm.
     *
     * @return the number of cases run per backend
     */
    static int run(String file, SignatureScheme scheme, String keyAlgorithm, List<Decision> decisions,
                   Applicability applicability) throws Exception {
        List<Wycheproof.Case> cases = Wycheproof.cases(file);
        KeyFactory factory = KeyFactory.getInstance(keyAlgorithm);
        Map<JsonObject, PublicKey> keys = new IdentityHashMap<>();
        Map<JsonObject, String> notApplicable = new IdentityHashMap<>();
        for (Wycheproof.Case c : cases) {
            if (!keys.containsKey(c.group()) && !notApplicable.containsKey(c.group())) {
                String why = applicability == null ? null : applicability.notApplicableBecause(c.group());
                if (why != null) {
                    notApplicable.put(c.group(), why);
                } else {
                    byte[] der = Wycheproof.hex(c.group().get("publicKeyDer").getAsString());
                    keys.put(c.group(), factory.generatePublic(new X509EncodedKeySpec(der)));
                }
            }
        }
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (CryptoProvider provider : Backends.all()) {
            Wycheproof.Tally tally = new Wycheproof.Tally(file, provider.name());
            int skipped = 0;
            for (Wycheproof.Case c : cases) {
                if (notApplicable.containsKey(c.group())) {
                    skipped++;
                    continue;
                }
                Boolean expected = expected(c, decisions);
                if (expected == null) {
                    tally.fail(c, "acceptable vector with no decision for its flags");
                    continue;
                }
                boolean actual;
                try {
                    actual = provider.verify(scheme, keys.get(c.group()), c.hex("msg"), c.hex("sig"));
                } catch (Throwable t) {
                    tally.fail(c, "verify threw " + t);
                    continue;
                }
                if (actual == expected) {
                    tally.pass();
                } else {
                    tally.fail(c, "expected " + expected + ", got " + actual);
                }
            }
            if (skipped > 0) {
                System.out.printf("wycheproof %-44s %-8s %5d not applicable: %s%n", file, provider.name(), skipped,
                        String.join("; ", new java.util.LinkedHashSet<>(notApplicable.values())));
            }
            failures.addAll(tally.report());
            run = cases.size() - skipped;
        }
        assertThat(failures).isEmpty();
        return run;
    }

    private static Boolean expected(Wycheproof.Case c, List<Decision> decisions) {
        if (c.isValid()) {
            return true;
        }
        if (c.isInvalid()) {
            return false;
        }
        Boolean decided = null;
        for (String flag : c.flags()) {
            for (Decision d : decisions) {
                if (d.flag().equals(flag)) {
                    if (decided != null && decided != d.accept()) {
                        return null; // conflicting decisions: make it a failure to look at
                    }
                    decided = d.accept();
                }
            }
        }
        return decided;
    }
}
