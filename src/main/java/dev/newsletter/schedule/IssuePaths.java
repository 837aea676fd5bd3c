package dev.newsletter.schedule;

import dev.newsletter.config.Config;
import java.nio.file.Path;

/**
 * How a schedule names its issue file: relative to the project folder when the file is inside it
 * (so clustered daemons that mount the shared folder at different paths agree), absolute otherwise,
 * always with forward slashes.
 */
public final class IssuePaths {
    private IssuePaths() {}

    /** An issue path written in the config: relative paths are relative to the project folder. */
    public static String fromConfig(Config config, String issue) {
        return stored(config, config.resolve(Path.of(issue)));
    }

    /** An issue path given on the command line: relative paths are relative to the working folder. */
    public static String fromCommandLine(Config config, Path issue) {
        return stored(config, issue.toAbsolutePath());
    }

    /** The file a stored issue path names. */
    public static Path resolve(Config config, String stored) {
        return config.resolve(Path.of(stored)).normalize();
    }

    private static String stored(Config config, Path absolute) {
        Path normalized = absolute.normalize();
        Path project = config.projectDir().toAbsolutePath().normalize();
        Path shown = normalized.startsWith(project) ? project.relativize(normalized) : normalized;
        return shown.toString().replace('\\', '/');
    }
}
