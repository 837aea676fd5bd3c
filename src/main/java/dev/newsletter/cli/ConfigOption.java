package dev.newsletter.cli;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
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
        return ConfigLoader.load(file);
    }
}
