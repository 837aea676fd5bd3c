package dev.newsletter.check;

import dev.newsletter.address.Mailbox;
import dev.newsletter.app.Project;
import dev.newsletter.config.DkimSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.naming.NamingException;

/**
 * DMARC (online only): does the From domain publish a policy at {@code _dmarc.<domain>} (RFC 7489),
 * or does a parent domain, whose policy then applies to it. Gmail and Yahoo require a DMARC record
 * (at least {@code p=none}) of bulk senders. When there is none, the result says which record to
 * publish.
 *
 * <p>A parent domain stands in for RFC 7489's organizational domain: without the public suffix list
 * the walk goes up to the last two labels ({@code news.pdl.example.org}, then {@code
 * pdl.example.org}, then {@code example.org}).
 */
final class DmarcChecks {
    static final String NAME = "dmarc";

    private DmarcChecks() {}

    static void dmarc(Project project, DnsTxt dns, List<CheckResult> results) {
        String from = Mailbox.parse(project.config().newsletter().from())
                .address()
                .domain()
                .toLowerCase(Locale.ROOT);
        Optional<String> dkimDomain =
                project.config().dkim().map(DkimSettings::domain).map(d -> d.toLowerCase(Locale.ROOT));
        results.add(check(from, dkimDomain, dns));
    }

    static CheckResult check(String from, Optional<String> dkimDomain, DnsTxt dns) {
        String own = "_dmarc." + from;
        for (String domain = from; domain != null; domain = parent(domain)) {
            String name = "_dmarc." + domain;
            List<String> records;
            try {
                records = dns.lookup(name).stream()
                        .map(String::strip)
                        .filter(r -> r.startsWith("v=DMARC1"))
                        .toList();
            } catch (NamingException e) {
                return CheckResult.warn(NAME, "DNS could not be asked for " + name + ": " + e.getMessage());
            }
            if (records.size() > 1) {
                return CheckResult.fail(
                                NAME,
                                records.size() + " DMARC records at " + name
                                        + ": receivers ignore them all; publish exactly one")
                        .with(records);
            }
            if (records.size() == 1) {
                return policy(from, name, domain.equals(from), records.get(0), dkimDomain);
            }
        }
        return CheckResult.fail(
                        NAME,
                        "no DMARC record at " + own + (parent(from) == null ? "" : " or a parent domain")
                                + ": Gmail and Yahoo require one of bulk senders")
                .with(List.of(
                        "publish this TXT record (p=none only asks for reports; tighten it once they look right):",
                        own + ". IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@" + from + "\""));
    }

    private static CheckResult policy(
            String from, String name, boolean own, String record, Optional<String> dkimDomain) {
        Map<String, String> tags = tags(record);
        String policy = own ? tags.get("p") : tags.getOrDefault("sp", tags.get("p"));
        if (policy == null || !List.of("none", "quarantine", "reject").contains(policy)) {
            return CheckResult.fail(
                            NAME,
                            "the DMARC record at " + name + " has no valid " + (own ? "p=" : "sp= or p=")
                                    + " (none, quarantine or reject): receivers ignore it")
                    .with(List.of(record));
        }
        String where = own ? "at " + name : "at " + name + ", which covers " + from;
        if (dkimDomain.isPresent()
                && "s".equals(tags.get("adkim"))
                && !dkimDomain.get().equals(from)) {
            return CheckResult.fail(
                    NAME,
                    "policy " + policy + " " + where + " asks for strict DKIM alignment (adkim=s), but the"
                            + " signature's domain " + dkimDomain.get() + " is not " + from
                            + ": sign with d=" + from + " or drop adkim=s");
        }
        String meaning = switch (policy) {
            case "none" -> "monitoring only: failing mail is still delivered";
            case "quarantine" -> "failing mail goes to spam";
            default -> "failing mail is refused";
        };
        return CheckResult.pass(NAME, "policy " + policy + " " + where + " (" + meaning + ")");
    }

    /** {@code v=DMARC1; p=none; rua=...} → its tags, names in lower case. */
    static Map<String, String> tags(String record) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : record.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(
                        part.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        part.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
            }
        }
        return tags;
    }

    /** {@code a.example.org} → {@code example.org}; null at two labels. */
    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        String rest = dot < 0 ? "" : domain.substring(dot + 1);
        return rest.indexOf('.') < 0 ? null : rest;
    }
}
