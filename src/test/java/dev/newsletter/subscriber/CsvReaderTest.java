package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CsvReaderTest {
    @TempDir
    Path dir;

    static Stream<String> corpusFiles() {
        return Stream.of(
                "bom.csv",
                "mixed-delimiters.csv",
                "quoted-newlines.csv",
                "crlf-in-name.csv",
                "duplicate-headers.csv",
                "empty.csv",
                "header-only.csv",
                "duplicates.csv",
                "bad-values.csv",
                "blank-line-no-final-newline.csv");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void recordsKeepEveryByteOfTheFile(String name) throws Exception {
        Path file = SubscriberFileTest.corpus(name);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();

        for (CsvRecord record : readAll(file)) {
            copy.writeBytes(record.raw());
        }

        assertThat(copy.toByteArray()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void knowsTheLineOffsetAndLineEndingOfEachRecord() throws Exception {
        Path file = write("a,b\r\n\"x\ny\",z\rlast,one");

        List<CsvRecord> records = readAll(file);

        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 4L);
        assertThat(records).extracting(CsvRecord::offset).containsExactly(0L, 5L, 13L);
        assertThat(records.get(0).lineEnding()).isEqualTo(new byte[] {'\r', '\n'});
        assertThat(records.get(1).lineEnding()).isEqualTo(new byte[] {'\r'});
        assertThat(records.get(2).lineEnding()).isEmpty();
        assertThat(records.get(1).fields()).containsExactly("x\ny", "z");
    }

    @Test
    void replacingAFieldKeepsTheOthersByteForByte() throws Exception {
        Path file = write("\"ann@example.org\",\"Ann, \"\"A\"\"\",active,x\r\n");
        CsvRecord record = readAll(file).get(0);

        byte[] changed = record.withFields(Map.of(2, "unsubscribed", 3, "a,b"), (byte) ',');

        assertThat(new String(changed, StandardCharsets.UTF_8))
                .isEqualTo("\"ann@example.org\",\"Ann, \"\"A\"\"\",unsubscribed,\"a,b\"\r\n");
    }

    @Test
    void goesOnAfterAStrayQuoteWithTheNextLine() throws Exception {
        Path file = write("a,b\nx\"y,z\nc,d\n");

        try (CsvReader reader = CsvReader.open(file, (byte) ',')) {
            assertThat(reader.next().fields()).containsExactly("a", "b");
            assertThatThrownBy(reader::next)
                    .isInstanceOf(CsvSyntaxException.class)
                    .satisfies(e -> assertThat(((CsvSyntaxException) e).line()).isEqualTo(2));
            CsvRecord next = reader.next();
            assertThat(next.fields()).containsExactly("c", "d");
            assertThat(next.line()).isEqualTo(3);
        }
    }

    @Test
    void readsFromAnOffsetOfASharedChannel() throws Exception {
        Path file = write("h\nfirst\nsecond,2\n");

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            CsvRecord record = CsvReader.at(channel, (byte) ',', 8, 3).next();

            assertThat(record.fields()).containsExactly("second", "2");
            assertThat(record.line()).isEqualTo(3);
            assertThat(channel.isOpen()).isTrue();
        }
    }

    @Test
    void seeksBackAndForthToRecords() throws Exception {
        StringBuilder text = new StringBuilder("h\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("row").append(i).append(",\"x\ny\"\n");
        }
        Path file = write(text.toString());
        List<CsvRecord> all = readAll(file);

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            CsvReader reader = CsvReader.at(channel, (byte) ',', 0, 1);
            for (int i : new int[] {1, 2, 3, 19_999, 5, 6, 12_345, 20_000, 1}) {
                reader.seek(all.get(i).offset(), all.get(i).line());
                CsvRecord record = reader.next();
                assertThat(record.fields()).containsExactly("row" + (i - 1), "x\ny");
                assertThat(record.line()).isEqualTo(all.get(i).line());
            }
        }
    }

    @Test
    void refusesOverlongAndSurrogateUtf8() throws Exception {
        assertThat(Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xC0, (byte) 0x80}, 0, 3))
                .isEqualTo(1);
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3))
                .isZero();
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xE2, (byte) 0x82}, 0, 2))
                .isZero();
        assertThat(Utf8.firstInvalidByte("Zoë 😀".getBytes(StandardCharsets.UTF_8), 0, 9))
                .isEqualTo(-1);
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("f.csv");
        Files.writeString(file, text);
        return file;
    }

    private static List<CsvRecord> readAll(Path file) throws Exception {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(file, (byte) ',')) {
            CsvRecord record;
            while ((record = reader.next()) != null) {
                records.add(record);
            }
        }
        return records;
    }
}
