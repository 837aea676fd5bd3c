package dev.newsletter.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The non-standard bounces (most of what arrives): a text written for people by Postfix, Sendmail,
 * Exim, qmail, Courier, OpenSMTPD, Exchange, Gmail, Yahoo, Amazon SES and the rest. They differ in
 * wording but share a shape, which this reads rather than each server's exact text: the failed
 * addresses stand in the text before the copy of the original, each followed by the server's reply
 * (a reply code, an enhanced status code, or words). So each address found there gets the text
 * from it up to the next address as its own evidence.
 */
final class TextBounce {
    private static final int WINDOW = 1_500;
    private static final int MAX_RECIPIENTS = 1_000;

    /** Where the copy of the original begins, in any of the usual ways of saying so. */
    private static final Pattern QUOTE_START = Pattern.compile("(?im)^[ \\t>|*]*(?:"
            + "-+ ?(?:original message|returned message|message text follows|below this line)"
            + "|[- ]*this is a copy of the message"
            + "|[- ]*below this line is a copy of the message"
            + "|.{0,40}original message (?:follows|headers|is attached)"
            + "|[- ]*the header of the original message"
            + "|[- ]*unsent message follows"
            + "|[- ]*returned message follows"
            + "|[- ]*message headers follow"
            + "|[- ]*the original message headers"
            + "|[- ]*a copy of the original message"
            + "|[- ]*original message header"
            + "|content-type: message/rfc822"
            + "|(?:received|return-path|dkim-signature|arc-seal|x-original-to|delivered-to): "
            + ")");

    /** Phrases of delay warnings: the message is still being tried, nothing failed for good yet. */
    private static final Pattern STILL_TRYING =
            Pattern.compile("(?i)delayed mail|delivery (?:status notification \\(delay\\)|delayed|delay)|"
                    + "will (?:be retried|continue (?:trying|to try)|retry|keep trying)|still (?:being )?(?:retried|trying)|"
                    + "has not (?:yet )?been delivered|warning: (?:message|could not send)|not yet been delivered|"
                    + "no action is required on your part|temporarily deferred|will try again");

    private TextBounce() {}

    static List<Finding> findings(MailParts parts, String messageId, Set<String> notRecipients) {
        String text = parts.text();
        Matcher quote = QUOTE_START.matcher(text);
        String own = quote.find() ? text.substring(0, quote.start()) : text;
        boolean stillTrying = STILL_TRYING
                .matcher(parts.headers.first("subject") + "\n" + head(own))
                .find();

        Map<String, String> windows = new LinkedHashMap<>();
        for (String header : parts.headers.all("x-failed-recipients")) {
            for (String address : Addresses.all(header)) {
                windows.putIfAbsent(address, "");
            }
        }
        collectWindows(own, notRecipients, windows);
        dropThoseWithoutEvidence(windows);
        if (windows.isEmpty()) {
            Headers original = parts.original.isEmpty() && quote.find(0)
                    ? Headers.parse(text.substring(quote.start()).replaceAll("(?m)^[ \\t]*>[ \\t]?", ""))
                    : parts.original;
            for (String address : Addresses.all(String.join(", ", original.all("to")))) {
                if (!notRecipients.contains(address) && windows.size() < 5) {
                    windows.put(address, "");
                }
            }
        }

        List<Finding> findings = new ArrayList<>();
        if (windows.isEmpty()) {
            findings.add(finding(null, own, own, stillTrying, messageId));
            return findings;
        }
        boolean single = windows.size() == 1;
        for (Map.Entry<String, String> entry : windows.entrySet()) {
            if (findings.size() >= MAX_RECIPIENTS) {
                break;
            }
            String window = entry.getValue();
            boolean saysLittle = StatusCodes.enhanced(window) == null
                    && StatusCodes.reply(window) == null
                    && FailureReasons.impliedStatus(window, false) == null;
            String evidence = single && saysLittle ? own : window;
            findings.add(finding(entry.getKey(), evidence, own, stillTrying, messageId));
        }
        return findings;
    }

    /** The text about {@code address} in a bounce's own text: from each mention up to the next address. */
    static String windowFor(String text, String address) {
        Map<String, String> windows = new LinkedHashMap<>();
        collectWindows(text, Set.of(), windows);
        return windows.getOrDefault(address, "");
    }

    /** When some addresses come with a reply or failure words, the others are only mentioned (help desks, lists). */
    private static void dropThoseWithoutEvidence(Map<String, String> windows) {
        if (windows.values().stream().anyMatch(TextBounce::hasEvidence)) {
            windows.values().removeIf(window -> !window.isEmpty() && !hasEvidence(window));
        }
    }

