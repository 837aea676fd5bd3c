package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A signup's pending row and its confirmation, for every status an address may already have. */
class SignupRowsTest {
    /** When the confirmation links of these tests were made: after the sample suppression lines. */
    private static final Instant ISSUED = Instant.parse("2026-12-01T00:00:00Z");

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
    private static final String LIST = """
            email,name,status,subscribed_at,tags,source,confirmed_at
            ann@example.org,Ann,active,2024-09-02T10:15:00Z,,,
            pat@example.org,Pat,pending,2024-09-02T10:15:00Z,,form,
            uma@example.org,Uma,unsubscribed,2024-09-02T10:15:00Z,,,
            bo@example.org,Bo,bounced,2024-09-02T10:15:00Z,,,
            """;

    @TempDir
    Path dir;

    private SignupRows rows(String list, String suppressed) throws Exception {
        Path file = dir.resolve("list.csv");
        if (list != null) {
            Files.writeString(file, list);
        }
        Files.writeString(dir.resolve("suppressed.csv"), "email,reason,suppressed_at\n" + suppressed);
        return SignupRows.of(file, dir.resolve("suppressed.csv"), false, CLOCK);
    }

    private static NewSubscriber form(String email) {
        return new NewSubscriber(email, "Someone", Status.PENDING, List.of(), Map.of());
    }

    private String list() throws Exception {
        return Files.readString(dir.resolve("list.csv"));
    }

    @Test
    void eachStatusGetsItsAnswerAndOnlyANewAddressAddsARow() throws Exception {
        SignupRows rows = rows(
                LIST,
                "uma@example.org,unsubscribed,2024-10-01T00:00:00Z\n"
                        + "gone@example.org,hard-bounce,2024-10-01T00:00:00Z\n");

        assertThat(rows.request(form("Ann@EXAMPLE.org"))).isEqualTo(SignupRows.Signup.ACTIVE);
        assertThat(rows.request(form("PAT@example.org"))).isEqualTo(SignupRows.Signup.PENDING);
        assertThat(rows.request(form("uma@example.org"))).isEqualTo(SignupRows.Signup.RETURNING);
        assertThat(rows.request(form("bo@example.org"))).isEqualTo(SignupRows.Signup.REFUSED);
        assertThat(rows.request(form("Gone@example.org"))).isEqualTo(SignupRows.Signup.REFUSED);
        assertThat(list()).isEqualTo(LIST);

        assertThat(rows.request(form("New@Example.org"))).isEqualTo(SignupRows.Signup.ADDED);
        assertThat(rows.request(form("new@example.org"))).isEqualTo(SignupRows.Signup.PENDING);
        assertThat(list()).isEqualTo(LIST + "New@example.org,Someone,pending,2026-12-05T10:00:00Z,,form,\n");
    }

