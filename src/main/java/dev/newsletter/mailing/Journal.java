package dev.newsletter.mailing;

/**
 * What {@link Mailing} needs from the delivery journal: the checkpoint to resume from, and the
 * attempt/result lines around every message.
 */
public interface Journal {

    /** Accepted or permanently rejected before: never sent again for this issue and list. */
    boolean isDone(String email);

    /** Attempted before without a result: the process died mid-message. */
    boolean isInDoubt(String email);

    void attempt(String email, String messageId, int attempt);

    void result(String email, String messageId, int attempt, DeliveryResult result, long millis);

    /** A journal that remembers nothing: for dry runs. */
    static Journal none() {
        return new Journal() {
            @Override
            public boolean isDone(String email) {
                return false;
            }

            @Override
            public boolean isInDoubt(String email) {
                return false;
            }

            @Override
            public void attempt(String email, String messageId, int attempt) {}

            @Override
            public void result(String email, String messageId, int attempt, DeliveryResult result, long millis) {}
        };
    }
}
