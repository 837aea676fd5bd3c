package dev.newsletter.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Google service account's JSON key file: who it is ({@code client_email}), its RSA private key
 * (PKCS#8 PEM in {@code private_key}), the key's id and the token endpoint. {@link #toString()}
 * never shows the key.
 */
record ServiceAccountKey(String clientEmail, PrivateKey privateKey, String keyId, String tokenUri) {

    /**
     * Reads the key file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it (never its content)
     */
    static ServiceAccountKey read(Path file) {
        JsonNode json;
        try {
            json = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the service account key: " + e.getMessage());
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": not a service account JSON key (not valid JSON)");
        }
        String email = text(json, "client_email");
        String pem = text(json, "private_key");
        if (email.isEmpty() || pem.isEmpty()) {
            throw new IllegalArgumentException(file
                    + ": not a service account JSON key (client_email and private_key are required; download a"
                    + " JSON key for the service account in the Google Cloud console)");
        }
        return new ServiceAccountKey(
                email, privateKey(file, pem), text(json, "private_key_id"), text(json, "token_uri"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || !node.isString() ? "" : node.asString().strip();
    }

    private static PrivateKey privateKey(Path file, String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s+", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": private_key is not an RSA private key in PKCS#8 PEM form");
        }
    }

    @Override
    public String toString() {
        return "service account " + clientEmail + " (key " + keyId + ")";
    }
}
