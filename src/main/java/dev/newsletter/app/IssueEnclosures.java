package dev.newsletter.app;

import dev.newsletter.config.ImageMode;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.issue.Attachment;
import dev.newsletter.issue.Image;
import dev.newsletter.issue.Issue;
import dev.newsletter.mailing.Enclosures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files every message of an issue carries: its pictures when {@code images: embed}, and its
 * attachments. Read once per mailing, before the first message.
 */
final class IssueEnclosures {
    /** Embedded pictures over this in all are refused: every message would carry them (as the attachments' limit). */
    static final long MAX_EMBEDDED = 10L * 1024 * 1024;

    private IssueEnclosures() {}

    /**
     * @throws InvalidInputException when a file the issue names can no longer be read, or the
     *     pictures are too big to embed in every message
     */
    static Enclosures of(Issue issue, ImageMode images) {
        long embedded = images == ImageMode.EMBED
                ? issue.images().stream().mapToLong(Image::bytes).sum()
                : 0;
        if (embedded > MAX_EMBEDDED) {
            Path first = issue.images().get(0).file();
            throw InvalidInputException.of(Problem.inFile(
                    first.getParent(),
                    "the issue's pictures are " + (embedded + 1023) / 1024 + " KB in all; at most "
                            + MAX_EMBEDDED / 1024 + " KB can be embedded in every message: make them smaller,"
                            + " or link them (images: link)"));
        }
        List<Enclosures.Part> inline = images == ImageMode.EMBED
                ? issue.images().stream().map(IssueEnclosures::part).toList()
                : List.of();
        List<Enclosures.Part> attachments =
                issue.attachments().stream().map(IssueEnclosures::part).toList();
        return new Enclosures(inline, attachments);
    }

    private static Enclosures.Part part(Image image) {
        return new Enclosures.Part(image.fileName(), image.contentType(), image.contentId(), read(image.file()));
    }

    private static Enclosures.Part part(Attachment attachment) {
        return new Enclosures.Part(attachment.fileName(), attachment.contentType(), "", read(attachment.file()));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw InvalidInputException.of(Problem.inFile(file, "cannot read the file: " + e.getMessage()));
        }
    }
}
