package dev.newsletter.check;

import dev.newsletter.app.Project;
import dev.newsletter.app.UnsubscribeSecret;
import dev.newsletter.mailing.Letter;
import dev.newsletter.render.HtmlSummary;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Checks of the built message: headers, unsubscribe, text part, size, subject and preheader. */
final class MessageChecks {
    private static final List<String> ONCE =
            List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "List-Id");

    private MessageChecks() {}

    static void headers(Letter letter, RawMessage message, List<CheckResult> results) {
        List<String> problems = new ArrayList<>();
        for (String name : ONCE) {
            long n = message.count(name);
            if (n != 1) {
                problems.add(name + " appears " + n + " times (must be once)");
            }
        }
        String messageId = message.header("Message-ID").orElse("");
        String domain = letter.from().address().domain();
        if (!messageId.endsWith("@" + domain + ">")) {
            problems.add("Message-ID " + messageId + " is not on the sender's domain " + domain);
        }
        int longest = message.longestLine();
        if (longest > 998) {
            problems.add("a line has " + longest + " characters; SMTP allows 998");
        }
        int bare = message.bareLineBreaks();
        if (bare > 0) {
            problems.add(bare + " bare CR or LF characters (every line must end in CRLF)");
        }
        for (RawMessage.Field field : message.fields()) {
            if (field.value().chars().anyMatch(c -> c >= 0x80)) {
                problems.add(field.name() + " has raw non-ASCII characters (must be RFC 2047-encoded)");
            }
        }
        if (problems.isEmpty()) {
            results.add(CheckResult.pass(
                    "headers",
                    "From, To, Subject, Date, Message-ID, MIME-Version, List-Id once each; ASCII headers; CRLF line ends;"
                            + " longest line " + longest));
        } else {
            results.add(CheckResult.fail("headers", "the message is malformed").with(problems));
        }
    }

    static void unsubscribe(
            Project project,
            String list,
            Letter letter,
            HtmlSummary html,
            RawMessage message,
            Map<String, String> env,
            List<CheckResult> results) {
        List<String> problems = new ArrayList<>();
        String url = letter.unsubscribeUrl().toString();
        String header = message.header("List-Unsubscribe").orElse("").replaceAll("\\s+", "");
        if (!header.contains("<" + url + ">")) {
            problems.add("List-Unsubscribe does not carry the one-click URL " + url);
        }
        letter.unsubscribeMailto().ifPresent(mailto -> {
            if (!header.contains("<" + mailto + ">")) {
                problems.add("List-Unsubscribe does not carry the mailto link " + mailto);
            }
        });
        if (!message.header("List-Unsubscribe-Post").orElse("").equals("List-Unsubscribe=One-Click")) {
            problems.add("List-Unsubscribe-Post: List-Unsubscribe=One-Click is missing (RFC 8058)");
        }
        if (!html.links().contains(url)) {
            problems.add(
                    "the HTML part has no link to the unsubscribe URL (templates: th:href=\"${links.unsubscribe}\")");
        }
        if (!letter.content().text().contains(url)) {
            problems.add("the text part does not show the unsubscribe URL (templates: [(${links.unsubscribe})])");
        }
        if (!"https".equals(letter.unsubscribeUrl().getScheme())) {
            problems.add("the one-click URL must be https (RFC 8058); newsletter.baseUrl is "
                    + project.config().newsletter().baseUrl());
        }
        if (!problems.isEmpty()) {
            results.add(CheckResult.fail("unsubscribe", "one-click unsubscribe is not complete")
                    .with(problems));
            return;
        }
        String name = project.config().unsubscribe().secretEnv();
        Optional<String> secretProblem = UnsubscribeSecret.problem(project.config(), env);
        if (secretProblem.isPresent()) {
            String why = secretProblem.get();
            if (PreSendCheck.relay(project) || !env.getOrDefault(name, "").isEmpty()) {
                results.add(CheckResult.fail(
                        "unsubscribe", why + ": links cannot be signed (export " + name + "=$(openssl rand -hex 32))"));
            } else {
                results.add(CheckResult.warn(
                        "unsubscribe",
                        "headers and links present, but " + why + ": capture mode signs links with a throwaway secret,"
                                + " so they will not work later"));
            }
            return;
        }
        String token = query(letter.unsubscribeUrl());
        boolean verifies = UnsubscribeSecret.forVerifying(project.config(), env)
                .verify(token)
                .filter(s -> s.list().equals(list) && s.address().equals(letter.recipient()))
                .isPresent();
        if (!verifies) {
            results.add(CheckResult.fail("unsubscribe", "the link's token does not verify for " + letter.recipient()));
            return;
        }
        results.add(CheckResult.pass(
                "unsubscribe",
                "List-Unsubscribe (https" + (letter.unsubscribeMailto().isPresent() ? " + mailto" : "")
                        + ") and List-Unsubscribe-Post present, link in both parts, token verifies"));
    }

    private static String query(URI uri) {
        String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return q.startsWith("t=") ? q.substring(2) : q;
    }

    static void textPart(Letter letter, List<CheckResult> results) {
        String text = letter.content().text();
        if (text.isBlank()) {
            results.add(CheckResult.fail("text-part", "the text/plain part is empty (templates/issue.txt)"));
        } else {
            results.add(CheckResult.pass(
                    "text-part", "text/plain part of " + text.lines().count() + " lines from templates/issue.txt"));
        }
    }

    /**
     * The message against Gmail's clipping size; {@code enclosed} bytes of it (embedded pictures,
     * attachments) do not count, as Gmail does not count them.
     */
    static void size(Letter letter, RawMessage message, int enclosed, List<CheckResult> results) {
        int html = letter.content().html().getBytes(StandardCharsets.UTF_8).length;
        int size = message.size() - enclosed;
        String sizes = String.format(
                        Locale.ROOT, "message %s (HTML part %s) of %s", kb(size), kb(html), kb(PreSendCheck.MAX_BYTES))
                + (enclosed > 0
                        ? String.format(Locale.ROOT, ", besides %s of pictures and attachments", kb(enclosed))
                        : "");
        if (size >= PreSendCheck.MAX_BYTES) {
            results.add(CheckResult.fail(
                    "size", sizes + ": Gmail clips messages over about 102 KB, hiding the unsubscribe link"));
        } else if (size >= PreSendCheck.WARN_BYTES) {
            results.add(CheckResult.warn("size", sizes + ": close to Gmail's clipping size"));
        } else {
            results.add(CheckResult.pass("size", sizes));
        }
    }

    static String kb(int bytes) {
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    static void subject(String subject, List<CheckResult> results) {
        int length = subject.codePointCount(0, subject.length());
        long letters = subject.chars().filter(Character::isLetter).count();
        if (subject.isBlank()) {
            results.add(CheckResult.fail("subject", "the subject is empty"));
        } else if (length > 78) {
            results.add(CheckResult.warn(
                    "subject", length + " characters: inbox lists cut subjects long before that (aim for under 60)"));
        } else if (letters >= 8 && subject.equals(subject.toUpperCase(Locale.ROOT))) {
            results.add(CheckResult.warn("subject", "all in capitals: reads as shouting and scores as spam"));
        } else {
            results.add(CheckResult.pass("subject", length + " characters"));
        }
    }

    static void preheader(String preheader, List<CheckResult> results) {
        String text = preheader == null ? "" : preheader.strip();
        int length = text.codePointCount(0, text.length());
        if (text.isEmpty()) {
            results.add(CheckResult.warn(
                    "preheader", "no preheader: inbox previews will show the first words of the message"));
        } else if (length > 140) {
            results.add(CheckResult.warn("preheader", length + " characters: previews show about 40 to 140"));
        } else {
            results.add(CheckResult.pass("preheader", length + " characters"));
        }
    }
}
