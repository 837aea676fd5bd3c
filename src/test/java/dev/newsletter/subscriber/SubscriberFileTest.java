package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus of bad (and awkward but good) files in src/test/resources/subscriber/corpus. */
class SubscriberFileTest {
    private static final String MATCH =
            " (addresses match without regard to upper and lower case, domains also in their ASCII form)";

    private static final String HEADER = "email,name,status,subscribed_at,tags\n";

    @TempDir
    Path dir;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of(
                        "mixed-delimiters.csv",
                        List.of("3: expected 5 fields as in the header, found 1 (the line seems to be separated by"
                                + " ';' instead of ',')")),
                Arguments.of("quoted-newlines.csv", List.of("6: 'not-an-address' is not of the form name@domain")),
                Arguments.of("crlf-in-name.csv", List.of("2: the name contains a line break")),
                Arguments.of(
                        "duplicate-headers.csv", List.of("1: the header names column 'email' twice (columns 1 and 3)")),
                Arguments.of("empty.csv", List.of("the file is empty; it needs a header row")),
                Arguments.of("invalid-utf8.csv", List.of("3:19: invalid UTF-8 (byte 0xEB)")),
                Arguments.of("utf16.csv", List.of("1: the file is UTF-16; save it as UTF-8")),
                Arguments.of(
                        "unclosed-quote.csv",
                        List.of(
                                "2: a quoted field is not closed before the end of the file",
                                "4: unknown status 'sleeping'")),
                Arguments.of(
                        "stray-quote.csv",
                        List.of("2: a quote inside an unquoted field", "3: text after the closing quote of a field")),
                Arguments.of(
                        "duplicates.csv",
                        List.of(
                                "3: duplicate address Ann@example.org, already on line 2",
                                "5: duplicate address a@xn--bcher-kva.example, already on line 4")),
                Arguments.of(
                        "bad-values.csv",
                        List.of(
                                "2: unknown status 'asleep' (use one of [active, unsubscribed, bounced, pending, complained])",
                                "3: subscribed_at '02/09/2024' is not a date; use ISO 8601")),
                Arguments.of("no-email-column.csv", List.of("1: the header has no 'email' column")),
                Arguments.of(
                        "semicolon-header.csv",
                        List.of("1: the header has no 'email' column", "separated by ';' instead of ','")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void refusesABadFileNamingEachProblemWithFileAndLine(String name, List<String> expected) throws Exception {
        Path file = corpus(name);

        assertThatThrownBy(() -> SubscriberFile.of(file).forEach(s -> {}))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    List<String> problems = ((InvalidInputException) e)
                            .problems().stream().map(Problem::toString).toList();
                    assertThat(problems).allSatisfy(p -> assertThat(p).startsWith(file + ":"));
                    for (String fragment : expected) {
                        assertThat(problems).anySatisfy(p -> assertThat(p).contains(fragment));
                    }
                });
    }

    @Test
    void toleratesAByteOrderMarkAndCrlf() throws Exception {
        List<Subscriber> read = read(corpus("bom.csv"));

        assertThat(read).extracting(s -> s.email().toString()).containsExactly("ann@example.org", "bob@example.org");
        assertThat(read.get(1).status()).isEqualTo(Status.PENDING);
        assertThat(read.get(1).line()).isEqualTo(3);
    }

    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndLineBreaksAndCountsLinesThroughThem() throws Exception {
        Path file = dir.resolve("list.csv");
        Files.writeString(
                file,
                HEADER.replace("\n", ",affiliation\n")
                        + "ann@example.org,Ann,active,,,\"Carnegie Mellon\nUniversity, Pittsburgh\"\n"
                        + "bob@example.org,\"Bob \"\"The Builder\"\"\",active,,,\"two\r\nlines\"\n"
                        + "cy@example.org,Cy,active,,a;b,\n");

        List<Subscriber> read = read(file);

        assertThat(read).extracting(Subscriber::line).containsExactly(2L, 4L, 6L);
        assertThat(read.get(0).attributes()).containsEntry("affiliation", "Carnegie Mellon\nUniversity, Pittsburgh");
        assertThat(read.get(1).name()).isEqualTo("Bob \"The Builder\"");
        assertThat(read.get(2).tags()).containsExactly("a", "b");
    }

    @Test
    void recipientsAreTheActiveSubscribersNotSuppressed() throws Exception {
        Path file = dir.resolve("list.csv");
        Files.writeString(
                file,
                HEADER + "ann@example.org,,active,,\nbob@example.org,,pending,,\ncy@example.org,,unsubscribed,,\n"
                        + "dee@example.org,,bounced,,\neve@Example.org,,active,,\nfay@example.org,,,,\n");
        Path suppressedFile = dir.resolve("suppressed.csv");
        Files.writeString(suppressedFile, "email,reason,suppressed_at\neve@example.org,unsubscribed,\n");
        List<String> recipients = new ArrayList<>();

        SubscriberFile.of(file)
                .forEachRecipient(
                        SuppressionList.load(suppressedFile),
                        s -> recipients.add(s.email().toString()));

        assertThat(recipients).containsExactly("ann@example.org", "fay@example.org");
    }

    @Test
    void eachRowSaysWhetherTheSuppressionListHasItsAddressInAnySpelling() throws Exception {
        Path file = dir.resolve("list.csv");
        Files.writeString(
                file,
                HEADER + "ann@example.org,,active,,\neve@EXAMPLE.org,,pending,,\nzoe@bücher.example,,active,,\n"
                        + "Max@example.org,,active,,\n");
        Path suppressedFile = dir.resolve("suppressed.csv");
        Files.writeString(
                suppressedFile,
                "email,reason,suppressed_at\neve@example.org,unsubscribed,\nzoe@xn--bcher-kva.example,bounced,\n"
                        + "max@example.org,unsubscribed,\n");
        List<String> rows = new ArrayList<>();

        SubscriberFile.of(file)
                .forEach(
                        SuppressionList.load(suppressedFile),
                        (s, suppressed) -> rows.add(s.email() + " " + suppressed));

        assertThat(rows)
                .containsExactly(
                        "ann@example.org false",
                        "eve@example.org true",
                        "zoe@xn--bcher-kva.example true",
                        "Max@example.org true");
    }

    @Test
    void acceptsAHeaderOnlyFileAsAnEmptyList() throws Exception {
        assertThat(read(corpus("header-only.csv"))).isEmpty();
    }

    @Test
    void skipsBlankLinesAndReadsALastLineWithoutLineEnding() throws Exception {
        List<Subscriber> read = read(corpus("blank-line-no-final-newline.csv"));

        assertThat(read).extracting(Subscriber::line).containsExactly(2L, 4L);
    }

    @Test
    void refusesARecordOfTenMegabytesAndGoesOnWithTheNextLine() throws Exception {
        Path file = dir.resolve("huge.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(HEADER.getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 160; i++) {
                out.write(chunk);
            }
            out.write("\nbad,Cy,active,,\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .extracting(Problem::toString)
                        .containsExactly(
                                file + ":2: the record is longer than 1 MiB; is a quote left open, or is this not a"
                                        + " CSV file?",
                                file + ":3: 'bad' is not of the form name@domain"));
    }

    @Test
    void refusesAFileThatIsOneTenMegabyteLine() throws Exception {
        Path file = dir.resolve("one-line.csv");
        Files.write(file, "email,".repeat((10 << 20) / 6).getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":1: the record is longer than 1 MiB");
    }

    @Test
    void refusesANonAsciiLocalPartUnlessAllowed() throws Exception {
        Path file = dir.resolve("utf8.csv");
        Files.writeString(file, HEADER + "jürgen@example.org,Jürgen,active,,\n");

        assertThatThrownBy(() -> read(file)).hasMessageContaining(file + ":2: the local part 'jürgen' is not ASCII");
        List<Subscriber> read = new ArrayList<>();
        SubscriberFile.of(file, true).forEach(read::add);
        assertThat(read).extracting(s -> s.email().toString()).containsExactly("jürgen@example.org");
    }

    @Test
    void storesIdnDomainsInAsciiForm() throws Exception {
        Path file = dir.resolve("idn.csv");
        Files.writeString(file, HEADER + "ann@Bücher.Example,Ann,active,,\n");

        assertThat(read(file)).extracting(s -> s.email().toString()).containsExactly("ann@xn--bcher-kva.example");
    }

    @Test
    void reportsAtMostAHundredProblemsAndCountsTheRest() throws Exception {
        Path file = dir.resolve("many.csv");
        Files.writeString(file, HEADER + "bad,x,active,,\n".repeat(250));

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .hasSize(101)
                        .last()
                        .hasToString(file + ": 150 more problems not shown"));
    }

    @Test
    void callsTheActionForNoRowAfterTheFirstProblem() throws Exception {
        Path file = dir.resolve("late.csv");
        Files.writeString(file, HEADER + "ann@example.org,,,,\nbad,,,,\ncy@example.org,,,,\n");
        List<Subscriber> seen = new ArrayList<>();

        assertThatThrownBy(() -> SubscriberFile.of(file).forEach(seen::add)).isInstanceOf(InvalidInputException.class);
        assertThat(seen).extracting(s -> s.email().toString()).containsExactly("ann@example.org");
    }

    @Test
    void findsDuplicatesAmongAHundredThousandRows() throws Exception {
        Path file = dir.resolve("big.csv");
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < 100_000; i++) {
            text.append("reader").append(i).append("@example.org,,active,,\n");
        }
        text.append("READER77@EXAMPLE.ORG,,active,,\nreader77@Example.org,,active,,\n");
        Files.writeString(file, text);

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .extracting(Problem::toString)
                        .containsExactly(
                                file + ":100002: duplicate address READER77@example.org, already on line 79" + MATCH,
                                file + ":100003: duplicate address reader77@example.org, already on line 79" + MATCH));
    }

    private static List<Subscriber> read(Path file) {
        List<Subscriber> read = new ArrayList<>();
        SubscriberFile.of(file).forEach(read::add);
        return read;
    }

    static Path corpus(String name) throws URISyntaxException, IOException {
        Path path = Path.of(SubscriberFileTest.class
                .getResource("/subscriber/corpus/" + name)
                .toURI());
        if (!Files.exists(path)) {
            throw new IOException("no corpus file " + name);
        }
        return path;
    }
}
