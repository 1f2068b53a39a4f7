package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
    /** RFC 8410 §10.3: the example Ed25519 private key, PKCS#8 (OneAsymmetricKey v1). */
    private static final String RFC8410_KEY = "-----BEGIN PRIVATE KEY-----\n"
            + "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
            + "-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void readsTheRfc8410Ed25519Key() throws Exception {
        PrivateKey key = Pem.privateKey(write("ed.pem", RFC8410_KEY));
        assertThat(key.getAlgorithm()).isIn("Ed25519", "EdDSA");
        byte[] scalar = ((EdECPrivateKey) key).getBytes().orElseThrow();
        // RFC 8410 §10.3: the private key octets D4EE72DB F913584A D5B6D8F1 F769F8AD 3AFE7C28 CBF1D4FB E097A88F 44755842
        assertThat(scalar).isEqualTo(java.util.HexFormat.of()
                .parseHex("d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842"));
    }

    @Test
    void readsRsaAndEcPkcs8KeysWithCrlfAndSurroundingText() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        for (PrivateKey k : List.of(rsa.generateKeyPair().getPrivate(), ec.generateKeyPair().getPrivate())) {
            String text = "Bag Attributes: none\n" + Pem.encode("PRIVATE KEY", k.getEncoded()).replace("\n", "\r\n");
            // A header-like line before BEGIN is text outside the block, and fine.
            PrivateKey back = Pem.privateKey(write("k.pem", text));
            assertThat(back.getAlgorithm()).isEqualTo(k.getAlgorithm());
            assertThat(back.getEncoded()).isEqualTo(k.getEncoded());
        }
    }

    @Test
    void readsEveryCertificateOfABundleInOrder() throws Exception {
        DemoCertificates demo = DemoCertificates.create();
        String bundle = "subject=CN=localhost\n" + Pem.encode("CERTIFICATE", demo.server.leaf().getEncoded())
                + "\n# the CA\n" + Pem.encode("CERTIFICATE", demo.ca.getEncoded());
        List<X509Certificate> certs = Pem.certificates(write("chain.pem", bundle));
        assertThat(certs).containsExactly(demo.server.leaf(), demo.ca);
    }

    @Test
    void refusesWhatItCannotRead() throws Exception {
        assertThatThrownBy(() -> Pem.certificates(write("none.pem", "nothing here\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("no '-----BEGIN CERTIFICATE-----'");
        assertThatThrownBy(() -> Pem.privateKey(write("open.pem", "-----BEGIN PRIVATE KEY-----\nMC4C\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("without an END");
        assertThatThrownBy(() -> Pem.privateKey(write("mismatch.pem",
                "-----BEGIN PRIVATE KEY-----\nMC4C\n-----END CERTIFICATE-----\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("does not close");
        assertThatThrownBy(() -> Pem.privateKey(write("b64.pem",
                "-----BEGIN PRIVATE KEY-----\nM!!!C4C\n-----END PRIVATE KEY-----\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("bad base64");
        String legacy = "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(new byte[8])
                + "\n-----END EC PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Pem.privateKey(write("legacy.pem", legacy)))
                .isInstanceOf(IOException.class).hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> Pem.privateKey(write("enc.pem",
                "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END RSA PRIVATE KEY-----\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("encrypted or legacy");
        assertThatThrownBy(() -> Pem.privateKey(write("junk.pem", Pem.encode("PRIVATE KEY", new byte[] {1, 2, 3}))))
                .isInstanceOf(java.security.GeneralSecurityException.class).hasMessageContaining("not an RSA, EC or Ed25519");
    }
}
