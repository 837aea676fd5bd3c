/**
 * SMTP made fast: an optimisation of the plain Angus path, fenced here, with one switch that turns
 * it off ({@link dev.newsletter.delivery.smtp.SmtpPath}: {@code NEWSLETTER_PLAIN_SMTP=1}).
 *
 * <p>The plain path is stock Angus Mail: {@code SMTPTransport.sendMessage} writes the message
 * through its own {@code SMTPOutputStream}, on sockets Angus opens, with {@code
 * mail.smtp.writetimeout} for the write timeout. The fast path puts the same bytes on the wire,
 * with less CPU and no waiting:
 *
 * <ul>
 *   <li>{@link dev.newsletter.delivery.smtp.NoDelaySocketFactory} and {@link
 *       dev.newsletter.delivery.smtp.NoDelaySslSocketFactory}: TCP_NODELAY (without it each message
 *       waits about 40 ms on Nagle's algorithm and delayed ACKs);
 *   <li>{@link dev.newsletter.delivery.smtp.WatchedSocket}: the write timeout kept by one watchdog
 *       thread instead of a task on an executor around every write;
 *   <li>{@link dev.newsletter.delivery.smtp.SmtpDataStream}: CRLF and dot-stuffing in one pass,
 *       written to Angus' buffered server stream, which {@link
 *       dev.newsletter.delivery.smtp.TrackedTransport} reads by reflection (without it, on another
 *       Angus version, Angus' own stream is used);
 *   <li>PIPELINING (RFC 2920), when the server's EHLO offers it: {@code MAIL FROM}, {@code RCPT TO}
 *       and {@code DATA} in one write, their replies read in order, the body after the 354 ({@link
 *       dev.newsletter.delivery.smtp.TrackedTransport#send}): two round trips per message instead of
 *       four. Without PIPELINING offered, or without the reflected stream, Angus' {@code sendMessage}.
 * </ul>
 *
 * <p>What both paths need, for correctness, also lives in {@link
 * dev.newsletter.delivery.smtp.TrackedTransport}: the step of the transaction (MAIL, RCPT, DATA,
 * the final dot), so the journal's attempt line is written right before the final dot; the last
 * reply; the {@code RSET} Angus sent by itself; and the XOAUTH2 command.
 */
package dev.newsletter.delivery.smtp;
