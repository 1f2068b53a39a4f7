package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.DefaultChoice;
import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {
    @Test
    void everyPrimitiveOfEveryBackendPassesAndTheDefaultsChoicesAreShown() {
        Captured run = Captured.run("providers");
        String out = run.out();
        assertThat(run.code()).as(out).isZero();
        assertThat(out).doesNotContain("FAILED");
        // A line per primitive the SPI offers, each ok on the three backends.
        for (HashAlgorithm h : HashAlgorithm.values()) {
            assertOkRow(out, h.jcaName());
            assertOkRow(out, "HMAC-" + h.jcaName());
        }
        assertOkRow(out, "PRF SHA-256");
        assertOkRow(out, "PRF SHA-384");
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            assertOkRow(out, a.name());
        }
        for (CbcAlgorithm c : CbcAlgorithm.values()) {
            assertOkRow(out, c.name());
        }
        for (NamedGroup g : NamedGroup.values()) {
            assertOkRow(out, "ECDHE " + g.name().toLowerCase(Locale.ROOT));
        }
        assertOkRow(out, "RSA premaster encryption");
        assertOkRow(out, "RSA premaster decryption");
        for (SignatureScheme s : SignatureScheme.values()) {
            assertOkRow(out, s.name().toLowerCase(Locale.ROOT) + " sign");
            assertOkRow(out, s.name().toLowerCase(Locale.ROOT) + " verify");
        }
        // Each family's heading names the default's backend and the figures behind it.
        for (DefaultChoice c : DefaultChoice.values()) {
            assertThat(out).contains(c.family() + ": the default uses " + c.backend().label() + " (" + c.measured() + ")");
        }
        int checks = 2 * HashAlgorithm.values().length + 2 + AeadAlgorithm.values().length + CbcAlgorithm.values().length
                + NamedGroup.values().length + 2 + 2 * SignatureScheme.values().length;
        assertThat(out).contains(checks + " checks on 3 backends: " + 3 * checks + " ok, 0 failed.");
        assertThat(out).contains("public suffix list " + dev.jtls.pki.PublicSuffixList.version());
    }

    private static void assertOkRow(String out, String primitive) {
        assertThat(out).as(primitive).containsPattern("(?m)^  " + java.util.regex.Pattern.quote(primitive)
                + " +ok +ok +ok *$");
    }

    @Test
    void aBackendWhoseSha256IsWrongFailsThatCheck() {
        CryptoProvider good = CryptoProviders.bouncyCastle();
        CryptoProvider broken = brokenSha256(CryptoProviders.jca());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<PrimitiveChecks.Check> sha = new PrimitiveChecks().all().stream()
                .filter(c -> c.primitive().equals("SHA-256") || c.primitive().equals("SHA-384")).toList();
        int code = ProvidersCommand.run(List.of(good, broken), sha, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isEqualTo(1);
        assertThat(out).containsPattern("(?m)^  SHA-256 +FAILED +FAILED +bc: differs from broken's result; broken: differs")
                .containsPattern("(?m)^  SHA-384 +ok +ok *$").contains("2 checks on 2 backends: 2 ok, 2 failed.");
    }

    /** {@code p}, named "broken", whose SHA-256 digests are off by one bit. */
    private static CryptoProvider brokenSha256(CryptoProvider p) {
        return (CryptoProvider) Proxy.newProxyInstance(CryptoProvider.class.getClassLoader(),
                new Class<?>[] {CryptoProvider.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name")) {
                        return "broken";
                    }
                    Object result = method.invoke(p, args);
                    if (method.getName().equals("newDigest") && args[0] == HashAlgorithm.SHA256) {
                        Digest d = (Digest) result;
                        return (Digest) Proxy.newProxyInstance(Digest.class.getClassLoader(), new Class<?>[] {Digest.class},
                                (dp, dm, dargs) -> {
                                    Object r = dm.invoke(d, dargs);
                                    if (dm.getName().equals("digest")) {
                                        ((byte[]) r)[0] ^= 1;
                                    }
                                    return r;
                                });
                    }
                    return result;
                });
    }
}
