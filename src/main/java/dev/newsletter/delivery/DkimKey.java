package dev.newsletter.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A DKIM private key: RSA (rsa-sha256, RFC 6376) or Ed25519 (ed25519-sha256, RFC 8463), read from a
 * PKCS#8 PEM file ({@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with a
 * passphrase). Keys are read with the JDK; Ed25519 signs through BouncyCastle's lightweight API
 * (no security provider is registered), which gives the JDK's signature sixteen times faster.
 */
public final class DkimKey {
    /** RSA keys shorter than this are refused; RFC 8301 says verifiers must not accept less than 1024. */
    public static final int MIN_RSA_BITS = 1024;

    private final PrivateKey privateKey;
    private final DkimAlgorithm algorithm;

    /** The Ed25519 key as BouncyCastle signs with it; null for RSA. */
    private final Ed25519PrivateKeyParameters ed25519;

    private DkimKey(PrivateKey privateKey, DkimAlgorithm algorithm) {
        this.privateKey = privateKey;
        this.ed25519 = privateKey instanceof EdECPrivateKey edec
                ? edec.getBytes()
                        .map(seed -> new Ed25519PrivateKeyParameters(seed, 0))
                        .orElse(null)
                : null;
        this.algorithm = algorithm;
    }

    /** The two DKIM signing algorithms we support. */
    public enum DkimAlgorithm {
        RSA_SHA256("rsa-sha256", "rsa", "RSA"),
        ED25519_SHA256("ed25519-sha256", "ed25519", "Ed25519");

        private final String tag;
        private final String keyType;
        private final String jdkName;

        DkimAlgorithm(String tag, String keyType, String jdkName) {
            this.tag = tag;
            this.keyType = keyType;
            this.jdkName = jdkName;
        }

        /** The {@code a=} tag value. */
        public String tag() {
            return tag;
        }

        /** The {@code k=} tag value of the DNS record. */
        public String keyType() {
            return keyType;
        }
    }

    /**
     * Reads a key file.
     *
     * @param passphrase for an encrypted key; empty for a plain one
     * @throws DkimKeyException saying what is wrong with the file, in words for the user
     */
    public static DkimKey read(Path file, Optional<char[]> passphrase) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DkimKeyException("no such file (make a key with ./newsletter dkim keygen --selector S)");
        } catch (IOException e) {
            throw new DkimKeyException("cannot read the DKIM key: " + e.getMessage());
        }
        return parse(pem, passphrase);
    }

    /** Parses PEM text; see {@link #read}. */
    public static DkimKey parse(String pem, Optional<char[]> passphrase) {
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
            throw new DkimKeyException("the DKIM key is in the old PKCS#1 format; convert it to PKCS#8 with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in OLD.pem -out NEW.pem'");
        }
        if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
            if (passphrase.isEmpty()) {
                throw new DkimKeyException("the DKIM key is encrypted: set dkim.passphraseEnv to the name of an "
                        + "environment variable holding its passphrase");
            }
            return fromPkcs8(decrypt(pemBody(pem, "ENCRYPTED PRIVATE KEY"), passphrase.get()));
        }
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new DkimKeyException("the DKIM key file holds no '-----BEGIN PRIVATE KEY-----' block (PKCS#8 PEM)");
        }
        return fromPkcs8(pemBody(pem, "PRIVATE KEY"));
    }

    /** Makes a new key: RSA of {@code rsaBits} bits, or Ed25519. */
    public static KeyPair generate(DkimAlgorithm algorithm, int rsaBits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jdkName);
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                if (rsaBits < 2048) {
                    throw new IllegalArgumentException("use at least 2048 bits for a new RSA key");
                }
                generator.initialize(rsaBits, new SecureRandom());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm.jdkName + " key", e);
        }
    }

    /** The PKCS#8 PEM text of a private key, as {@link #read} reads it. */
    public static String pem(PrivateKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
    }

    private static byte[] pemBody(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new DkimKeyException("the DKIM key file has no complete " + label + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new DkimKeyException("the DKIM key file is not valid PEM: " + e.getMessage());
        }
    }

    private static byte[] decrypt(byte[] der, char[] passphrase) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // For PBES2 (what openssl writes) the JDK names the concrete scheme in the parameters.
            String scheme = info.getAlgParameters() == null
                    ? info.getAlgName()
                    : info.getAlgParameters().toString();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(scheme);
            PBEKeySpec spec = new PBEKeySpec(passphrase);
            try {
                Cipher cipher = Cipher.getInstance(scheme);
                cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(spec), info.getAlgParameters());
                return info.getKeySpec(cipher).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new DkimKeyException("cannot decrypt the DKIM key (wrong passphrase, or an encryption the JDK "
                    + "does not support; re-encrypt with 'openssl pkcs8 -topk8 -v2 aes-256-cbc'): " + e.getMessage());
        }
    }

    private static DkimKey fromPkcs8(byte[] der) {
        try {
            return fromPkcs8Unwiped(der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static DkimKey fromPkcs8Unwiped(byte[] der) {
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            try {
                PrivateKey key =
                        KeyFactory.getInstance(algorithm.jdkName).generatePrivate(new PKCS8EncodedKeySpec(der));
                if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                    throw new DkimKeyException(
                            "the DKIM key has " + rsa.getModulus().bitLength()
                                    + " bits; receivers ignore RSA keys under 1024 bits (use 2048)");
                }
                return new DkimKey(key, algorithm);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new DkimKeyException("the DKIM key is neither an RSA nor an Ed25519 PKCS#8 private key");
    }

    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /** RSA modulus size in bits; 256 for Ed25519. */
    public int bits() {
        return privateKey instanceof RSAKey rsa ? rsa.getModulus().bitLength() : 256;
    }

    /** The public half, where the JDK can derive it (RSA); Ed25519 keys cannot be derived without the pair. */
    public Optional<PublicKey> publicKey() {
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            try {
                return Optional.of(KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot derive the RSA public key", e);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code publicKey} (e.g. from the DNS record) belongs to this private key: a signature made with one verifies with the other. */
    public boolean matches(PublicKey publicKey) {
        byte[] probe = "newsletter DKIM key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature verifier =
                    Signature.getInstance(algorithm == DkimAlgorithm.RSA_SHA256 ? "SHA256withRSA" : "Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(algorithm == DkimAlgorithm.RSA_SHA256 ? probe : sha256(probe));
            return verifier.verify(sign(probe));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Signs as the DKIM algorithm says: RSA over the data with SHA-256; Ed25519 over the SHA-256 hash of the data (RFC 8463). */
    byte[] sign(byte[] data) {
        try {
            if (algorithm == DkimAlgorithm.RSA_SHA256) {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(privateKey);
                signature.update(data);
                return signature.sign();
            }
            byte[] hash = sha256(data);
            if (ed25519 != null) {
                // the same signature as the JDK's (Ed25519 is deterministic), in a sixteenth of the time
                Ed25519Signer signer = new Ed25519Signer();
                signer.init(true, ed25519);
                signer.update(hash, 0, hash.length);
                return signer.generateSignature();
            }
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(hash);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the DKIM key", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A key file that cannot be used; the message says why. */
    public static final class DkimKeyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DkimKeyException(String message) {
            super(message);
        }
    }
}
