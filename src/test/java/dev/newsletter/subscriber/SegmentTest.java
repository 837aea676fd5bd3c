package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentTest {
    private static Subscriber row(String tags, Map<String, String> attributes) {
        return new Subscriber(
                EmailAddress.parse("ann@example.org", false),
                "Ann Lee",
                Status.ACTIVE,
                "2024-09-01",
                RowParser.tags(tags),
                attributes,
                2);
    }

    @Test
    void anyTagAndEveryConditionMustMatchWithFieldNamesNormalisedAsTheHeadersAre() {
        Segment segment = Segment.of(List.of("alumni", "phd"), List.of("Home-Town = Pittsburgh ", "NAME=Ann Lee"));

        assertThat(segment.where()).containsOnlyKeys("home_town", "name");
        assertThat(segment.matches(row("industry; phd", Map.of("home_town", " Pittsburgh"))))
                .isTrue();
        assertThat(segment.matches(row("industry", Map.of("home_town", "Pittsburgh"))))
                .isFalse();
        assertThat(segment.matches(row("phd", Map.of("home_town", "Pittsburg"))))
                .isFalse();
        assertThat(segment.describe()).isEqualTo("tagged alumni or phd, where home_town=Pittsburgh and name=Ann Lee");
    }

    @Test
    void tagsAndValuesMatchInAnyCaseAsAddressesDo() {
        Segment segment = Segment.of(List.of("Alumni"), List.of("home_town=PITTSBURGH", "email=Ann@Example.ORG"));

        assertThat(segment.matches(row("alumni", Map.of("home_town", "Pittsburgh"))))
                .isTrue();
        assertThat(segment.matches(row("ALUMNI ", Map.of("home_town", "pittsburgh"))))
                .isTrue();
        assertThat(segment.matches(row("alumnus", Map.of("home_town", "Pittsburgh"))))
                .isFalse();
        assertThat(Segment.of(List.of(), List.of("role=Student", "Role=student"))
                        .where())
                .containsOnlyKeys("role");
    }

    @Test
    void aValueMayHoldAnEqualsSignAndTheStatusIsMatchedByItsLabel() {
        Segment segment = Segment.of(List.of(), List.of("note=a=b", "status=active"));

        assertThat(segment.matches(row("", Map.of("note", "a=b")))).isTrue();
    }

    @Test
    void malformedOptionsAreRefusedInOneLine() {
        assertThatThrownBy(() -> Segment.of(List.of(), List.of("=x"))).hasMessageContaining("FIELD=VALUE");
        assertThatThrownBy(() -> Segment.of(List.of(), List.of("nofield"))).hasMessageContaining("FIELD=VALUE");
        assertThatThrownBy(() -> Segment.of(List.of("a;b"), List.of())).hasMessageContaining("is not a tag");
        assertThatThrownBy(() -> Segment.of(List.of("a\r\nBcc: x"), List.of()))
                .hasMessageContaining("control")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Segment.of(List.of(), List.of("role=a\nb"))).hasMessageContaining("control");
        assertThatThrownBy(() -> Segment.of(List.of(), List.of("role=a", "Role=b")))
                .hasMessageContaining("twice");
    }
}
