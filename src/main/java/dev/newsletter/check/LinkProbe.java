package dev.newsletter.check;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Asks whether links answer. Behind an interface so tests need no network. */
@FunctionalInterface
public interface LinkProbe {

    /** The answer for each link: an HTTP status, or an error saying why there was none. */
    Map<URI, Answer> probe(List<URI> links);

    /** An HTTP status (0 when there was none) or the error. */
    record Answer(int status, String error) {
        public static Answer status(int status) {
            return new Answer(status, "");
        }

        public static Answer error(String error) {
            return new Answer(0, error);
        }

        public boolean broken() {
            return status >= 400;
        }
    }
}
