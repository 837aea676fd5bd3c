package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ListEditor#withdraw}: a bounced or complained row, suppressed, only that row's bytes changed. */
class ListEditorWithdrawTest {
    private static final String LIST = "email,name,status,subscribed_at,tags\r\n"
            + "ana.lima@example.org,Ana Lima,active,2024-09-02T10:15:00Z,faculty\r\n"
            + "priya.raman@example.org,Priya Raman,active,2024-09-05T14:05:00Z,\r\n";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path project;

    private Path list;
    private Path suppressed;
    private ListEditor editor;

    @BeforeEach
    void setUp() throws Exception {
        Path folder = Files.createDirectories(project.resolve("subscribers"));
        list = folder.resolve("pdl-packet.csv");
        suppressed = folder.resolve("suppressed.csv");
        Files.writeString(list, LIST);
        editor = ListEditor.of(list, suppressed, false, CLOCK, () -> {});
    }

    @Test
    void aComplaintMarksTheRowComplainedAndSuppressesOnce() throws Exception {
        ListEditor.Outcome outcome = editor.withdraw("Priya.Raman@example.org", Status.COMPLAINED, "complaint");

        assertThat(outcome.changed()).isTrue();
        assertThat(outcome.message())
                .isEqualTo("marked Priya.Raman@example.org complained (line 3) and added it to the suppression list");
        assertThat(Files.readString(list))
                .isEqualTo(LIST.replace(
                        "priya.raman@example.org,Priya Raman,active,",
                        "priya.raman@example.org,Priya Raman,complained,"));
        assertThat(Files.readString(suppressed))
                .isEqualTo("email,reason,suppressed_at\nPriya.Raman@example.org,complaint,2024-11-01T09:00:00Z\n");

        ListEditor.Outcome again = editor.withdraw("priya.raman@example.org", Status.COMPLAINED, "complaint");
        assertThat(again.changed()).isFalse();
        assertThat(again.message())
                .isEqualTo("priya.raman@example.org is already complained and suppressed; nothing changed");
        SubscriberFile.of(list).validate();
    }

    @Test
    void anUnsubscribeOrBounceAfterAComplaintSaysTheRowIsComplained() {
        editor.withdraw("priya.raman@example.org", Status.COMPLAINED, "complaint");

        assertThat(editor.unsubscribe("priya.raman@example.org", "mailto").message())
                .isEqualTo("priya.raman@example.org is already complained and suppressed; nothing changed");
        assertThat(editor.withdraw("priya.raman@example.org", Status.BOUNCED, "hard-bounce")
                        .message())
                .isEqualTo("priya.raman@example.org is already complained and suppressed; nothing changed");
    }

    @Test
    void aComplainedSubscriberIsResubscribedOnlyWithForce() {
        editor.withdraw("ana.lima@example.org", Status.BOUNCED, "hard-bounce");
        editor.withdraw("priya.raman@example.org", Status.COMPLAINED, "complaint");

        assertThatThrownBy(() -> editor.resubscribe("priya.raman@example.org", false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("complained of spam; pass --force")
                .hasMessageContaining("suppressed for 'complaint'");
        assertThatThrownBy(() -> editor.resubscribe("ana.lima@example.org", false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bounced; pass --force");
        assertThat(editor.resubscribe("priya.raman@example.org", true).changed())
                .isTrue();
    }
}
