package dev.newsletter.check;

import dev.newsletter.address.Mailbox;
import dev.newsletter.app.Project;
import dev.newsletter.config.DkimSettings;
import dev.newsletter.delivery.DkimKey;
import dev.newsletter.delivery.DkimRecord;
import dev.newsletter.delivery.DkimSigner;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.NamingException;

/** DKIM: configured, key usable, published in DNS (online), and aligned with the From domain. */
final class DkimChecks {
    private DkimChecks() {}

    static void dkim(Project project, Optional<DkimSigner> signer, Optional<DnsTxt> dns, List<CheckResult> results) {
        Optional<DkimSettings> settings = project.config().dkim();
        if (settings.isEmpty()) {
            results.add(CheckResult.warn(
                    "dkim",
                    "not configured: the program does not sign (fine if your relay signs for your domain;"
                            + " Gmail and Yahoo require DKIM; see ./newsletter dkim keygen)"));
            return;
        }
        if (signer.isEmpty()) {
            return; // the key could not be read: already reported as a failure
        }
        DkimKey key = signer.get().key();
        String name = DkimRecord.name(signer.get().selector(), signer.get().domain());
        String what = key.algorithm().tag()
                + (key.algorithm() == DkimKey.DkimAlgorithm.RSA_SHA256 ? " (" + key.bits() + "-bit)" : "") + ", d="
                + signer.get().domain() + " s=" + signer.get().selector();
        if (dns.isEmpty()) {
            CheckResult result = key.bits() < 2048 && key.algorithm() == DkimKey.DkimAlgorithm.RSA_SHA256
                    ? CheckResult.warn(
                            "dkim",
                            "signs with " + what + ": use a 2048-bit key (DNS record not checked; add --online)")
                    : CheckResult.pass(
                            "dkim", "signs with " + what + " (DNS record " + name + " not checked; add --online)");
            results.add(result);
        } else {
            results.add(published(key, what, name, dns.get()));
        }
        alignment(project, signer.get(), results);
    }

    private static CheckResult published(DkimKey key, String what, String name, DnsTxt dns) {
        List<String> records;
        try {
            records = dns.lookup(name).stream().filter(r -> r.contains("p=")).toList();
        } catch (NamingException e) {
            return CheckResult.warn(
                    "dkim", "signs with " + what + ", but DNS could not be asked for " + name + ": " + e.getMessage());
        }
        if (records.isEmpty()) {
            return CheckResult.fail("dkim", "no DKIM record at " + name + ": receivers cannot verify the signature")
                    .with(toPublish(key, name));
        }
        if (records.size() > 1) {
            return CheckResult.fail("dkim", records.size() + " DKIM records at " + name + ": publish exactly one");
        }
        try {
            DkimRecord record = DkimRecord.parse(records.get(0));
            if (!key.matches(record.publicKey())) {
                return CheckResult.fail(
                                "dkim",
                                "the key published at " + name + " is not the public half of the configured key")
                        .with(toPublish(key, name));
            }
        } catch (IllegalArgumentException e) {
            return CheckResult.fail("dkim", "the record at " + name + " is unusable: " + e.getMessage());
        }
        if (key.algorithm() == DkimKey.DkimAlgorithm.RSA_SHA256 && key.bits() < 2048) {
            return CheckResult.warn(
                    "dkim", "signs with " + what + "; the key at " + name + " matches, but use a 2048-bit key");
        }
        return CheckResult.pass("dkim", "signs with " + what + "; the key published at " + name + " matches");
    }

    /** The record that publishes the configured key, where its public half can be derived (RSA). */
    private static List<String> toPublish(DkimKey key, String name) {
        return key.publicKey()
                .map(pub -> List.of(
                        "publish this TXT record:",
                        name + ". IN TXT " + new DkimRecord(key.algorithm(), pub).zoneText()))
                .orElse(List.of("publish the TXT record ./newsletter dkim keygen printed for this key at " + name));
    }

    private static void alignment(Project project, DkimSigner signer, List<CheckResult> results) {
        String from = Mailbox.parse(project.config().newsletter().from())
                .address()
                .domain()
                .toLowerCase(Locale.ROOT);
        String d = signer.domain();
        if (from.equals(d)) {
            results.add(
                    CheckResult.pass("dkim-alignment", "From domain " + from + " is the DKIM domain (DMARC aligned)"));
        } else if (from.endsWith("." + d)) {
            results.add(CheckResult.pass(
                    "dkim-alignment",
                    "From domain " + from + " is under the DKIM domain " + d + " (relaxed DMARC alignment)"));
        } else {
            results.add(CheckResult.fail(
                    "dkim-alignment",
                    "From domain " + from + " is not the DKIM domain " + d
                            + " or under it: DMARC will not count the signature"));
        }
    }
}
