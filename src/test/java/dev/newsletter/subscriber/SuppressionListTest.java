package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionListTest {
    @TempDir
    Path dir;

    @Test
    void matchesAddressesByTheirKeyInAnyCaseAndIdnForm() throws Exception {
        Path file = dir.resolve("suppressed.csv");
        Files.writeString(
                file,
                "\uFEFFEmail,Reason,Suppressed_At\r\nLi.Wei@EXAMPLE.org,unsubscribed,2024-10-15T13:40:00Z\r\n\r\n"
                        + "a@bücher.example,hard bounce,2024-10-16T00:00:00Z\r\n");

        SuppressionList list = SuppressionList.load(file);

        assertThat(list.contains(EmailAddress.parse("Li.Wei@example.org"))).isTrue();
        assertThat(list.contains(EmailAddress.parse("li.wei@example.org"))).isTrue();
        assertThat(list.contains(EmailAddress.parse("li.wu@example.org"))).isFalse();
        assertThat(list.lineOf(EmailAddress.parse("a@xn--bcher-kva.example"))).isEqualTo(4);
        assertThat(list.size()).isEqualTo(2);
    }

    @Test
    void aMissingFileSuppressesNobody() {
        assertThat(SuppressionList.load(dir.resolve("none.csv")).size()).isZero();
    }

    @Test
    void refusesABadLineNamingIt() throws Exception {
        Path file = dir.resolve("suppressed.csv");
        Files.writeString(file, "email,reason,suppressed_at\nnot-an-address,x,\nok@example.org,x\n");

        assertThatThrownBy(() -> SuppressionList.load(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":2: 'not-an-address' is not of the form name@domain")
                .hasMessageContaining(file + ":3: expected 3 fields as in the header, found 2");
    }
}