    @Test
    void twentySimultaneousSignupsOfOneAddressInItsSpellingsAddOneRow() throws Exception {
        SignupRows rows = rows(LIST, "");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<SignupRows.Signup>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String spelling = i % 2 == 0 ? "Dup@Example.org" : "dUP@example.ORG";
            results.add(pool.submit(() -> rows.request(form(spelling))));
        }
        List<SignupRows.Signup> answers = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<SignupRows.Signup> result : results) {
            answers.add(result.get());
        }
        pool.shutdown();

        assertThat(answers).containsOnlyOnce(SignupRows.Signup.ADDED);
        assertThat(answers).filteredOn(a -> a == SignupRows.Signup.PENDING).hasSize(19);
        assertThat(list().toLowerCase().split("dup@example.org", -1)).hasSize(2);
    }

    @Test
    void confirmingMakesActiveOnceAndLiftsOnlyAnUnsubscribe() throws Exception {
        SignupRows rows = rows(LIST, "uma@example.org,unsubscribed,2024-10-01T00:00:00Z\n");

        assertThat(rows.confirm(EmailAddress.parse("Pat@example.org"), ISSUED))
                .isEqualTo(SignupRows.Confirmation.CONFIRMED);
        assertThat(rows.confirm(EmailAddress.parse("pat@example.org"), ISSUED))
                .isEqualTo(SignupRows.Confirmation.ALREADY_ACTIVE);
        assertThat(rows.confirm(EmailAddress.parse("uma@example.org"), ISSUED))
                .isEqualTo(SignupRows.Confirmation.CONFIRMED);
        assertThat(rows.confirm(EmailAddress.parse("bo@example.org"), ISSUED))
                .isEqualTo(SignupRows.Confirmation.REFUSED);
        assertThat(rows.confirm(EmailAddress.parse("nobody@example.org"), ISSUED))
                .isEqualTo(SignupRows.Confirmation.GONE);

        assertThat(list())
                .contains("pat@example.org,Pat,active,2024-09-02T10:15:00Z,,form,2026-12-05T10:00:00Z\n")
                .contains("uma@example.org,Uma,active,2024-09-02T10:15:00Z,,,2026-12-05T10:00:00Z\n")
                .contains("bo@example.org,Bo,bounced,");
        assertThat(Files.readString(dir.resolve("suppressed.csv"))).doesNotContain("uma@example.org");
    }

    @Test
    void aLinkMadeBeforeAnUnsubscribeIsGoneAndChangesNothing() throws Exception {
        SignupRows rows = rows(LIST, "uma@example.org,one-click,2026-12-01T00:00:00Z\n");

        assertThat(rows.confirm(EmailAddress.parse("UMA@example.org"), ISSUED.minusSeconds(1)))
                .isEqualTo(SignupRows.Confirmation.GONE);
        assertThat(rows.confirm(EmailAddress.parse("uma@example.org"), ISSUED))
                .as("the same second: the unsubscribe may have come after the link")
                .isEqualTo(SignupRows.Confirmation.GONE);
        assertThat(list()).isEqualTo(LIST);
        assertThat(Files.readString(dir.resolve("suppressed.csv"))).contains("uma@example.org");

        assertThat(rows.confirm(EmailAddress.parse("uma@example.org"), ISSUED.plusSeconds(1)))
                .as("a link from a signup after the unsubscribe")
                .isEqualTo(SignupRows.Confirmation.CONFIRMED);
    }

    @Test
    void aPendingRowSuppressedForAComplaintSinceIsNotConfirmed() throws Exception {
        SignupRows rows = rows(LIST, "pat@example.org,complaint,2024-10-01T00:00:00Z\n");

        assertThat(rows.confirm(EmailAddress.parse("pat@example.org"), ISSUED))
                .isEqualTo(SignupRows.Confirmation.REFUSED);
        assertThat(list()).isEqualTo(LIST);
    }

    @Test
    void theFirstSignupStartsTheListWithItsColumns() throws Exception {
        SignupRows rows = rows(null, "");

        rows.request(new NewSubscriber("a@example.org", "A", Status.PENDING, List.of(), Map.of("affiliation", "CMU")));

        assertThat(list())
                .isEqualTo("email,name,status,subscribed_at,tags,affiliation,source,confirmed_at\n"
                        + "a@example.org,A,pending,2026-12-05T10:00:00Z,,CMU,form,\n");
    }

    @Test
    void valuesAListCannotHoldAreNamed() {
        assertThat(SignupRows.unfit(new NewSubscriber("a@example.org", "Eve\r\nBcc: x", null, List.of(), Map.of())))
                .hasValue("the name contains a line break");
        assertThat(SignupRows.unfit(
                        new NewSubscriber("a@example.org", "", null, List.of(), Map.of("affiliation", "\u0085"))))
                .hasValue("the field affiliation contains a control character (U+0085)");
        assertThat(SignupRows.unfit(new NewSubscriber("a@example.org", "Ann Lee", null, List.of(), Map.of())))
                .isEmpty();
    }
}
