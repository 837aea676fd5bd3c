package dev.newsletter.issue;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** A typed item of an issue; the {@code type} key in the issue file chooses the kind. */
public sealed interface Item {

    /** The {@code type} value that selects this kind of item in the issue file. */
    String type();

    /** A paper: title, full author list, venue, a summary in Markdown, a link to read more, maybe a picture. */
    record Paper(String title, List<String> authors, String venue, Markdown summary, URI link, Optional<Image> image)
            implements Item {
        public Paper {
            authors = List.copyOf(authors);
        }

        @Override
        public String type() {
            return "paper";
        }
    }

    /** Free text in Markdown. */
    record Text(Markdown body) implements Item {
        @Override
        public String type() {
            return "text";
        }
    }
}
