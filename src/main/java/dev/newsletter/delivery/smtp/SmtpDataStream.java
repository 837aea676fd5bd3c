package dev.newsletter.delivery.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The message as SMTP DATA (RFC 5321 §4.5.2): every line break becomes CRLF and a line starting
 * with a dot gets a second one. It writes exactly what Angus' {@code SMTPOutputStream} writes, but
 * in one pass that passes runs of unchanged bytes on whole, where Angus writes each line twice (the
 * text, then the line break) after two passes over every byte; on a 20 KB message that was a seventh
 * of the CPU of a send. Like Angus' stream it never flushes: the final dot does.
 */
final class SmtpDataStream extends FilterOutputStream {
    private static final byte[] CRLF = {'\r', '\n'};

    private int last = '\n';

    SmtpDataStream(OutputStream server) {
        super(server);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > 0) {
            writeScanning(b, off, len);
        }
    }

    /**
     * Jumps from line break to line break with the JDK's vectorised {@code String.indexOf} over a
     * Latin-1 view of the bytes (a message is written whole), and looks only around each break.
     */
    private void writeScanning(byte[] b, int off, int len) throws IOException {
        String text = new String(b, off, len, StandardCharsets.ISO_8859_1); // index i is b[off + i]
        int run = 0;
        int lineStart;
        if (last == '\r') {
            if (text.charAt(0) == '\n') {
                lineStart = 1; // the LF of a CRLF cut between writes
            } else {
                out.write('\n'); // a bare CR at the end of the last write
                lineStart = 0;
            }
        } else {
            lineStart = last == '\n' ? 0 : -1;
        }
        int cr = text.indexOf('\r', Math.max(lineStart, 0));
        int lf = text.indexOf('\n', Math.max(lineStart, 0));
        while (true) {
            if (lineStart >= 0 && lineStart < len && text.charAt(lineStart) == '.') {
                out.write(b, off + run, lineStart - run);
                out.write('.');
                run = lineStart;
            }
            int at = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
            if (at < 0) {
                break;
            }
            if (at == cr) {
                if (at + 1 == len) {
                    lineStart = -1; // CR at the very end: whether an LF follows is the next write's
                    break;
                }
                if (text.charAt(at + 1) != '\n') {
                    out.write(b, off + run, at + 1 - run); // a bare CR: add its LF
                    out.write('\n');
                    run = at + 1;
                    lineStart = at + 1;
                } else {
                    lineStart = at + 2;
                    lf = text.indexOf('\n', at + 2);
                }
                cr = text.indexOf('\r', at + 1);
            } else {
                out.write(b, off + run, at - run); // a bare LF: a CR goes before it
                out.write('\r');
                run = at;
                lineStart = at + 1;
                lf = text.indexOf('\n', at + 1);
            }
        }
        out.write(b, off + run, len - run);
        last = b[off + len - 1];
    }

    /** Ends the data on a line break, as the final dot needs. */
    void ensureAtLineStart() throws IOException {
        if (last == '\r') {
            out.write('\n');
        } else if (last != '\n') {
            out.write(CRLF);
        }
        last = '\n';
    }

    @Override
    public void flush() {
        // the final dot flushes; flushing per write would send half-filled packets
    }

    @Override
    public void close() {
        // the connection outlives the message
    }
}
