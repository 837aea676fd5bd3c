package dev.newsletter.report;

/**
 * Something a recipient did after a send, or that their mail server said: a hard or soft bounce, a
 * spam complaint, an unsubscribe. {@code key} is the address's matching key; {@code how} says
 * where it was found (the inbox message, the journal, the suppression list's reason).
 */
public record Reaction(Kind kind, String address, String key, String status, String at, String how) {
    public enum Kind {
        HARD_BOUNCE("hard bounce"),
        SOFT_BOUNCE("soft bounce"),
        COMPLAINT("complaint"),
        UNSUBSCRIBE("unsubscribe");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The kind of an {@code inbox scan} line ({@code hard-bounce} …), or null for one that is none of these. */
        static Kind ofScan(String kind) {
            if (kind == null) {
                return null;
            }
            return switch (kind) {
                case "hard-bounce" -> HARD_BOUNCE;
                case "soft-bounce" -> SOFT_BOUNCE;
                case "complaint" -> COMPLAINT;
                case "unsubscribe" -> UNSUBSCRIBE;
                default -> null;
            };
        }
    }
}
