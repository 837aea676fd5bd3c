package dev.newsletter.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code signup:} — the daemon's double opt-in form ({@code POST <baseUrl>/subscribe}); absent: the
 * route answers 404.
 *
 * @param lists the lists people may join from the form; the first is the default
 * @param fields extra columns the form may fill (each must be a column of every list above)
 * @param thankYouUrl where to send the browser (303) after a signup; empty: a page of our own
 * @param confirmWithin how long a confirmation link works (default {@code 7d})
 * @param perAddressPerDay confirmation mails one address gets in a day, at most (default 3)
 * @param perIpPerHour signups one client address may make in an hour, at most (default 20)
 * @param trustProxy whether the client address is the last {@code X-Forwarded-For} entry of a
 *     request that comes from this machine (a reverse proxy on loopback); default false, because
 *     anyone can send that header
 */
public record SignupSettings(
        List<String> lists,
        List<String> fields,
        String thankYouUrl,
        Duration confirmWithin,
        Integer perAddressPerDay,
        Integer perIpPerHour,
        Boolean trustProxy) {
    public SignupSettings {
        lists = lists == null ? List.of() : List.copyOf(lists);
        fields = fields == null ? List.of() : List.copyOf(fields);
        thankYouUrl = thankYouUrl == null ? "" : thankYouUrl.strip();
        confirmWithin = confirmWithin == null ? Duration.ofDays(7) : confirmWithin;
        perAddressPerDay = perAddressPerDay == null ? 3 : perAddressPerDay;
        perIpPerHour = perIpPerHour == null ? 20 : perIpPerHour;
        trustProxy = trustProxy != null && trustProxy;
    }

    /** The list a form without a {@code list} field joins. */
    public String defaultList() {
        return lists.get(0);
    }
}
