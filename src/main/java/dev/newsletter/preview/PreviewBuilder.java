package dev.newsletter.preview;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.app.IssueComposer;
import dev.newsletter.app.Project;
import dev.newsletter.app.UnsubscribeSecret;
import dev.newsletter.check.CheckOptions;
import dev.newsletter.check.CheckReport;
import dev.newsletter.check.PreSendCheck;
import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.Letter;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.subscriber.SubscriberFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds what the preview page shows, the way {@code render} and {@code check} do it: the config
 * and the issue loaded afresh for each version of the files ({@link Project}), the message for one
 * subscriber from {@link IssueComposer#letter} (so the HTML and text are exactly what {@code
 * render} writes), and {@link PreSendCheck} offline (no links probed, no SpamAssassin). Whatever
 * stops it (a YAML or template error, an unknown subscriber) becomes the view's problems, with
 * file, line and column, instead of an exception. Reads files only: it writes nothing, sends
 * nothing and opens no connection.
 */
final class PreviewBuilder {
    static final int PICKER_SIZE = 200;

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
    private static final int CACHED_VIEWS = 16;

    private final PreviewOptions options;
    private final Path projectDir;
    private final String sessionSecret;
    private final Map<String, PreviewView> views = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreviewView> eldest) {
            return size() > CACHED_VIEWS;
        }
    };
    private long loadedVersion = -1;
    private Loaded loaded;
    private ListSnapshot lastList; // kept across versions while the list file is unchanged

    PreviewBuilder(PreviewOptions options) {
        this.options = options;
        this.projectDir = options.projectDir();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.sessionSecret = HexFormat.of().formatHex(random);
    }

    /** The view of the files as they are at {@code version}, for the subscriber picked (null: the default one). */
    synchronized PreviewView view(long version, String picked) {
        loadFor(version);
        String key = picked == null || picked.isBlank() ? "" : picked.strip();
        PreviewView view = views.get(key);
        if (view == null) {
            view = build(version, key);
            views.put(key, view);
        }
        return view;
    }

    /** The pictures of the issue as it is at {@code version}; none when it does not load. */
    synchronized LocalPictures pictures(long version) {
        loadFor(version);
        return loaded.pictures;
    }

    private void loadFor(long version) {
        if (version != loadedVersion) {
            loaded = load();
            loadedVersion = version;
            views.clear();
        }
    }

    /**
     * Refuses a {@code --subscriber} that is not on the list, when the project can be read now (when
     * it cannot, the page says so and what is wrong with it).
     *
     * @throws InvalidInputException for an address that is malformed or not on the list
     */
    synchronized void refuseUnknownSubscriber() {
        Loaded now = load();
        if (now.project == null || options.subscriber().isEmpty() || !now.problems.isEmpty()) {
            return;
        }
        choose(now, options.subscriber().get(), "--subscriber");
    }

    private PreviewView build(long version, String picked) {
        String issue = display(options.issue());
        Optional<String> list = Optional.ofNullable(loaded.list);
        Optional<PreviewView.Picker> picker = Optional.ofNullable(loaded.picker);
        String wanted = picked.isEmpty() ? options.subscriber().orElse("") : picked;
        if (!loaded.problems.isEmpty()) {
            return new PreviewView(version, issue, list, picker, wanted, Optional.empty(), loaded.problems);
        }
        try {
            Project project = loaded.project;
            Subscriber who = wanted.isEmpty()
                    ? loaded.snapshot
                            .firstActive()
                            .orElseThrow(() -> InvalidInputException.of(Problem.inFile(
                                    project.config().listFile(loaded.list),
                                    "no active subscriber to preview for; pick one")))
                    : choose(loaded, wanted, picked.isEmpty() ? "--subscriber" : "subscriber");
            Map<String, String> renderEnv = renderEnv(project.config());
            IssueComposer composer = project.composer(
                    loaded.list,
                    project.messageIds(loaded.list, renderEnv), // keyed with this session's secret without one
                    "",
                    renderEnv,
                    options.clock(),
                    Optional.empty()); // the signature changes no byte of the bodies; check reports the key
            Letter letter = composer.letter(who);
            CheckReport check = PreSendCheck.standard(options.env(), options.clock(), CHECK_TIMEOUT)
                    .run(
                            project,
                            new CheckOptions(
                                    loaded.list, Optional.of(who.email().toString()), false, CHECK_TIMEOUT, false));
            String preheader =
                    project.issue().preheader() == null ? "" : project.issue().preheader();
            return new PreviewView(
                    version,
                    issue,
                    list,
                    picker,
                    who.email().toString(),
                    Optional.of(new PreviewView.Rendered(letter, preheader, check, loaded.pictures)),
                    List.of());
        } catch (RuntimeException e) {
            return new PreviewView(version, issue, list, picker, wanted, Optional.empty(), problems(e));
        }
    }

    /** The subscriber of {@code list} with the address {@code wanted}; {@code source} names where it was given. */
    private static Subscriber choose(Loaded loaded, String wanted, String source) {
        Path listFile = loaded.project.config().listFile(loaded.list);
        EmailAddress email;
        try {
            email = EmailAddress.parse(wanted.strip(), true);
        } catch (InvalidAddressException e) {
            throw InvalidInputException.of(Problem.inFile(Path.of(source), e.getMessage()));
        }
        return loaded.snapshot
                .find(email, address -> loaded.project.subscriber(loaded.list, address))
                .orElseThrow(() -> InvalidInputException.of(Problem.inFile(listFile, email + " is not on this list")));
    }

    /**
     * The environment to render with: as given, or with a secret for this preview when the
     * configured one is missing or too short (the links then only look right; check reports it),
     * so an editor needs no secret to see the issue, in relay mode too.
     */
    private Map<String, String> renderEnv(Config config) {
        if (UnsubscribeSecret.problem(config, options.env()).isEmpty()) {
            return options.env();
        }
        Map<String, String> env = new HashMap<>(options.env());
        env.put(config.unsubscribe().secretEnv(), sessionSecret);
        return env;
    }

    /** The config, list, issue and picker as far as they load; what stopped the loading in {@code problems}. */
    private Loaded load() {
        Loaded result = new Loaded();
        try {
            Path configFile = options.configFile().toAbsolutePath().normalize();
            if (!Files.isRegularFile(configFile)) {
                throw InvalidInputException.of(Problem.inFile(configFile, "no such file"));
            }
            Config config = ConfigLoader.load(configFile);
            result.list = Project.list(config, options.list());
            lastList = ListSnapshot.of(
                    SubscriberFile.of(
                            config.listFile(result.list), config.smtp().smtputf8()),
                    lastList);
            result.snapshot = lastList;
            result.picker = lastList.picker();
            result.project = Project.loadForFewMessages(config, options.issueFile());
            result.pictures = LocalPictures.of(result.project.issue(), config);
        } catch (RuntimeException e) {
            result.problems = problems(e);
        }
        return result;
    }

    private List<String> problems(RuntimeException e) {
        if (e instanceof InvalidInputException invalid) {
            return invalid.problems().stream()
                    .map(p -> new Problem(relative(p.file()), p.line(), p.column(), p.message()).toString())
                    .toList();
        }
        return List.of(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private String display(Path file) {
        return relative(file).toString();
    }

    private Path relative(Path file) {
        if (file == null) {
            return Path.of("");
        }
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(projectDir) ? projectDir.relativize(absolute) : file;
    }

    /** The project as far as it loaded for one version of the files. */
    private static final class Loaded {
        private String list;
        private PreviewView.Picker picker;
        private ListSnapshot snapshot;
        private Project project;
        private LocalPictures pictures = LocalPictures.none();
        private List<String> problems = List.of();
    }
}
