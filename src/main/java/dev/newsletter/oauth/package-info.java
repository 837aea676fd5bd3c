/**
 * OAuth 2.0 access tokens for logging in with XOAUTH2: asked for over HTTPS (JDK {@code HttpClient},
 * Jackson for the JSON), cached in memory for the run and renewed before they run out. The three
 * grants of {@code oauth.grant}: client credentials, refresh token, and a JWT bearer assertion signed
 * with a service account's key (RS256, JDK only). Tokens and secrets live only in memory: no
 * {@code toString}, log line or error message shows them. Nothing here knows SMTP or IMAP.
 */
package dev.newsletter.oauth;
