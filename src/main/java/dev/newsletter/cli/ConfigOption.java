package dev.newsletter.cli;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option every command takes. */
public final class ConfigOption {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "config/newsletter.yaml",
            description =
                    "Config file (default: ${DEFAULT-VALUE}). Paths in it are relative to the folder holding config/.")
    Path file;

    public Config load() {
        if (!Files.exists(file)) {
            throw InvalidInputException.of(Problem.inFile(
                    file.toAbsolutePath().normalize(),
                    "no such file; run the command from the project folder (the one that holds config/),"
                            + " or pass --config path/to/newsletter.yaml"));
        }
        return ConfigLoader.load(file);
    }
}
