package dev.newsletter.app;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.bounce.ListChanges;
import dev.newsletter.config.Config;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.subscriber.ListEditor;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.SubscriberFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's lists as {@code inbox scan --apply} changes them: every change goes through {@link
 * ListEditor} (locked, atomic, harmless to repeat), and a mailed unsubscribe through the one-click
 * endpoint's own code. The suppression is always written first, as the endpoint does: it is what
 * keeps mail from being sent, whatever the state of a list file.
 */
public final class InboxLists implements ListChanges {
    private final Config config;
    private final Clock clock;

    public InboxLists(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Done withdraw(String address, Status status, String reason) {
        EmailAddress email = parse(address);
        List<String> lists = email == null ? List.of() : listsWith(email);
        if (lists.isEmpty()) {
            return new Done(false, false, "on no list; nothing changed");
        }
        List<String> marked = new ArrayList<>();
        List<String> troubles = new ArrayList<>();
        boolean changed = false;
        for (String list : lists) {
            try {
                // suppression first, then the row, each atomic under its file's lock
                changed |=
                        editor(list).withdraw(email.toString(), status, reason).changed();
                marked.add(list);
            } catch (InvalidInputException e) {
                troubles.add("could not mark it " + status.label() + " in " + list + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        if (marked.isEmpty()) {
            // no list could be changed (bad rows): the suppression alone still keeps mail from being sent
            changed |= editor(lists.get(0)).suppress(email.toString(), reason).changed();
        }
        if (!changed) {
            return new Done(true, false, "already " + status.label() + " and suppressed; nothing changed");
        }
        List<String> said = new ArrayList<>();
        said.add("suppressed (" + reason + ")"
                + (marked.isEmpty() ? "" : " and marked " + status.label() + " in " + String.join(", ", marked)));
        said.addAll(troubles);
        return new Done(true, true, String.join("; ", said));
    }

    @Override
    public Done suppress(String address, String reason) {
        EmailAddress email = parse(address);
        List<String> lists = email == null ? List.of() : listsWith(email);
        if (lists.isEmpty()) {
            return new Done(false, false, "on no list; nothing changed");
        }
        ListEditor.Outcome outcome = editor(lists.get(0)).suppress(email.toString(), reason);
        return new Done(true, outcome.changed(), outcome.message());
    }

    @Override
    public Done unsubscribe(String list, String address) {
        EmailAddress email = parse(address);
        if (email == null) {
            return new Done(false, false, "not an address; nothing changed");
        }
        List<String> warnings = new ArrayList<>();
        boolean changed = UnsubscribeEndpoint.recorder(config, clock, new EndpointLog() {
                    @Override
                    public void info(String message) {
                        // the scan's own line says what was done
                    }

                    @Override
                    public void warn(String message) {
                        warnings.add(message);
                    }
                })
                .unsubscribe(list, email, "mailto");
        String said = changed ? "unsubscribed " + email + " from " + list : email + " was already unsubscribed";
        return new Done(true, changed, warnings.isEmpty() ? said : said + "; " + String.join("; ", warnings));
    }

    private ListEditor editor(String list) {
        return ListEditor.of(
                config.listFile(list), config.suppressionFile(), config.smtp().smtputf8(), clock, () -> {});
    }

    /** The lists ({@code subscribers/*.csv} but the suppression list) that have {@code email}, in any spelling. */
    private List<String> listsWith(EmailAddress email) {
        Path suppressions = config.suppressionFile().getFileName();
        List<String> lists = new ArrayList<>();
        if (!Files.isDirectory(config.subscribersDir())) {
            return lists;
        }
        try (Stream<Path> files = Files.list(config.subscribersDir())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .filter(f -> !f.getFileName().equals(suppressions))
                    .sorted()
                    .toList()) {
                if (has(file, email)) {
                    String name = file.getFileName().toString();
                    lists.add(name.substring(0, name.length() - ".csv".length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + config.subscribersDir() + ": " + e.getMessage(), e);
        }
        return lists;
    }

    /**
     * Whether the list may have the address: a list with bad rows might have it in one of them, and
     * one that cannot be read might too, so the change is tried and, failing, the suppression stands.
     */
    private boolean has(Path file, EmailAddress email) {
        try {
            return SubscriberFile.of(file, config.smtp().smtputf8()).mayHave(email);
        } catch (InvalidInputException | UncheckedIOException e) {
            return true;
        }
    }

    private static EmailAddress parse(String address) {
        try {
            return EmailAddress.parse(address, true);
        } catch (InvalidAddressException e) {
            return null;
        }
    }
}
