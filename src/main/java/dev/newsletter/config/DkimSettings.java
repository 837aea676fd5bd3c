package dev.newsletter.config;

/**
 * {@code dkim:} — optional; absent means messages are not signed by the program.
 *
 * @param privateKey PKCS#8 PEM file, relative to the project folder
 * @param passphraseEnv optional: the environment variable holding the passphrase of an encrypted key
 */
public record DkimSettings(String domain, String selector, String privateKey, String passphraseEnv) {}
