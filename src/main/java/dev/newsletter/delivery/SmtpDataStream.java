package dev.newsletter.delivery;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

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
        int end = off + len;
        int run = off;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (last == '\r' && c != '\n') {
                out.write(b, run, i - run); // a bare CR: its LF goes before this byte
                out.write('\n');
                run = i;
                last = '\n';
            }
            if (c == '\n' && last != '\r') {
                out.write(b, run, i - run); // a bare LF: a CR goes before it
                out.write('\r');
                run = i;
            } else if (c == '.' && last == '\n') {
                out.write(b, run, i - run); // a dot at the start of a line is doubled
                out.write('.');
                run = i;
            }
            last = c;
        }
        out.write(b, run, end - run);
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
