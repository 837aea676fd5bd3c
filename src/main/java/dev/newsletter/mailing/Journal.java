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

    /** A journal that remembers and records nothing: for dry runs. */
    static Journal none() {
        return new Forgetful(null);
    }

    /** Records every attempt and result in {@code lines} but never skips anyone: test sends go out every time. */
    static Journal recordOnly(Journal lines) {
        return new Forgetful(lines);
    }

    /** Never done, never in doubt; lines go to another journal, or nowhere. */
    final class Forgetful implements Journal {
        private final Journal lines;

        private Forgetful(Journal lines) {
            this.lines = lines;
        }

        @Override
        public boolean isDone(String email) {
            return false;
        }

        @Override
        public boolean isInDoubt(String email) {
            return false;
        }

        @Override
        public void attempt(String email, String messageId, int attempt) {
            if (lines != null) {
                lines.attempt(email, messageId, attempt);
            }
        }

        @Override
        public void result(String email, String messageId, int attempt, DeliveryResult result, long millis) {
            if (lines != null) {
                lines.result(email, messageId, attempt, result, millis);
            }
        }
    }
}
