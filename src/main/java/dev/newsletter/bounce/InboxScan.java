package dev.newsletter.bounce;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every message of a source, classifies it, and attributes it to the send it answers (through
 * its original's Message-ID and the journals). Changes nothing: it only reports, one
 * {@link ScanLine} per (message, recipient). A message that cannot be read is counted and skipped. The
 * original's Message-ID is shown only when it is one of ours (the classifier finds anyone's).
 */
public final class InboxScan {
    private final BounceClassifier classifier;
    private final SentMessages sent;

    public InboxScan(BounceClassifier classifier, SentMessages sent) {
        this.classifier = classifier;
        this.sent = sent;
    }

    /** What a scan saw: messages read, messages that could not be read, and lines by kind. */
    public record Summary(int messages, int unreadable, Map<Kind, Integer> lines) {}

    public Summary scan(MessageSource source, Consumer<ScanLine> out, Consumer<String> unreadable) {
        int[] messages = {0};
        int[] failed = {0};
        Map<Kind, Integer> lines = new EnumMap<>(Kind.class);
        source.forEach(
                (name, content) -> {
                    messages[0]++;
                    for (Finding finding : classifier.classify(content)) {
                        ScanLine line = line(name, finding);
                        lines.merge(line.kind(), 1, Integer::sum);
                        out.accept(line);
                    }
                },
                (name, problem) -> {
                    failed[0]++;
                    unreadable.accept(name + ": " + problem.getMessage());
                });
        return new Summary(messages[0], failed[0], lines);
    }

    private ScanLine line(String source, Finding finding) {
        var origin = sent.find(finding.messageId());
        String recipient = finding.recipient() != null
                ? finding.recipient()
                : origin.map(SentMessages.Sent::recipient).orElse(null);
        String list = finding.list() != null
                ? finding.list()
                : origin.map(SentMessages.Sent::list).orElse(null);
        return new ScanLine(
                source,
                finding.kind(),
                recipient,
                finding.status(),
                finding.diagnostic(),
                sent.isOurs(finding.messageId()) ? finding.messageId() : null,
                origin.map(SentMessages.Sent::issue).orElse(null),
                list,
                finding.kind().action());
    }
}
