package dev.jtls.bench;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.SignatureScheme;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The public-key floor of each {@link HandshakeBench} row: every public-key operation both ends of
 * that handshake must do, one after the other, through jtls's default crypto provider (the faster
 * backend per primitive), with the same {@link Pki} keys. The Results formatter puts each row's
 * handshake cost in µs next to this.
 *
 * <ul>
 *   <li>ECDHE rows: client and server each generate a key share and agree on the peer's (2 keygen +
 *       2 agree, with the point validation); the server signs a ServerKeyExchange-sized message
 *       with the row's scheme and the client verifies it; the client verifies the leaf
 *       certificate's signature by its CA (RSA leaf: sha256WithRSA by an RSA-2048 CA; ECDSA
 *       leaf: ecdsa-with-SHA256 by a P-256 CA).</li>
 *   <li>RSA key exchange: the client encrypts a premaster under the leaf's RSA key, the server
 *       decrypts it (implicit rejection), the client verifies the leaf certificate (RSA CA).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class FloorBench {
    @Param({"ECDHE_RSA_P256", "ECDHE_RSA_X25519", "ECDHE_ECDSA_P256", "RSA"})
    public String row;

    private Row r;
    private CryptoProvider provider;
    private byte[] serverKeyExchange;
    private byte[] premaster;
    private byte[] tbs;
    private byte[] certSignature;
    private PublicKey caKey;
    private SignatureScheme caScheme;
    private Pki.Issued leaf;

    @Setup
    public void setup() throws GeneralSecurityException {
        r = Row.valueOf(row);
        provider = CryptoProviders.defaults();
        serverKeyExchange = new byte[133];
        new Random(1).nextBytes(serverKeyExchange);
        premaster = new byte[48];
        new Random(2).nextBytes(premaster);
        premaster[0] = 3;
        premaster[1] = 3;
        leaf = r.scheme == SignatureScheme.ECDSA_SECP256R1_SHA256 ? Pki.EC_LEAF : Pki.RSA_LEAF;
        X509Certificate cert = leaf.certificate();
        tbs = cert.getTBSCertificate();
        certSignature = cert.getSignature();
        caKey = (leaf == Pki.EC_LEAF ? Pki.CA : Pki.RSA_CA).certificate().getPublicKey();
        caScheme = leaf == Pki.EC_LEAF ? SignatureScheme.ECDSA_SECP256R1_SHA256 : SignatureScheme.RSA_PKCS1_SHA256;
        publicKeyOps();
    }

    @Benchmark
    public int publicKeyOps() throws GeneralSecurityException {
        PublicKey leafKey = leaf.certificate().getPublicKey();
        int acc = 0;
        if (r.group != null) {
            KeyShare client = provider.generateKeyShare(r.group);
            KeyShare server = provider.generateKeyShare(r.group);
            byte[] clientPublic = client.publicKey();
            byte[] serverPublic = server.publicKey();
            acc += server.agree(clientPublic)[0] + client.agree(serverPublic)[0];
            byte[] signature = provider.sign(r.scheme, leaf.privateKey(), serverKeyExchange);
            if (!provider.verify(r.scheme, leafKey, serverKeyExchange, signature)) {
                throw new IllegalStateException("ServerKeyExchange signature does not verify");
            }
        } else {
            byte[] encrypted = provider.rsaEncryptPkcs1(leafKey, premaster);
            acc += provider.decryptPremaster(leaf.privateKey(), encrypted, 0x0303)[47];
        }
        if (!provider.verify(caScheme, caKey, tbs, certSignature)) {
            throw new IllegalStateException("certificate signature does not verify");
        }
        return acc;
    }
}
