package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.delivery.DkimKey.DkimAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.junit.jupiter.api.Test;

class DkimKeyTest {
    private static final KeyPair RSA = DkimKey.generate(DkimAlgorithm.RSA_SHA256, 2048);
    private static final KeyPair ED25519 = DkimKey.generate(DkimAlgorithm.ED25519_SHA256, 0);

    @Test
    void readsThePkcs8PemItWrites() {
        DkimKey rsa = DkimKey.parse(DkimKey.pem(RSA.getPrivate()), Optional.empty());
        DkimKey ed = DkimKey.parse(DkimKey.pem(ED25519.getPrivate()), Optional.empty());

        assertThat(rsa.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(rsa.bits()).isEqualTo(2048);
        assertThat(rsa.publicKey()).contains(RSA.getPublic());
        assertThat(ed.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
    }

    /** Ed25519 is deterministic: BouncyCastle's signature must be the JDK's, byte for byte. */
    @Test
    void ed25519SignaturesAreTheJdksOwn() throws Exception {
        KeyPair pair = DkimKey.generate(DkimAlgorithm.ED25519_SHA256, 0);
        DkimKey key = DkimKey.parse(DkimKey.pem(pair.getPrivate()), Optional.empty());
        for (String text : new String[] {"", "From: a\r\n", "x".repeat(5000)}) {
            byte[] data = text.getBytes(StandardCharsets.US_ASCII);
            java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
            jdk.initSign(pair.getPrivate());
            jdk.update(java.security.MessageDigest.getInstance("SHA-256").digest(data));

            assertThat(key.sign(data)).isEqualTo(jdk.sign());
        }
        assertThat(key.matches(pair.getPublic())).isTrue();
    }

    @Test
    void aKeyMatchesItsOwnPublicHalfAndNoOther() {
        DkimKey rsa = DkimKey.parse(DkimKey.pem(RSA.getPrivate()), Optional.empty());
        DkimKey ed = DkimKey.parse(DkimKey.pem(ED25519.getPrivate()), Optional.empty());

        assertThat(rsa.matches(RSA.getPublic())).isTrue();
        assertThat(rsa.matches(DkimKey.generate(DkimAlgorithm.RSA_SHA256, 2048).getPublic()))
                .isFalse();
        assertThat(rsa.matches(ED25519.getPublic())).isFalse();
        assertThat(ed.matches(ED25519.getPublic())).isTrue();
        assertThat(ed.matches(DkimKey.generate(DkimAlgorithm.ED25519_SHA256, 0).getPublic()))
                .isFalse();
    }

    @Test
    void readsAnEncryptedKeyWithItsPassphrase() throws Exception {
        String pem = encryptedPem(RSA.getPrivate().getEncoded(), "correct horse battery staple");

        DkimKey key = DkimKey.parse(pem, Optional.of("correct horse battery staple".toCharArray()));

        assertThat(key.matches(RSA.getPublic())).isTrue();
    }

    @Test
    void anEncryptedKeyWithoutOrWithAWrongPassphraseIsRefusedWithAHint() throws Exception {
        String pem = encryptedPem(RSA.getPrivate().getEncoded(), "correct horse battery staple");

        assertThatThrownBy(() -> DkimKey.parse(pem, Optional.empty())).hasMessageContaining("dkim.passphraseEnv");
        assertThatThrownBy(() -> DkimKey.parse(pem, Optional.of("wrong".toCharArray())))
                .hasMessageContaining("cannot decrypt");
    }

    @Test
    void oldPkcs1KeysAreRefusedWithTheConversionCommand() {
        String pkcs1 = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----\n";

        assertThatThrownBy(() -> DkimKey.parse(pkcs1, Optional.empty())).hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void shortRsaKeysAndJunkAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        String weak = DkimKey.pem(generator.generateKeyPair().getPrivate());

        assertThatThrownBy(() -> DkimKey.parse(weak, Optional.empty())).hasMessageContaining("512 bits");
        assertThatThrownBy(() -> DkimKey.parse("hello", Optional.empty())).hasMessageContaining("BEGIN PRIVATE KEY");
        assertThatThrownBy(() -> DkimKey.parse(
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", Optional.empty()))
                .hasMessageContaining("neither an RSA nor an Ed25519");
        assertThatThrownBy(() -> DkimKey.generate(DkimAlgorithm.RSA_SHA256, 1024))
                .hasMessageContaining("2048");
    }

    @Test
    void theDnsRecordRoundTripsForBothKeyTypes() {
        DkimRecord rsa = new DkimRecord(DkimAlgorithm.RSA_SHA256, RSA.getPublic());
        DkimRecord ed = new DkimRecord(DkimAlgorithm.ED25519_SHA256, ED25519.getPublic());

        assertThat(rsa.text()).startsWith("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
        assertThat(DkimRecord.parse(rsa.text())).isEqualTo(rsa);
        assertThat(ed.text()).startsWith("v=DKIM1; k=ed25519; p=").hasSize("v=DKIM1; k=ed25519; p=".length() + 44);
        assertThat(DkimRecord.parse(ed.text())).isEqualTo(ed);
        assertThat(DkimRecord.parse(rsa.zoneText().replace("\" \"", "").replace("\"", "")))
                .isEqualTo(rsa);
        assertThat(rsa.zoneText().split("\" \""))
                .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(256));
        assertThat(DkimRecord.name("packet", "pdl.example.org")).isEqualTo("packet._domainkey.pdl.example.org");
    }

    @Test
    void badRecordsSayWhatIsWrong() {
        assertThatThrownBy(() -> DkimRecord.parse("v=DKIM1; k=rsa; p=")).hasMessageContaining("revoked");
        assertThatThrownBy(() -> DkimRecord.parse("v=DKIM1; k=rsa")).hasMessageContaining("no p=");
        assertThatThrownBy(() -> DkimRecord.parse("v=DKIM1; k=rsa; p=bm90IGEga2V5"))
                .hasMessageContaining("not a valid rsa");
        assertThatThrownBy(() -> DkimRecord.parse("v=spf1 -all; p=x")).hasMessageContaining("DKIM1");
    }

    /** An encrypted PKCS#8 PEM as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). */
    private static String encryptedPem(byte[] pkcs8, String passphrase) throws Exception {
        String scheme = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(salt);
        new SecureRandom().nextBytes(iv);
        PBEParameterSpec spec = new PBEParameterSpec(salt, 10_000, new IvParameterSpec(iv));
        Cipher cipher = Cipher.getInstance(scheme);
        cipher.init(
                Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(scheme).generateSecret(new PBEKeySpec(passphrase.toCharArray())),
                spec);
        AlgorithmParameters parameters = AlgorithmParameters.getInstance(scheme);
        parameters.init(spec);
        // EncryptedPrivateKeyInfo's own constructor cannot name PBES2 on Java 17: write the DER by hand.
        byte[] pbes2 = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x05, 0x0d};
        byte[] algorithm = der(0x30, concat(pbes2, parameters.getEncoded()));
        byte[] der = der(0x30, concat(algorithm, der(0x04, cipher.doFinal(pkcs8))));
        new EncryptedPrivateKeyInfo(der); // well-formed
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    }

    private static byte[] der(int tag, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
