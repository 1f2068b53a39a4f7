package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.BadPaddingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Wycheproof RSAES-PKCS1-v1_5 decryption vectors (rsa_pkcs1_{2048,3072,4096}_test.json, schema
 * rsaes_pkcs1_decrypt_schema_v1), through the plain API and through the TLS premaster path.
 */
class WycheproofRsaPkcs1DecryptTest {
    private static final int TLS12 = 0x0303;

    /**
     * The "acceptable" vectors, each decided once (tcId -> expected to decrypt). These files
     * (Wycheproof v0.9) have none; a future file with one fails the test until it is decided here.
     */
    private static final Map<String, Set<Integer>> ACCEPTABLE_DECIDED = Map.of();

    @ParameterizedTest
    @ValueSource(strings = {"rsa_pkcs1_2048_test.json.gz", "rsa_pkcs1_3072_test.json.gz", "rsa_pkcs1_4096_test.json.gz"})
    void everyVectorOnEveryBackend(String file) throws Exception {
        List<Wycheproof.Case> cases = Wycheproof.cases(file);
        Map<Object, RSAPrivateCrtKey> keys = new IdentityHashMap<>();
        KeyFactory kf = KeyFactory.getInstance("RSA");
        List<String> failures = new ArrayList<>();
        for (CryptoProvider p : Backends.all()) {
            Wycheproof.Tally tally = new Wycheproof.Tally(file, p.name());
            for (Wycheproof.Case c : cases) {
                RSAPrivateCrtKey key = keys.computeIfAbsent(c.group(), g -> {
                    try {
                        byte[] der = Wycheproof.hex(c.group().get("privateKeyPkcs8").getAsString());
                        return (RSAPrivateCrtKey) kf.generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (Exception e) {
                        throw new IllegalStateException(c + ": bad key", e);
                    }
                });
                String why = check(p, key, c);
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

    /** Null if the case passes on this backend, else why not. */
    private static String check(CryptoProvider p, RSAPrivateCrtKey key, Wycheproof.Case c) {
        byte[] ct = c.hex("ct");
        byte[] msg = c.hex("msg");
        boolean expectDecrypt;
        if (c.isAcceptable()) {
            Set<Integer> decided = ACCEPTABLE_DECIDED.get(c.file());
            if (decided == null) {
                return "acceptable vector not decided in ACCEPTABLE_DECIDED";
            }
            expectDecrypt = decided.contains(c.id());
        } else {
            expectDecrypt = c.isValid();
        }

        // Plain API: RFC 8017 §7.2.2.
        try {
            byte[] out = p.rsaDecryptPkcs1(key, ct);
            if (!expectDecrypt) {
                return "plain API accepted an invalid ciphertext";
            }
            if (!Arrays.equals(out, msg)) {
                return "plain API decrypted to the wrong message";
            }
        } catch (BadPaddingException e) {
            if (expectDecrypt) {
                return "plain API rejected a valid ciphertext: " + e;
            }
            // Every rejection must look the same (Wycheproof note on InvalidPkcs1Padding).
            if (!"decryption error".equals(e.getMessage())) {
                return "distinguishable rejection message: " + e.getMessage();
            }
        } catch (Exception e) {
            return "plain API threw " + e;
        }

        // TLS premaster path (RFC 5246 §7.4.7.1): 48 bytes for every vector, never an exception.
        int version = msg.length >= 2 ? ((msg[0] & 0xff) << 8) | (msg[1] & 0xff) : TLS12;
        byte[] premaster;
        try {
            premaster = p.decryptPremaster(key, ct, version);
        } catch (RuntimeException e) {
            return "decryptPremaster threw " + e;
        }
        if (premaster.length != 48) {
            return "decryptPremaster gave " + premaster.length + " bytes";
        }
        boolean realPremaster = expectDecrypt && msg.length == 48;
        byte[] expected = realPremaster ? msg : RsaTestKeys.expectedSynthetic(key, ct, version);
        if (!Arrays.equals(premaster, expected)) {
            return realPremaster ? "decryptPremaster lost a valid premaster" : "decryptPremaster did not give the synthetic premaster";
        }
        return null;
    }
}
