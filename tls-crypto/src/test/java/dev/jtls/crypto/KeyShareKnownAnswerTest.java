package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known answers for every group and backend: RFC 7748 §5.2, §6.1, §6.2 and RFC 5903 §8.1–§8.3. */
class KeyShareKnownAnswerTest {
    private static byte[] h(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** RFC 7748 §5.2: X25519(k, u) = out; here as fromPrivateKey(k).agree(u). */
    private static void scalarMult(NamedGroup g, String k, String u, String out) throws Exception {
        for (CryptoProvider p : Backends.all()) {
            KeyShare share = p.keyShareFromPrivateKey(g, h(k));
            assertThat(share.agree(h(u))).as(p.name()).isEqualTo(h(out));
        }
    }

    /** A Diffie-Hellman example: both public keys derived, both directions give the secret. */
    private static void exchange(NamedGroup g, String a, String aPub, String b, String bPub, String secret)
            throws Exception {
        for (CryptoProvider p : Backends.all()) {
            KeyShare alice = p.keyShareFromPrivateKey(g, h(a));
            KeyShare bob = p.keyShareFromPrivateKey(g, h(b));
            assertThat(alice.group()).isEqualTo(g);
            assertThat(alice.publicKey()).as(p.name() + " alice public").isEqualTo(h(aPub));
            assertThat(bob.publicKey()).as(p.name() + " bob public").isEqualTo(h(bPub));
            assertThat(alice.agree(h(bPub))).as(p.name() + " alice").isEqualTo(h(secret));
            assertThat(bob.agree(h(aPub))).as(p.name() + " bob").isEqualTo(h(secret));
        }
    }

    @Test
    void x25519ScalarMultiplication() throws Exception {
        // RFC 7748 §5.2, first vector.
        scalarMult(NamedGroup.X25519,
                "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
        // RFC 7748 §5.2, second vector: the u-coordinate has its top bit set, which must be masked.
        scalarMult(NamedGroup.X25519,
                "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
                "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    }

    @Test
    void x25519DiffieHellman() throws Exception {
        // RFC 7748 §6.1.
        exchange(NamedGroup.X25519,
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
                "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
                "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }

    @Test
    void x448ScalarMultiplication() throws Exception {
        // RFC 7748 §5.2, X448 vectors.
        scalarMult(NamedGroup.X448,
                "3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3",
                "06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086",
                "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f");
        scalarMult(NamedGroup.X448,
                "203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f",
                "0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db",
                "884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d");
    }

    @Test
    void x448DiffieHellman() throws Exception {
        // RFC 7748 §6.2.
        exchange(NamedGroup.X448,
                "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b",
                "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0",
                "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d",
                "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609",
                "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d");
    }

    @Test
    void p256() throws Exception {
        // RFC 5903 §8.1 (256-bit random ECP group); TLS uses x(g^ir) alone (RFC 8422 §5.10).
        exchange(NamedGroup.SECP256R1,
                "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433",
                "04 DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
                        + "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3",
                "C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53",
                "04 D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
                        + "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB",
                "D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE");
    }

    @Test
    void p384() throws Exception {
        // RFC 5903 §8.2 (384-bit random ECP group).
        exchange(NamedGroup.SECP384R1,
                "099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655E35B538041E649EE3FAEF896783AB194",
                "04 667842D7D180AC2CDE6F74F37551F55755C7645C20EF73E31634FE72B4C55EE6DE3AC808ACB4BDB4C88732AEE95F41AA"
                        + "9482ED1FC0EEB9CAFC4984625CCFC23F65032149E0E144ADA024181535A0F38EEB9FCFF3C2C947DAE69B4C634573A81C",
                "41CB0779B4BDB85D47846725FBEC3C9430FAB46CC8DC5060855CC9BDA0AA2942E0308312916B8ED2960E4BD55A7448FC",
                "04 E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D0D1AC43A0336DEF96FDA41D0774A3571"
                        + "DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FFF83FA40142209DFF5EAAD96DB9E6386C",
                "11187331C279962D93D604243FD592CB9D0A926F422E47187521287E7156C5C4D603135569B9E9D09CF5D4A270F59746");
    }

    @Test
    void p521() throws Exception {
        // RFC 5903 §8.3 (521-bit random ECP group); coordinates and secret are 66 bytes.
        exchange(NamedGroup.SECP521R1,
                "0037ADE9319A89F4DABDB3EF411AACCCA5123C61ACAB57B5393DCE47608172A095AA85A30FE1C2952C6771D937BA9777"
                        + "F5957B2639BAB072462F68C27A57382D4A52",
                "04 0015417E84DBF28C0AD3C278713349DC7DF153C897A1891BD98BAB4357C9ECBEE1E3BF42E00B8E380AEAE57C2D1075"
                        + "64941885942AF5A7F4601723C4195D176CED3E"
                        + "017CAE20B6641D2EEB695786D8C946146239D099E18E1D5A514C739D7CB4A10AD8A788015AC405D7799DC75E7B7D5B"
                        + "6CF2261A6A7F1507438BF01BEB6CA3926F9582",
                "0145BA99A847AF43793FDD0E872E7CDFA16BE30FDC780F97BCCC3F078380201E9C677D600B343757A3BDBF2A3163E4C2"
                        + "F869CCA7458AA4A4EFFC311F5CB151685EB9",
                "04 00D0B3975AC4B799F5BEA16D5E13E9AF971D5E9B984C9F39728B5E5739735A219B97C356436ADC6E95BB0352F6BE64"
                        + "A6C2912D4EF2D0433CED2B6171640012D9460F"
                        + "015C68226383956E3BD066E797B623C27CE0EAC2F551A10C2C724D9852077B87220B6536C5C408A1D2AEBB8E86D678"
                        + "AE49CB57091F4732296579AB44FCD17F0FC56A",
                "01144C7D79AE6956BC8EDB8E7C787C4521CB086FA64407F97894E5E6B2D79B04D1427E73CA4BAA240A34786859810C06"
                        + "B3C715A3A8CC3151F2BEE417996D19F3DDEA");
    }

    @Test
    void generatedSharesHaveTheWireLengthAndAgree() throws Exception {
        for (CryptoProvider p : Backends.all()) {
            for (NamedGroup g : NamedGroup.values()) {
                KeyShare a = p.generateKeyShare(g);
                KeyShare b = p.generateKeyShare(g);
                assertThat(a.publicKey()).as(p.name() + " " + g).hasSize(g.publicKeyLength());
                assertThat(a.agree(b.publicKey())).as(p.name() + " " + g)
                        .hasSize(g.fieldLength())
                        .isEqualTo(b.agree(a.publicKey()));
            }
        }
    }

    @Test
    void privateScalarsOutOfRangeAreRefused() throws Exception {
        for (CryptoProvider p : Backends.all()) {
            for (NamedGroup g : new NamedGroup[] {NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1}) {
                BigInteger n = EcPointCodec.curve(g).n();
                assertThatThrownBy(() -> p.keyShareFromPrivateKey(g, new byte[g.fieldLength()]))
                        .isInstanceOf(InvalidKeyException.class);
                assertThatThrownBy(() -> p.keyShareFromPrivateKey(g, n.toByteArray()))
                        .isInstanceOf(InvalidKeyException.class);
                assertThatThrownBy(() -> p.keyShareFromPrivateKey(g, new byte[0]))
                        .isInstanceOf(InvalidKeyException.class);
                // 1 and n-1 are the edges of the range: their public keys are G and -G.
                KeyShare one = p.keyShareFromPrivateKey(g, new byte[] {1});
                KeyShare minusOne = p.keyShareFromPrivateKey(g, n.subtract(BigInteger.ONE).toByteArray());
                assertThat(one.agree(minusOne.publicKey())).isEqualTo(minusOne.agree(one.publicKey()));
                // 2 (the doubling chord case for deriving a public key on JCA) agrees with bc.
                KeyShare two = p.keyShareFromPrivateKey(g, new byte[] {2});
                assertThat(two.publicKey()).isEqualTo(
                        CryptoProviders.bouncyCastle().keyShareFromPrivateKey(g, new byte[] {2}).publicKey());
            }
            assertThatThrownBy(() -> p.keyShareFromPrivateKey(NamedGroup.X25519, new byte[31]))
                    .isInstanceOf(InvalidKeyException.class);
            assertThatThrownBy(() -> p.keyShareFromPrivateKey(NamedGroup.X448, new byte[57]))
                    .isInstanceOf(InvalidKeyException.class);
        }
    }

    @Test
    void malformedNistPointsAreRefused() throws Exception {
        for (CryptoProvider p : Backends.all()) {
            for (NamedGroup g : new NamedGroup[] {NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1}) {
                KeyShare me = p.generateKeyShare(g);
                byte[] good = p.generateKeyShare(g).publicKey();
                byte[] compressed = new byte[1 + g.fieldLength()];
                System.arraycopy(good, 0, compressed, 0, compressed.length);
                compressed[0] = (byte) (0x02 | (good[good.length - 1] & 1));
                byte[] p1 = EcPointCodec.encodePoint(g, EcPointCodec.curve(g).p(), BigInteger.ZERO);
                byte[] hybrid = good.clone();
                hybrid[0] = 0x06;
                byte[] notOnCurve = good.clone();
                notOnCurve[notOnCurve.length - 1] ^= 1;
                for (byte[] bad : new byte[][] {new byte[0], new byte[] {0}, compressed, p1, hybrid, notOnCurve,
                        java.util.Arrays.copyOf(good, good.length - 1), java.util.Arrays.copyOf(good, good.length + 1),
                        new byte[g.publicKeyLength()]}) {
                    assertThatThrownBy(() -> me.agree(bad)).as(p.name() + " " + g)
                            .isInstanceOf(InvalidKeyException.class);
                }
                assertThatThrownBy(() -> me.agree(null)).isInstanceOf(InvalidKeyException.class);
            }
        }
    }

    @Test
    void curveConstantsMatchBothBackends() throws Exception {
        for (NamedGroup g : new NamedGroup[] {NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.SECP521R1}) {
            NistCurve c = EcPointCodec.curve(g);
            String name = g.name().toLowerCase(java.util.Locale.ROOT);
            var x9 = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName(name);
            assertThat(x9.getCurve().getField().getCharacteristic()).isEqualTo(c.p());
            assertThat(x9.getCurve().getA().toBigInteger()).isEqualTo(c.a());
            assertThat(x9.getCurve().getB().toBigInteger()).isEqualTo(c.b());
            assertThat(x9.getN()).isEqualTo(c.n());
            var ap = java.security.AlgorithmParameters.getInstance("EC");
            ap.init(new java.security.spec.ECGenParameterSpec(name));
            var spec = ap.getParameterSpec(java.security.spec.ECParameterSpec.class);
            assertThat(((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP()).isEqualTo(c.p());
            assertThat(spec.getCurve().getA()).isEqualTo(c.a());
            assertThat(spec.getCurve().getB()).isEqualTo(c.b());
            assertThat(spec.getOrder()).isEqualTo(c.n());
            assertThat(c.isOnCurve(spec.getGenerator().getAffineX(), spec.getGenerator().getAffineY()))
                    .isTrue();
        }
    }
}
