package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof HMAC-SHA1/256/384 vectors against every backend. Groups with a tagSize shorter than
 * the hash output test truncated MACs: the computed MAC's prefix of that length is compared. A
 * valid vector must match, an invalid one must not. No file has an "acceptable" vector; one
 * appearing would fail the test until decided here.
 */
class WycheproofHmacTest {
    @Test
    void hmacSha1() {
        run("hmac_sha1_test.json.gz", HashAlgorithm.SHA1);
    }

    @Test
    void hmacSha256() {
        run("hmac_sha256_test.json.gz", HashAlgorithm.SHA256);
    }

    @Test
    void hmacSha384() {
        run("hmac_sha384_test.json.gz", HashAlgorithm.SHA384);
    }

    private static void run(String file, HashAlgorithm alg) {
        List<Wycheproof.Case> cases = Wycheproof.cases(file);
        List<String> failures = new ArrayList<>();
        for (CryptoProvider p : Backends.all()) {
            Wycheproof.Tally tally = new Wycheproof.Tally(file, p.name());
            for (Wycheproof.Case c : cases) {
                String why = check(p, alg, c);
                if (why == null) {
                    tally.pass();
                } else {
                    tally.fail(c, why);
                }
            }
            failures.addAll(tally.report());
        }
        assertThat(failures).isEmpty();
    }

    private static String check(CryptoProvider p, HashAlgorithm alg, Wycheproof.Case c) {
        try {
            if (c.isAcceptable()) {
                return "acceptable vector not decided in this test";
            }
            int tagBytes = c.group().get("tagSize").getAsInt() / 8;
            byte[] expected = c.hex("tag");
            Hmac mac = p.newHmac(alg, c.hex("key"));
            mac.update(c.hex("msg"));
            byte[] full = mac.doFinal();
            boolean matches = tagBytes <= full.length && expected.length == tagBytes
                    && ConstantTime.equals(full, 0, expected, 0, tagBytes);
            if (c.isValid() && !matches) {
                return "valid tag not reproduced";
            }
            if (c.isInvalid() && matches) {
                return "invalid tag accepted";
            }
            return null;
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }
}
