package dev.newsletter.report;

/**
 * The rates mailbox providers hold bulk senders to: Gmail and Yahoo want spam complaints under
 * 0.3 % of the mail delivered; a bounce rate over 2 % of the mail sent is the common line past which
 * providers and relays treat a list as neglected.
 */
final class ProviderLimits {
    static final double COMPLAINTS = 0.003;
    static final double BOUNCES = 0.02;

    private ProviderLimits() {}
}
