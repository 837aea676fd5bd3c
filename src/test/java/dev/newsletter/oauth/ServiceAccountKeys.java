package dev.newsletter.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Makes a Google-style service account JSON key file with a fresh RSA key, for tests. */
public final class ServiceAccountKeys {
    private ServiceAccountKeys() {}

    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the key file for {@code email} with {@code keys}' private half. */
    public static Path write(Path file, KeyPair keys, String email, String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> json = new LinkedHashMap<>();
        json.put("type", "service_account");
        json.put("project_id", "newsletter-test");
        json.put("private_key_id", "0123456789abcdef");
        json.put("private_key", pem);
        json.put("client_email", email);
        json.put("client_id", "1234567890");
        json.put("token_uri", tokenUri);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, JsonMapper.builder().build().writeValueAsBytes(json));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
