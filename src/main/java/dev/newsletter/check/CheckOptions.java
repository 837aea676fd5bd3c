package dev.newsletter.check;

import java.time.Duration;
import java.util.Optional;

/**
 * How to check.
 *
 * @param list the list to check against (null: the config's default list)
 * @param subscriber render for this subscriber's address (empty: the list's first active one)
 * @param online also ask the network: do links answer, does DNS publish the DKIM key and a DMARC policy
 * @param timeout per network request
 * @param spam also score the message with SpamAssassin
 */
public record CheckOptions(String list, Optional<String> subscriber, boolean online, Duration timeout, boolean spam) {
    public CheckOptions(String list, Optional<String> subscriber, boolean online, Duration timeout) {
        this(list, subscriber, online, timeout, false);
    }

    public static CheckOptions offline(String list) {
        return new CheckOptions(list, Optional.empty(), false, Duration.ofSeconds(10));
    }
}
