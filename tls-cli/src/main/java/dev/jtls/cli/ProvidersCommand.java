package dev.jtls.cli;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code jtls providers}: a self-check of each crypto backend. Every primitive family runs once
 * per backend and the backends' results are checked against each other, so a broken backend
 * shows up here before it shows up in a handshake.
 */
@Command(name = "providers", mixinStandardHelpOptions = true,
        description = "Self-check the crypto backends (bc, jca, default) against each other.")
final class ProvidersCommand implements Callable<Integer> {
    private static final byte[] MESSAGE = "jtls self-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Override
    public Integer call() {
        List<CryptoProvider> providers = List.of(
                CryptoProviders.bouncyCastle(), CryptoProviders.jca(), CryptoProviders.defaults());
        int failures = 0;
        byte[] referenceHash = null;
        for (CryptoProvider p : providers) {
            System.out.printf("%-8s", p.name());
            try {
                byte[] hash = p.prf(HashAlgorithm.SHA256, MESSAGE, "self check", MESSAGE, 48);
                if (referenceHash == null) {
                    referenceHash = hash;
                } else if (!Arrays.equals(referenceHash, hash)) {
                    throw new GeneralSecurityException("PRF output differs from the first backend's");
                }
                System.out.print(" prf ok");
                checkAead(p);
                System.out.print("  aes-gcm ok");
                for (NamedGroup g : NamedGroup.values()) {
                    KeyShare a = p.generateKeyShare(g);
                    KeyShare b = p.generateKeyShare(g);
                    if (!Arrays.equals(a.agree(b.publicKey()), b.agree(a.publicKey()))) {
                        throw new GeneralSecurityException(g + " agreement differs between the two sides");
                    }
                }
                System.out.println("  ecdhe ok");
            } catch (GeneralSecurityException | RuntimeException e) {
                failures++;
                System.out.println("  FAILED: " + e);
            }
        }
        System.out.println("public suffix list " + dev.jtls.pki.PublicSuffixList.version());
        return failures == 0 ? 0 : 1;
    }

    private static void checkAead(CryptoProvider p) throws GeneralSecurityException {
        byte[] key = new byte[16];
        p.random().nextBytes(key);
        byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        ByteBuffer buf = ByteBuffer.allocate(MESSAGE.length + AeadAlgorithm.TAG_LENGTH);
        buf.put(MESSAGE).flip();
        p.newAead(AeadAlgorithm.AES_128_GCM, key).seal(nonce, MESSAGE, buf);
        if (!p.newAead(AeadAlgorithm.AES_128_GCM, key).open(nonce, MESSAGE, buf)) {
            throw new GeneralSecurityException("AES-128-GCM did not open its own output");
        }
        byte[] back = new byte[buf.remaining()];
        buf.get(back);
        if (!Arrays.equals(back, MESSAGE)) {
            throw new GeneralSecurityException("AES-128-GCM round trip changed the data");
        }
    }
}
