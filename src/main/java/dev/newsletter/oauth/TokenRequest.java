package dev.newsletter.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One grant's request to the token endpoint (RFC 6749 §4.4, §6; RFC 7523 §2.1). */
interface TokenRequest {

    /** The form fields of a new request made at {@code now}. */
    Map<String, String> form(Instant now);

    /** The endpoint's answer carried a new refresh token (rotation): use it from now on. */
    default void rotated(String refreshToken) {}

    /** Every secret value this request sends, to be cut out of anything shown. */
    List<String> secrets();

    /** The grant's name as written in the config. */
    String grant();

    /** What to change for an OAuth {@code error} code from the endpoint (may be empty). */
    String hint(String error);
}
