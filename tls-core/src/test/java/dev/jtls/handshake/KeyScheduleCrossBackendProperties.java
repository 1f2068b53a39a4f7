package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.suite.CipherSuite;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * The bc and jca backends derive the same master secret, key block and verify_data from random
 * inputs, and the protections one builds open what the other's seal, in both directions.
 */
class KeyScheduleCrossBackendProperties {
    private static final CryptoProvider BC = CryptoProviders.bouncyCastle();
    private static final CryptoProvider JCA = CryptoProviders.jca();

    @Property(tries = 60)
    void backendsAgreeAndInteroperate(@ForAll CipherSuite suite, @ForAll @Size(min = 32, max = 66) byte[] premaster,
                                      @ForAll @Size(value = 32) byte[] clientRandom,
                                      @ForAll @Size(value = 32) byte[] serverRandom, @ForAll boolean extended,
                                      @ForAll boolean etm, @ForAll @Size(max = 2000) byte[] data) {
        byte[] hash = Arrays.copyOf(premaster, suite.prfHash().outputLength());
        MasterSecret bc = extended
                ? MasterSecret.deriveExtended(BC, suite, premaster.clone(), hash)
                : MasterSecret.deriveLegacy(BC, suite, premaster.clone(), clientRandom, serverRandom);
        MasterSecret jca = extended
                ? MasterSecret.deriveExtended(JCA, suite, premaster.clone(), hash)
                : MasterSecret.deriveLegacy(JCA, suite, premaster.clone(), clientRandom, serverRandom);
        assertThat(bc.copyForSession()).isEqualTo(jca.copyForSession());
        for (Side s : Side.values()) {
            assertThat(bc.verifyData(s, hash)).isEqualTo(jca.verifyData(s, hash));
        }
        KeyBlock bcBlock = bc.keyBlock(clientRandom, serverRandom);
        KeyBlock jcaBlock = jca.keyBlock(clientRandom, serverRandom);
        for (Side s : Side.values()) {
            assertThat(bcBlock.encryptionKey(s)).isEqualTo(jcaBlock.encryptionKey(s));
            assertThat(bcBlock.macKey(s)).isEqualTo(jcaBlock.macKey(s));
            assertThat(bcBlock.fixedIv(s)).isEqualTo(jcaBlock.fixedIv(s));
        }
        KeyBlock.Protections client = bcBlock.protections(Side.CLIENT, etm);
        KeyBlock.Protections server = jcaBlock.protections(Side.SERVER, etm);
        assertThat(OpenSslTranscriptTest.open(server.read(), 3, OpenSslTranscriptTest.seal(client.write(), 3, data)))
                .isEqualTo(data);
        byte[] back = "reply".getBytes(StandardCharsets.US_ASCII);
        assertThat(OpenSslTranscriptTest.open(client.read(), 4, OpenSslTranscriptTest.seal(server.write(), 4, back)))
                .isEqualTo(back);
    }
}
