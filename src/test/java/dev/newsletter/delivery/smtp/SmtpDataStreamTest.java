package dev.newsletter.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.junit.jupiter.api.Test;

class SmtpDataStreamTest {
    @Test
    void crlfTextWithoutLeadingDotsPassesUnchanged() throws IOException {
        assertThat(data("Subject: x\r\n\r\nbody\r\n", 1000)).isEqualTo("Subject: x\r\n\r\nbody\r\n");
    }

    @Test
    void lineBreaksBecomeCrlfAndLeadingDotsAreDoubled() throws IOException {
        assertThat(data(".a\n..b\rc.\r\n.", 1000)).isEqualTo("..a\r\n...b\r\nc.\r\n..\r\n");
        assertThat(data("no break at the end", 1000)).isEqualTo("no break at the end\r\n");
        assertThat(data("", 1000)).isEmpty();
        assertThat(data("ends on CR\r", 1000)).isEqualTo("ends on CR\r\n");
    }

    /**
     * Random text of dots, CRs, LFs and letters, cut into random writes (short and long), against a
     * plain model.
     */
    @Test
    void anyTextInAnyChunksMatchesTheModel() throws IOException {
        Random random = new Random(42);
        char[] alphabet = {'a', '.', '\r', '\n', 'b'};
        for (int round = 0; round < 5000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(round % 2 == 0 ? 40 : 400); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            int chunk = round % 2 == 0 ? 1 + random.nextInt(6) : 1 + random.nextInt(192);
            assertThat(data(text.toString(), chunk))
                    .as("%s", text.toString().replace("\r", "\\r").replace("\n", "\\n"))
                    .isEqualTo(model(text.toString()));
        }
    }

    /** What Angus' own stream writes, for text that is already CRLF (what MessageFactory builds). */
    @Test
    void writesWhatAngusWritesForCrlfText() throws IOException {
        String text = "From: a\r\n\r\n.hidden\r\nline. two\r\n\r\n..\r\nend";
        ByteArrayOutputStream angus = new ByteArrayOutputStream();
        SMTPOutputStream reference = new SMTPOutputStream(angus);
        reference.write(text.getBytes(StandardCharsets.US_ASCII));
        reference.ensureAtBOL();

        assertThat(data(text, 7)).isEqualTo(angus.toString(StandardCharsets.US_ASCII));
    }

    private static String data(String text, int chunk) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        SmtpDataStream data = new SmtpDataStream(sink);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int off = 0; off < bytes.length; off += chunk) {
            int len = Math.min(chunk, bytes.length - off);
            if (len == 1) {
                data.write(bytes[off]);
            } else {
                data.write(bytes, off, len);
            }
        }
        data.ensureAtLineStart();
        return sink.toString(StandardCharsets.US_ASCII);
    }

    /** Every line break as CRLF, a dot doubled at the start of each line, a line break at the end. */
    private static String model(String text) {
        if (text.isEmpty()) {
            return "";
        }
        String lf = text.replace("\r\n", "\n").replace('\r', '\n');
        if (!lf.endsWith("\n")) {
            lf += "\n";
        }
        StringBuilder out = new StringBuilder();
        for (String line : lf.substring(0, lf.length() - 1).split("\n", -1)) {
            out.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        return out.toString();
    }
}
