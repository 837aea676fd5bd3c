package dev.newsletter.config;

import dev.newsletter.input.Problems;
import dev.newsletter.input.YamlFile;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates {@code signup:} (every problem at once, each at its key). */
final class SignupChecks {
    /** Column names the form may fill: what a header cell normalises to, and never a standard column. */
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private static final List<String> RESERVED =
            List.of("email", "name", "status", "subscribed_at", "tags", "source", "confirmed_at", "list", "website");

    private SignupChecks() {}

    static void check(YamlFile<?> yaml, SignupSettings signup, Problems problems) {
        if (signup.lists().isEmpty()) {
            problems.add(yaml.at(
                    "/signup/lists",
                    "signup.lists must name at least one list people may join (the first is the default)"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < signup.lists().size(); i++) {
            String list = signup.lists().get(i);
            if (list == null || !ConfigLoader.LIST_NAME.matcher(list).matches()) {
                problems.add(yaml.at(
                        "/signup/lists/" + i,
                        "list name '" + list + "' may only use letters, digits, '.', '_' and '-'"));
            } else if (!seen.add(list.toLowerCase(Locale.ROOT))) {
                problems.add(yaml.at("/signup/lists/" + i, "the list '" + list + "' is named twice"));
            }
        }
        for (int i = 0; i < signup.fields().size(); i++) {
            String field = signup.fields().get(i);
            if (field == null || !FIELD.matcher(field).matches()) {
                problems.add(yaml.at(
                        "/signup/fields/" + i,
                        "signup.fields must be column names in lower case (letters, digits, '_'), like affiliation"));
            } else if (RESERVED.contains(field)) {
                problems.add(yaml.at(
                        "/signup/fields/" + i,
                        "'" + field + "' is filled by the form itself; signup.fields names extra columns only"));
            }
        }
        if (!signup.thankYouUrl().isEmpty() && !ConfigLoader.isHttpUrl(signup.thankYouUrl())) {
            problems.add(yaml.at("/signup/thankYouUrl", "signup.thankYouUrl must be an absolute http(s) URL"));
        }
        Duration within = signup.confirmWithin();
        if (within.compareTo(Duration.ofMinutes(5)) < 0 || within.compareTo(Duration.ofDays(90)) > 0) {
            problems.add(yaml.at(
                    "/signup/confirmWithin",
                    "signup.confirmWithin must be a time from 5m to 90d, like 7d (default 7d)"));
        }
        if (signup.perAddressPerDay() < 1 || signup.perAddressPerDay() > 100) {
            problems.add(yaml.at(
                    "/signup/perAddressPerDay",
                    "signup.perAddressPerDay must be a number of mails from 1 to 100 (default 3)"));
        }
        if (signup.perIpPerHour() < 1 || signup.perIpPerHour() > 100_000) {
            problems.add(yaml.at(
                    "/signup/perIpPerHour",
                    "signup.perIpPerHour must be a number of signups from 1 to 100000 (default 20)"));
        }
    }
}
