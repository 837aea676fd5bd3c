package dev.newsletter.preview;

import dev.newsletter.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What to preview and how.
 *
 * @param configFile the config, {@code config/newsletter.yaml}; the project folder is the one that holds its folder
 * @param issueFile the issue file, as given (relative: to the working folder)
 * @param list the list named with {@code --list}, or null for the config's {@code newsletter.list}
 * @param subscriber who the page shows the issue for until another is picked (empty: the list's first active one)
 * @param port the port to listen on at 127.0.0.1; 0 for a free one
 * @param env the environment (the unsubscribe secret is read from it by the name the config gives)
 * @param clock the clock the message's date comes from
 */
public record PreviewOptions(
        Path configFile,
        Path issueFile,
        String list,
        Optional<String> subscriber,
        int port,
        Map<String, String> env,
        Clock clock) {

    /** The project folder: the folder that holds the config's folder. */
    Path projectDir() {
        return ConfigLoader.projectDirOf(configFile.toAbsolutePath().normalize());
    }

    Path issue() {
        return issueFile.toAbsolutePath().normalize();
    }
}
