package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Known answers for every signature scheme, every backend, and sign/verify crossed between backends. */
class SignatureKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 §7.1 test vectors: secret key, public key, message, signature. */
    private static final String[][] RFC8032_ED25519 = {
        { // TEST 1
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        { // TEST 2
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        { // TEST 3
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
        { // TEST 1024
            "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
            "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
            "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1"
                + "e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
                + "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a"
                + "7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
                + "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10"
                + "3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
                + "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d"
                + "502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
                + "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b"
                + "eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
                + "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b"
                + "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
                + "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d"
                + "cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
                + "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7"
                + "984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
                + "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09"
                + "43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
                + "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161"
                + "0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
                + "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca"
                + "c60c905c15fc910840b94c00a0b9d0",
            "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"},
        { // TEST SHA(abc)
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
            "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"},
    };

    @Test
    void ed25519Rfc8032Vectors() throws Exception {
        assertThat(RFC8032_ED25519[3][2]).hasSize(2 * 1023);
        for (String[] v : RFC8032_ED25519) {
            PrivateKey privateKey = SignatureTestKeys.ed25519Private(v[0]);
            PublicKey publicKey = SignatureTestKeys.ed25519Public(v[1]);
            byte[] message = HEX.parseHex(v[2]);
            byte[] signature = HEX.parseHex(v[3]);
            for (CryptoProvider p : Backends.all()) {
                // RFC 8032 §5.1.6: signing is deterministic, so the signature is a known answer too.
                assertThat(p.sign(SignatureScheme.ED25519, privateKey, message)).as(p.name()).isEqualTo(signature);
                assertThat(p.verify(SignatureScheme.ED25519, publicKey, message, signature)).as(p.name()).isTrue();
                byte[] bad = signature.clone();
                bad[5] ^= 0x10;
                assertThat(p.verify(SignatureScheme.ED25519, publicKey, message, bad)).as(p.name()).isFalse();
                assertThat(p.verify(SignatureScheme.ED25519, publicKey, append(message, (byte) 0), signature))
                        .as(p.name()).isFalse();
            }
        }
    }

    /** RFC 6979 §A.2.5 (P-256, SHA-256, "sample") and §A.2.6 (P-384, SHA-384, "sample"). */
    @Test
    void ecdsaRfc6979SampleVectors() throws Exception {
        checkRfc6979(SignatureScheme.ECDSA_SECP256R1_SHA256,
                "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721",
                "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
                "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299",
                "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716",
                "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
        checkRfc6979(SignatureScheme.ECDSA_SECP384R1_SHA384,
                "6b9d3dad2e1b8c1c05b19875b6659f4de23c3b667bf297ba9aa47740787137d896d5724e4c70a825f872c9ea60d2edf5",
                "ec3a4e415b4e19a4568618029f427fa5da9a8bc4ae92e02e06aae5286b300c64def8f0ea9055866064a254515480bc13",
                "8015d9b72d7d57244ea8ef9ac0c621896708a59367f9dfb9f54ca84b3f1c9db1288b231c3ae0d4fe7344fd2533264720",
                "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46",
                "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8");
    }

    private static void checkRfc6979(SignatureScheme scheme, String x, String ux, String uy, String r, String s)
            throws Exception {
        NistCurve curve = NistCurve.forScheme(scheme);
        KeyFactory ec = KeyFactory.getInstance("EC");
        PublicKey publicKey = ec.generatePublic(new ECPublicKeySpec(
                new ECPoint(new BigInteger(ux, 16), new BigInteger(uy, 16)), curve.spec()));
        PrivateKey privateKey = ec.generatePrivate(new ECPrivateKeySpec(new BigInteger(x, 16), curve.spec()));
        byte[] message = "sample".getBytes(StandardCharsets.US_ASCII);
        byte[] der = EcdsaSignatureDer.encode(new BigInteger(r, 16), new BigInteger(s, 16));
        for (CryptoProvider p : Backends.all()) {
            assertThat(p.verify(scheme, publicKey, message, der)).as(p.name()).isTrue();
            assertThat(p.verify(scheme, publicKey, "Sample".getBytes(StandardCharsets.US_ASCII), der))
                    .as(p.name()).isFalse();
            // The RFC's private key signs (with random k) what every backend verifies.
            byte[] mine = p.sign(scheme, privateKey, message);
            for (CryptoProvider q : Backends.all()) {
                assertThat(q.verify(scheme, publicKey, message, mine)).as(p.name() + " -> " + q.name()).isTrue();
            }
        }
    }

    /** Wycheproof testvectors_v1/rsa_signature_2048_sha256_test.json tcId 1 (valid; empty message). */
    @Test
    void rsaPkcs1Sha256Vector() throws Exception {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(HEX.parseHex(
                "30820122300d06092a864886f70d01010105000382010f003082010a0282010100a2b451a07d0aa5f96e455671513550514a8a5b"
                        + "462ebef717094fa1fee82224e637f9746d3f7cafd31878d80325b6ef5a1700f65903b469429e89d6eac8845097b5ab39"
                        + "3189db92512ed8a7711a1253facd20f79c15e8247f3d3e42e46e48c98e254a2fe9765313a03eff8f17e1a029397a1fa2"
                        + "6a8dce26f490ed81299615d9814c22da610428e09c7d9658594266f5c021d0fceca08d945a12be82de4d1ece6b4c0314"
                        + "5b5d3495d4ed5411eb878daf05fd7afc3e09ada0f1126422f590975a1969816f48698bcbba1b4d9cae79d460d8f9f85e"
                        + "7975005d9bc22c4e5ac0f7c1a45d12569a62807d3b9a02e5a530e773066f453d1f5b4c2e9cf7820283f742b9d5020301"
                        + "0001")));
        byte[] signature = HEX.parseHex(
                "840f5dac53106dd1f9c57219224cf51289290c42f20466875ba8e830ac5690e541536fcc8ab03b731f82bf66d83f194e"
                        + "7e180b3963ec7a2f3f7904a7ce49aed47da4d4b79421eaf937d301b3e696169297b797c32c076a12be4de0b58e003c51"
                        + "23051a84a10c62f8dac2f42a8640008eb3c7cccd6760ff5b51b689763922582845f048fb8150e5a7a6ca2eccc7bdc853"
                        + "49ad5b26c52137a79fa3fe5c29ab5cd7615013219c1941b6708e9c3c23feff5febaf0c8ebca5750b54e3e6e99a3e876b"
                        + "396f27860b7f3ec4e9191703c6332d944f6f69751167680c79c4f6b57f1cc8755d24b6ec158ccdbacdb23107a33cb6b3"
                        + "32516c13274d1f9dccc21dced869e486");
        for (CryptoProvider p : Backends.all()) {
            assertThat(p.verify(SignatureScheme.RSA_PKCS1_SHA256, key, new byte[0], signature)).as(p.name()).isTrue();
            assertThat(p.verify(SignatureScheme.RSA_PKCS1_SHA384, key, new byte[0], signature)).as(p.name()).isFalse();
            assertThat(p.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, key, new byte[0], signature)).as(p.name()).isFalse();
            assertThat(p.verify(SignatureScheme.RSA_PKCS1_SHA256, key, new byte[1], signature)).as(p.name()).isFalse();
        }
    }

    /** DER of the RFC 6979 §A.2.6 signature: both integers need a leading zero, and the SEQUENCE is 0x66 long. */
    @Test
    void ecdsaDerEncodingKnownAnswer() {
        byte[] der = EcdsaSignatureDer.encode(
                new BigInteger("94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46", 16),
                new BigInteger("99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8", 16));
        assertThat(HEX.formatHex(der)).isEqualTo("3066023100"
                + "94edbb92a5ecb8aad4736e56c691916b3f88140666ce9fa73d64c4ea95ad133c81a648152e44acf96e36dd1e80fabe46"
                + "023100"
                + "99ef4aeb15f178cea1fe40db2603138f130e740a19624526203b6351d0a3a94fa329c145786e679e7b82c71a38628ac8");
    }

    /** Every scheme: each backend signs, every backend verifies; a changed message fails. */
    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void roundTripAcrossBackends(SignatureScheme scheme) throws Exception {
        var pair = SignatureTestKeys.forScheme(scheme);
        byte[] message = "jtls signs the handshake".getBytes(StandardCharsets.US_ASCII);
        List<CryptoProvider> all = Backends.all();
        byte[] first = null;
        for (CryptoProvider signer : all) {
            byte[] signature = signer.sign(scheme, pair.getPrivate(), message);
            checkWireLength(scheme, pair.getPublic(), signature);
            for (CryptoProvider verifier : all) {
                String how = scheme + " " + signer.name() + " -> " + verifier.name();
                assertThat(verifier.verify(scheme, pair.getPublic(), message, signature)).as(how).isTrue();
                assertThat(verifier.verify(scheme, pair.getPublic(), append(message, (byte) 1), signature)).as(how).isFalse();
            }
            boolean deterministic = scheme.kind() == SignatureScheme.Kind.RSA_PKCS1 || scheme.kind() == SignatureScheme.Kind.EDDSA;
            if (deterministic && first != null) {
                assertThat(signature).as(scheme + " " + signer.name()).isEqualTo(first);
            }
            first = signature;
        }
    }

    private static void checkWireLength(SignatureScheme scheme, PublicKey key, byte[] signature) {
        switch (scheme.kind()) {
            case RSA_PKCS1:
            case RSA_PSS:
                assertThat(signature).hasSize(256); // k octets for a 2048-bit modulus
                break;
            case EDDSA:
                assertThat(signature).hasSize(64);
                break;
            case ECDSA:
                assertThat(EcdsaSignatureDer.decode(signature, NistCurve.forScheme(scheme).n())).isNotNull();
                break;
            default:
                throw new AssertionError(scheme);
        }
    }

    static byte[] append(byte[] a, byte b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
