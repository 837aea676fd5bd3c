package dev.newsletter.bounce;

import dev.newsletter.journal.JournalReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which issue, list and recipient one of our Message-IDs was sent to, read from the delivery journals
 * ({@code var/deliveries/<issue>/<list>.jsonl}). Our Message-IDs are {@code <ISSUE.HASH@domain>}
 * ({@code <ISSUE.test.STAMP.HASH@domain>} for test sends), so the issue tells which folder to read;
 * each issue's journals are read once, on first use, through the journal's own reader ({@link
 * JournalReader#forEachMessage}: torn and non-UTF-8 lines skipped, no lock taken).
 */
public final class SentMessages {
    private static final Pattern OURS =
            Pattern.compile("<([A-Za-z0-9][A-Za-z0-9._-]{0,200})\\.[0-9a-f]{16}@([^<>\\s]+)>");
    private static final Pattern TEST = Pattern.compile("(.+)\\.test\\.[^.]+");
    private static final Pattern ISSUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Where a message of ours went. */
    public record Sent(String issue, String list, String recipient) {}

    private final Path deliveries;
    private final String senderDomain;
    private final Map<String, Map<String, Sent>> byIssue = new HashMap<>();
    private final Map<String, Map<String, List<String>>> hashesByIssue = new HashMap<>();
    /** The journaled Message-IDs from before ids were keyed ({@link #anyoneCouldCompute}), found as journals are read. */
    private final Set<String> unkeyed = new HashSet<>();

    private Map<Integer, List<String>> issuesByTag;

    /**
     * @param deliveries the journals' folder, {@code var/deliveries}
     * @param senderDomain the domain our Message-IDs are on (that of {@code newsletter.from})
     */
    public SentMessages(Path deliveries, String senderDomain) {
        this.deliveries = deliveries;
        this.senderDomain = senderDomain;
    }

    /** True when {@code messageId} has the shape of ours, on our domain (whether or not a journal still has it). */
    public boolean isOurs(String messageId) {
        if (messageId == null) {
            return false;
        }
        Matcher ours = OURS.matcher(messageId.strip());
        return ours.matches() && ours.group(2).equalsIgnoreCase(senderDomain);
    }

    /** The send that used {@code messageId}, if one of the journals holds it. */
    public Optional<Sent> find(String messageId) {
        if (!isOurs(messageId)) {
            return Optional.empty();
        }
        Matcher ours = OURS.matcher(messageId.strip());
        ours.matches();
        String prefix = ours.group(1);
        Matcher test = TEST.matcher(prefix);
        for (String issue : test.matches() ? List.of(test.group(1), prefix) : List.of(prefix)) {
            Sent sent = issue(issue).get(messageId.strip());
            if (sent != null) {
                return Optional.of(sent);
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code messageId} is one the journals hold that was made before Message-IDs were keyed:
     * its hash is the plain SHA-256 of its list (or {@code test}) and recipient, so anyone who knows
     * the address could have computed it. Such an id still leads back ({@link #find}) but is no
     * evidence that we sent it to anyone.
     */
    public boolean anyoneCouldCompute(String messageId) {
        return find(messageId).isPresent() && unkeyed.contains(messageId.strip());
    }

    /**
     * The Message-ID a return-path token ({@link ReturnPathTokens}) names, if one of the journals
     * holds a message whose Message-ID and recipient its MAC verifies for ({@link #find(String)} then
     * gives the send); empty for a forged, altered or unknown token.
     */
    public Optional<String> messageIdOf(ReturnPathTokens tokens, ReturnPathTokens.Claim claim) {
        for (String issue : issuesByTag().getOrDefault(claim.issueTag(), List.of())) {
            Map<String, Sent> sends = issue(issue);
            for (String id : hashes(issue).getOrDefault(claim.idHash(), List.of())) {
                Sent sent = sends.get(id);
                if (isOurs(id) && tokens.verifies(claim, id, sent.recipient())) {
                    return Optional.of(id.strip());
                }
            }
        }
        return Optional.empty();
    }

    /** The issue's Message-IDs by the hash in them (one per list and recipient; test sends share one). */
    private Map<String, List<String>> hashes(String issue) {
        return hashesByIssue.computeIfAbsent(issue, name -> {
            Map<String, List<String>> index = new HashMap<>();
            for (String id : issue(name).keySet()) {
                int at = id.lastIndexOf('@');
                int dot = at < 0 ? -1 : id.lastIndexOf('.', at);
                if (dot >= 0) {
                    index.computeIfAbsent(id.substring(dot + 1, at), hash -> new java.util.ArrayList<>(1))
                            .add(id);
                }
            }
            return index;
        });
    }

    /** The issue folders by their tag ({@link ReturnPathTokens#issueTag}), listed once. */
    private Map<Integer, List<String>> issuesByTag() {
        if (issuesByTag == null) {
            issuesByTag = new HashMap<>();
            if (Files.isDirectory(deliveries)) {
                try (Stream<Path> folders = Files.list(deliveries)) {
                    folders.filter(Files::isDirectory)
                            .map(folder -> folder.getFileName().toString())
                            .filter(name -> ISSUE_ID.matcher(name).matches())
                            .sorted()
                            .forEach(name -> issuesByTag
                                    .computeIfAbsent(
                                            ReturnPathTokens.issueTag(name), tag -> new java.util.ArrayList<>())
                                    .add(name));
                } catch (IOException | UncheckedIOException e) {
                    // an unreadable folder: tokens stay unattributed, the scan goes on
                }
            }
        }
        return issuesByTag;
    }

    private Map<String, Sent> issue(String issue) {
        if (!ISSUE_ID.matcher(issue).matches() || issue.contains("..")) {
            return Map.of();
        }
        return byIssue.computeIfAbsent(issue, this::read);
    }

    private Map<String, Sent> read(String issue) {
        Map<String, Sent> sent = new HashMap<>();
        Path folder = deliveries.resolve(issue);
        if (!Files.isDirectory(folder)) {
            return sent;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path journal : files.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList()) {
                String name = journal.getFileName().toString();
                read(journal, issue, name.substring(0, name.length() - ".jsonl".length()), sent, unkeyed);
            }
        } catch (IOException | UncheckedIOException e) {
            // an unreadable journal or folder: the messages stay unattributed, the scan goes on
        }
        return sent;
    }

    private static void read(Path journal, String issue, String list, Map<String, Sent> sent, Set<String> unkeyed) {
        MessageDigest sha256 = sha256();
        JournalReader.forEachMessage(journal, (id, email) -> {
            if (sent.putIfAbsent(id, new Sent(issue, list, Addresses.lower(email))) == null
                    && (unkeyed(sha256, id, list, email) || unkeyed(sha256, id, "test", email))) {
                unkeyed.add(id);
            }
        });
    }

    /**
     * Whether {@code id}'s hash is the first 8 bytes of the plain SHA-256 of {@code scope LF email}:
     * how ids were made before they were keyed (the journal holds the address as it was hashed).
     */
    private static boolean unkeyed(MessageDigest sha256, String id, String scope, String email) {
        int at = id.lastIndexOf('@');
        int dot = at < 0 ? -1 : id.lastIndexOf('.', at);
        if (dot < 0 || at - dot - 1 != 16) {
            return false;
        }
        byte[] digest = sha256.digest((scope + "\n" + email).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8).equals(id.substring(dot + 1, at));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
