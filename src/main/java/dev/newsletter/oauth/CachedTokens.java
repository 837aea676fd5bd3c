package dev.newsletter.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One token at a time for the whole run, shared by every connection: fetched on first use, reused
 * until a margin before it expires (a tenth of its lifetime, at most five minutes), then fetched
 * again. Connections wait for one fetch rather than each making their own, and share its failure
 * when it fails; a token the server refused is replaced once, however many connections report it.
 */
final class CachedTokens implements TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(CachedTokens.class);
    static final Duration MAX_MARGIN = Duration.ofMinutes(5);

    private final TokenEndpoint endpoint;
    private final TokenRequest request;
    private final Clock clock;
    private AccessToken current;
    private Instant renewAt = Instant.MIN;
    private int fetches;
    /** Fetches ended (with a token or a failure), read before waiting for the lock. */
    private final AtomicInteger attempts = new AtomicInteger();

    private TokenException lastFailure;

    CachedTokens(TokenEndpoint endpoint, TokenRequest request, Clock clock) {
        this.endpoint = endpoint;
        this.request = request;
        this.clock = clock;
    }

    @Override
    public AccessToken token() {
        int seen = attempts.get();
        synchronized (this) {
            if (current != null && clock.instant().isBefore(renewAt)) {
                return current;
            }
            return fetchUnlessFailedSince(seen);
        }
    }

    @Override
    public AccessToken renew(AccessToken rejected) {
        int seen = attempts.get();
        synchronized (this) {
            if (current != null
                    && current.serial() != rejected.serial()
                    && clock.instant().isBefore(renewAt)) {
                return current;
            }
            return fetchUnlessFailedSince(seen);
        }
    }

    /**
     * A fetch, unless one failed while this caller waited for the lock: then that failure, so that
     * connections queued behind a slow or failing endpoint do not each ask it again in turn.
     */
    private AccessToken fetchUnlessFailedSince(int seen) {
        if (attempts.get() != seen && lastFailure != null) {
            throw new TokenException(lastFailure.getMessage(), lastFailure.refused(), lastFailure);
        }
        try {
            AccessToken token = fetch();
            lastFailure = null;
            return token;
        } catch (TokenException e) {
            lastFailure = e;
            throw e;
        } finally {
            attempts.incrementAndGet();
        }
    }

    @Override
    public String describe() {
        return request.grant() + " grant at " + endpoint.url();
    }

    /** How many tokens this run has fetched. */
    synchronized int fetches() {
        return fetches;
    }

    private AccessToken fetch() {
        Instant asked = clock.instant();
        TokenEndpoint.Issued issued = endpoint.fetch(request, request.form(asked));
        issued.refreshToken().ifPresent(request::rotated);
        Duration lifetime = Duration.ofSeconds(Math.max(1, issued.expiresInSeconds()));
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        fetches++;
        current = new AccessToken(issued.accessToken(), asked.plus(lifetime), fetches);
        renewAt = current.expiresAt().minus(margin);
        LOG.info("got {} from {} ({} grant)", current, endpoint.url(), request.grant());
        return current;
    }
}
