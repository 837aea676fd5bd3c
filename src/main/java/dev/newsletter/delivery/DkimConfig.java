package dev.newsletter.delivery;

import dev.newsletter.config.Config;
import dev.newsletter.config.DkimSettings;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the {@code dkim:} config into a signer: reads the key file (relative to the project folder)
 * and, for an encrypted key, the passphrase from the environment variable {@code dkim.passphraseEnv}
 * names. Every problem is an {@link InvalidInputException} naming the config or key file, raised
 * before anything is sent.
 */
public final class DkimConfig {
    private DkimConfig() {}

    /** The signer the config asks for; empty when there is no {@code dkim:} section. */
    public static Optional<DkimSigner> signer(Config config, Map<String, String> env) {
        if (config.dkim().isEmpty()) {
            return Optional.empty();
        }
        DkimSettings dkim = config.dkim().get();
        Path keyFile = config.resolve(Path.of(dkim.privateKey()));
        Optional<char[]> passphrase = Optional.empty();
        if (dkim.passphraseEnv() != null && !dkim.passphraseEnv().isEmpty()) {
            String value = env.getOrDefault(dkim.passphraseEnv(), "");
            if (value.isEmpty()) {
                throw InvalidInputException.of(Problem.inFile(
                        config.file(), "dkim.passphraseEnv names " + dkim.passphraseEnv() + ", which is not set"));
            }
            passphrase = Optional.of(value.toCharArray());
        }
        try {
            return Optional.of(new DkimSigner(DkimKey.read(keyFile, passphrase), dkim.domain(), dkim.selector()));
        } catch (DkimKey.DkimKeyException e) {
            throw InvalidInputException.of(Problem.inFile(keyFile, e.getMessage()));
        }
    }
}