    private static boolean hasEvidence(String window) {
        return StatusCodes.enhanced(window) != null
                || StatusCodes.reply(window) != null
                || FailureReasons.impliedStatus(window, false) != null
                || FailureReasons.saysAddressIsBad(window);
    }

    private static void collectWindows(String own, Set<String> notRecipients, Map<String, String> windows) {
        Matcher matcher = Addresses.ADDRESS.matcher(own);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            String address = Addresses.lower(matcher.group(1));
            if (notRecipients.contains(address)
                    || Addresses.isMailSystem(address)
                    || onSenderLine(own, matcher.start())) {
                continue;
            }
            spans.add(new int[] {matcher.start(), matcher.end()});
            names.add(address);
        }
        for (int i = 0; i < spans.size(); i++) {
            String address = names.get(i);
            int end = Math.min(own.length(), spans.get(i)[0] + WINDOW);
            for (int j = i + 1; j < spans.size(); j++) {
                if (!names.get(j).equals(address)) {
                    end = Math.min(end, spans.get(j)[0]);
                    break;
                }
            }
            String window = own.substring(spans.get(i)[0], Math.max(end, spans.get(i)[1]));
            if (!windows.containsKey(address) && windows.size() >= MAX_RECIPIENTS) {
                continue;
            }
            String before = windows.getOrDefault(address, "");
            if (before.length() < 4 * WINDOW) {
                windows.put(address, before.isEmpty() ? window : before + "\n" + window);
            }
        }
    }

    private static final Pattern SENDER_LINE = Pattern.compile(
            "(?i)^[ \\t>]*(?:from|cc|bcc|reply-to|sender|return-path|errors-to|list-[\\w-]+|envelope-from|x-sender|mail from)\\s*:");

    /** An address on a {@code From:}/{@code Cc:}… line of quoted headers is not the one that failed. */
    private static boolean onSenderLine(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        return SENDER_LINE.matcher(text.substring(lineStart, at)).lookingAt();
    }

    /** A transcript's success reply ({@code 250 …}, {@code <<< 250 …}): it says nothing about what failed. */
    private static final Pattern SUCCESS_LINE = Pattern.compile("(?m)^[ \\t<>|]*2\\d\\d[ -].*$");

    private static Finding finding(String recipient, String window, String own, boolean stillTrying, String messageId) {
        String evidence = SUCCESS_LINE.matcher(window).replaceAll("");
        StatusCodes.Found enhanced = StatusCodes.enhanced(evidence);
        StatusCodes.Found reply = StatusCodes.reply(evidence);
        String status = enhanced == null ? null : enhanced.code();
        boolean temporary = stillTrying
                || (status != null
                        ? status.startsWith("4")
                        : reply != null && reply.code().startsWith("4"));
        if (status == null) {
            status = FailureReasons.impliedStatus(evidence, temporary);
        }
        int at = reply != null ? reply.start() : enhanced != null ? enhanced.start() : -1;
        String diagnostic = at >= 0 ? paragraph(evidence, at) : afterAddress(evidence, recipient);
        if (diagnostic == null || diagnostic.isBlank()) {
            diagnostic = firstSentences(own);
        }
        boolean hard = !stillTrying && FailureReasons.isHard(status, evidence, true);
        return Finding.of(hard ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE, recipient, status, diagnostic, messageId);
    }

    /** From {@code at} to the end of its paragraph. */
    private static String paragraph(String text, int at) {
        int end = text.indexOf("\n\n", at);
        int endCrLf = text.indexOf("\r\n\r\n", at);
        if (endCrLf >= 0 && (end < 0 || endCrLf < end)) {
            end = endCrLf;
        }
        return text.substring(at, end < 0 ? Math.min(text.length(), at + 600) : Math.min(end, at + 600));
    }

    private static String afterAddress(String window, String recipient) {
        if (window.isEmpty()) {
            return null;
        }
        int start = recipient == null
                ? 0
                : Math.max(0, window.toLowerCase(java.util.Locale.ROOT).indexOf(recipient));
        String rest = window.substring(start).strip();
        return rest.length() > 400 ? rest.substring(0, 400) : rest;
    }

    private static String firstSentences(String text) {
        String stripped = text.strip();
        return stripped.length() > 300 ? stripped.substring(0, 300) : stripped;
    }

    private static String head(String text) {
        return text.length() > 4_000 ? text.substring(0, 4_000) : text;
    }
}
