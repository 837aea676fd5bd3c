package dev.newsletter.oauth;

/** Access tokens for one login, shared by every connection of a run. */
public interface TokenSource {

    /**
     * A token that stays valid for a while yet: the cached one, or a new one when it is about to
     * run out (never one fetch per message).
     *
     * @throws TokenException when no token can be had
     */
    AccessToken token();

    /**
     * The server refused {@code rejected} although it should still be valid (revoked, or clocks
     * disagree): a new token, unless another connection already got one since.
     *
     * @throws TokenException when no token can be had
     */
    AccessToken renew(AccessToken rejected);

    /** Where tokens come from, for messages: the token endpoint's URL and the grant. */
    String describe();
}
