package dev.newsletter.bounce;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads every message of a source, classifies it, and attributes it to the send it answers (through
 * its original's Message-ID and the journals): one {@link ScanLine} per (message, recipient). A dry
 * run ({@link #scan}) changes nothing; {@link #apply} also does what each line says ({@link
 * InboxApply}). A message that cannot be read is counted and skipped. The original's Message-ID is
 * shown only when it is one of ours (the classifier finds anyone's).
 */
public final class InboxScan {
    private final BounceClassifier classifier;
    private final SentMessages sent;
    private final Optional<ReturnPathTokens> returnPath;

    /** A scan that attributes through quoted Message-IDs only. */
    public InboxScan(BounceClassifier classifier, SentMessages sent) {
        this(classifier, sent, Optional.empty());
    }

    /**
     * @param returnPath the return-path tokens ({@code sending.returnPath}), to attribute a bounce by
     *     the address it was sent to; empty when no return path is configured (or no secret is set)
     */
    public InboxScan(BounceClassifier classifier, SentMessages sent, Optional<ReturnPathTokens> returnPath) {
        this.classifier = classifier;
        this.sent = sent;
        this.returnPath = returnPath;
    }

    /**
     * What a scan saw: messages read, messages that could not be read, lines by kind; with {@code
     * --apply}, also lines by the action taken, messages skipped as already processed and messages
     * whose changes failed (tried again next time).
     */
    public record Summary(
            int messages,
            int unreadable,
            Map<Kind, Integer> lines,
            Map<String, Integer> actions,
            int alreadyProcessed,
            int failed) {}

    /** A dry run: shows what {@code --apply} would do and changes nothing. */
    public Summary scan(MessageSource source, Consumer<ScanLine> out, Consumer<String> unreadable) {
        return run(source, null, out, unreadable);
    }

    /** Does what each line says, once per message, and shows what was done. */
    public Summary apply(MessageSource source, InboxApply apply, Consumer<ScanLine> out, Consumer<String> unreadable) {
        return run(source, apply, out, unreadable);
    }

    private Summary run(MessageSource source, InboxApply apply, Consumer<ScanLine> out, Consumer<String> unreadable) {
        int[] counts = {0, 0, 0, 0};
        Map<Kind, Integer> lines = new EnumMap<>(Kind.class);
        Map<String, Integer> actions = new TreeMap<>();
        source.forEach(
                (name, content) -> {
                    counts[0]++;
                    MessageDigest digest = sha256();
                    InputStream hashed = new DigestInputStream(content, digest);
                    BounceClassifier.Read read = classifier.read(new FilterInputStream(hashed) {
                        @Override
                        public void close() {
                            // the source closes it; the rest may still be read for the message's hash
                        }
                    });
                    List<ScanLine> found = new ArrayList<>();
                    Optional<String> token = byReturnPath(read.addressedTo());
                    for (Finding finding : read.findings()) {
                        found.add(line(name, finding, token));
                    }
                    if (apply != null) {
                        String key = read.messageId() != null ? read.messageId() : hashOfAll(hashed, digest);
                        InboxApply.Applied applied = apply.apply(key, name, found);
                        found = applied.lines();
                        counts[2] += applied.alreadyProcessed() ? 1 : 0;
                        counts[3] += applied.failed() ? 1 : 0;
                        if (!applied.failed()) {
                            source.processed(
                                    name); // recorded first, so a crash before the move only skips it next time
                        }
                    }
                    for (ScanLine line : found) {
                        lines.merge(line.kind(), 1, Integer::sum);
                        actions.merge(line.action(), 1, Integer::sum);
                        out.accept(line);
                    }
                },
                (name, problem) -> {
                    counts[1]++;
                    unreadable.accept(name + ": " + problem.getMessage());
                });
        return new Summary(counts[0], counts[1], lines, actions, counts[2], counts[3]);
    }

    /** The message's key when it has no Message-ID: the SHA-256 of all its bytes (the rest read now). */
    private static String hashOfAll(InputStream hashed, MessageDigest digest) {
        try {
            hashed.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The Message-ID a verified return-path token in one of the addresses names; empty when none verifies. */
    private Optional<String> byReturnPath(List<String> addressedTo) {
        if (returnPath.isEmpty()) {
            return Optional.empty();
        }
        for (String address : addressedTo) {
            Optional<ReturnPathTokens.Claim> claim = returnPath.get().claim(address);
            if (claim.isPresent()) {
                Optional<String> id = sent.messageIdOf(returnPath.get(), claim.get());
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One line, attributed and with what {@code --apply} would do. The evidence rule: a hard bounce,
     * soft bounce or complaint acts on an address only when our own evidence names that address — a
     * verified return-path token, or a Message-ID of ours that the journals map to it. Anyone can
     * write a bounce about anyone; without that evidence the line says so and its action is {@code none}.
     */
    private ScanLine line(String source, Finding finding, Optional<String> token) {
        // the token is signed; a quoted Message-ID is only what the report says
        String messageId = token.orElse(finding.messageId());
        Optional<SentMessages.Sent> origin = sent.find(messageId);
        // a complaint is about our message, so its complainer is whom that message went to: the
        // report's own address may be redacted (RFC 6590) or a forwarding target on no list
        String recipient = finding.kind() == Kind.COMPLAINT && origin.isPresent()
                ? origin.get().recipient()
                : finding.recipient() != null
                        ? finding.recipient()
                        : origin.map(SentMessages.Sent::recipient).orElse(null);
        String list = finding.list() != null
                ? finding.list()
                : origin.map(SentMessages.Sent::list).orElse(null);
        String action = finding.kind().action();
        // an id made before ids were keyed leads back, but anyone who knows the address could quote it
        boolean computable = token.isEmpty() && sent.anyoneCouldCompute(messageId);
        String reason = unattributed(finding.kind(), recipient, origin, computable);
        if (reason != null) {
            action = "none";
        }
        return new ScanLine(
                source,
                finding.kind(),
                recipient,
                finding.status(),
                finding.diagnostic(),
                sent.isOurs(messageId) ? messageId : null,
                origin.map(SentMessages.Sent::issue).orElse(null),
                list,
                action,
                reason);
    }

    /** Why a bounce or complaint does nothing for lack of our evidence; null when it may act. */
    private static String unattributed(
            Kind kind, String recipient, Optional<SentMessages.Sent> origin, boolean anyoneCouldCompute) {
        if (kind != Kind.HARD_BOUNCE && kind != Kind.SOFT_BOUNCE && kind != Kind.COMPLAINT) {
            return null;
        }
        if (recipient == null) {
            return "names no recipient";
        }
        if (origin.isEmpty()) {
            return "not ours: no Message-ID of ours that a journal maps to it and no valid return-path token,"
                    + " so it suppresses no one";
        }
        if (anyoneCouldCompute) {
            return "its Message-ID of ours is from before Message-IDs were keyed: anyone who knows the address"
                    + " could compute it, so it suppresses no one";
        }
        if (!sameAddress(origin.get().recipient(), recipient)) {
            return "our message went to " + origin.get().recipient() + ", not to this address (a forward?),"
                    + " so it suppresses no one";
        }
        return null;
    }

    private static boolean sameAddress(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true; // both come lowercased; parsing only settles IDN and other spellings
        }
        try {
            return EmailAddress.parse(a, true).equals(EmailAddress.parse(b, true));
        } catch (InvalidAddressException e) {
            return a.equalsIgnoreCase(b);
        }
    }
}
