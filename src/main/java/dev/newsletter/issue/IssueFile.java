package dev.newsletter.issue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;

/** The shape of an issue file as written; {@link IssueReader} validates it into an {@link Issue}. */
record IssueFile(
        String id,
        String newsletter,
        String subject,
        String preheader,
        LocalDate date,
        String intro,
        List<SectionFile> sections,
        Boolean draft,
        List<String> attachments) {

    record SectionFile(String heading, List<ItemFile> items) {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = PaperFile.class, name = "paper"),
        @JsonSubTypes.Type(value = TextFile.class, name = "text")
    })
    sealed interface ItemFile permits PaperFile, TextFile {}

    record PaperFile(
            String title, List<String> authors, String venue, String summary, String link, String image, String alt)
            implements ItemFile {}

    record TextFile(String body) implements ItemFile {}
}
