package dev.newsletter.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP server for fault tests, over a plain {@link ServerSocket} on a free loopback port.
 * A {@link Script} decides, per connection and per recipient, what happens: greet, drop the
 * connection, stay silent, answer 421; any reply to MAIL, RCPT, DATA or the final dot; close
 * without a reply after the dot; hang (tarpit); close between messages. It records every
 * connection's commands and every message it accepted (a 250 after the dot) or received without
 * answering.
 *
 * <p>It offers PIPELINING (RFC 2920) unless the script says otherwise (or the system property
 * {@value #PIPELINING_PROPERTY} is {@code false}, to run a whole suite without it), and keeps the
 * transaction's state as a real server does: RCPT before a successful MAIL gets 503, DATA without
 * an accepted recipient 554, a second MAIL inside a transaction 503. It records which commands
 * arrived in the same read from the socket ({@link #batches()}): a pipelining client's MAIL, RCPT
 * and DATA come together; without PIPELINING each comes alone, after the reply to the one before.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    /** {@code -Dscripted.smtp.pipelining=false}: scripts that do not say otherwise offer no PIPELINING. */
    static final String PIPELINING_PROPERTY = "scripted.smtp.pipelining";

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final List<Received> unanswered = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> batches = new CopyOnWriteArrayList<>();
    private final List<String> dataWithoutRecipients = new CopyOnWriteArrayList<>();
    private final Object progress = new Object();
    private final Map<String, AtomicInteger> rcptSeen = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dotSeen = new ConcurrentHashMap<>();

    /**
     * A message as the server got it: the recipient, its Message-ID, the connection number, and its
     * data with the dot-stuffing undone (one char per byte: ISO-8859-1).
     */
    record Received(String recipient, String messageId, int connection, String data) {}

    /** What to do when a client connects. */
    enum Greeting {
        GREET,
        /** Accept and close at once, with a reset: the client sees the connection fail. */
        DROP,
        /** Accept and say nothing. */
        SILENT,
        /** "421 4.3.2 busy" and close. */
        BUSY
    }

    /**
     * A reply, or one of two ways of not replying. A {@code text} with line breaks is a multiline
     * reply ({@code 250-first}, {@code 250 last}); {@code closeAfter} closes the connection after it.
     */
    record Reply(int code, String text, boolean drop, boolean hang, boolean closeAfter) {
        static Reply of(int code, String text) {
            return new Reply(code, text, false, false, false);
        }

        /** This reply, then the connection closed (as some servers do after a reply, without 421). */
        Reply thenClose() {
            return new Reply(code, text, drop, hang, true);
        }

        static Reply ok(String text) {
            return of(250, text);
        }

        /** Close the connection without a reply. */
        static Reply dropConnection() {
            return new Reply(0, "", true, false, false);
        }

        /** Never reply (tarpit). */
        static Reply tarpit() {
            return new Reply(0, "", false, true, false);
        }

        String line() {
            String[] lines = text.split("\n", -1);
            StringBuilder reply = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                reply.append(code).append(i < lines.length - 1 ? "-" : " ").append(lines[i]);
                if (i < lines.length - 1) {
                    reply.append("\r\n");
                }
            }
            return reply.toString();
        }
    }

    /** The server's behaviour; every method has the well-behaved default. */
    interface Script {
        default Greeting greeting(int connection) {
            return Greeting.GREET;
        }

        default boolean offersAuth() {
            return false;
        }

        /** Whether EHLO lists PIPELINING (RFC 2920); by default yes, as Postfix, Exim, Gmail and Office 365 do. */
        default boolean offersPipelining() {
            return Boolean.parseBoolean(System.getProperty(PIPELINING_PROPERTY, "true"));
        }

        /** Whether EHLO lists SMTPUTF8 (RFC 6531). */
        default boolean offersSmtputf8() {
            return false;
        }

        /**
         * Each reply goes out a byte at a time, each byte in a packet of its own: a client must
         * read a reply whole however it arrives.
         */
        default boolean splitsReplies() {
            return false;
        }

        /**
         * The reply to DATA when no recipient was accepted (RFC 2920 3.1). A lax server may say 354
         * anyway; then it reads the data, records it ({@link #dataWithoutRecipients()}) and refuses
         * it after the dot.
         */
        default Reply dataWithoutRecipients() {
            return Reply.of(554, "5.5.1 Error: no valid recipients");
        }

        /**
         * {@code AUTH XOAUTH2} with this user and bearer token on this connection: 235 to log in;
         * anything else refuses (after a 334 with a JSON error, as Google does). Offered only when
         * not null for a null user (the default: XOAUTH2 is neither offered nor accepted).
         */
        default Reply xoauth2(int connection, String user, String token) {
            return null;
        }

        /** Whether MAIL FROM needs a login first (530 otherwise). */
        default boolean requiresAuth() {
            return false;
        }

        default Reply mailFrom(int connection) {
            return Reply.ok("2.1.0 Ok");
        }

        /** {@code seen}: how many times this recipient has been named in RCPT, this one included. */
        default Reply rcpt(String recipient, int seen) {
            return Reply.ok("2.1.5 Ok");
        }

        default Reply data(String recipient) {
            return Reply.of(354, "End data with <CR><LF>.<CR><LF>");
        }

        /** {@code seen}: how many times this recipient's data has ended, this one included. */
        default Reply afterDot(String recipient, int seen) {
            return Reply.ok("2.0.0 Ok: queued as Q" + Math.abs(recipient.hashCode()));
        }

        /** Close the connection after replying to the {@code n}-th message on it. */
        default boolean closeAfterMessage(int connection, int n) {
            return false;
        }
    }

    private ScriptedSmtpServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "scripted-smtp-accept");
        acceptor.setDaemon(true);
    }

    static ScriptedSmtpServer start(Script script) {
        try {
            ScriptedSmtpServer s = new ScriptedSmtpServer(script);
            s.acceptor.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Waits until the server has accepted {@code n} messages; false on timeout. */
    boolean awaitAccepted(int n, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (accepted.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return true;
        }
    }

    List<Received> accepted() {
        return List.copyOf(accepted);
    }

    List<String> acceptedRecipients() {
        return accepted.stream().map(Received::recipient).sorted().toList();
    }

    /** Messages whose data the server read completely but never answered (dropped or hung). */
    List<Received> unanswered() {
        return List.copyOf(unanswered);
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    /**
     * The commands each read from a socket brought, one entry per read that brought at least one,
     * as "connection command | command | …" (data lines are not listed).
     */
    List<String> batches() {
        return List.copyOf(batches);
    }

    /** The data the server read after a 354 to DATA without an accepted recipient (a lax server). */
    List<String> dataWithoutRecipients() {
        return List.copyOf(dataWithoutRecipients);
    }

    long count(String commandPrefix) {
        return commands.stream()
                .filter(c ->
                        c.substring(c.indexOf(' ') + 1).toUpperCase(Locale.ROOT).startsWith(commandPrefix))
                .count();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int number = connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket, number), "scripted-smtp-" + number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        Lines in = null;
        try (socket) {
            in = new Lines(socket.getInputStream(), connection);
            OutputStream out = socket.getOutputStream();
            if (script.splitsReplies()) {
                socket.setTcpNoDelay(true);
            }
            switch (script.greeting(connection)) {
                case DROP -> {
                    socket.setSoLinger(true, 0);
                    return;
                }
                case SILENT -> {
                    hang();
                    return;
                }
                case BUSY -> {
                    send(out, "421 4.3.2 scripted: too busy, try later");
                    return;
                }
                case GREET -> send(out, "220 scripted.localhost ESMTP");
            }
            boolean inTransaction = false; // a MAIL FROM was accepted, and no RSET or end of data since
            String recipient = null; // the recipient accepted in this transaction
            int messages = 0;
            boolean loggedIn = false;
            String line;
            while ((line = in.command()) != null) {
                commands.add(connection + " " + line);
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    boolean xoauth2 = script.xoauth2(connection, null, null) != null;
                    String auth = (script.offersAuth() ? " PLAIN LOGIN" : "") + (xoauth2 ? " XOAUTH2" : "");
                    send(
                            out,
                            "250-scripted.localhost\r\n" + (auth.isEmpty() ? "" : "250-AUTH" + auth + "\r\n")
                                    + (script.offersPipelining() ? "250-PIPELINING\r\n" : "")
                                    + (script.offersSmtputf8() ? "250-SMTPUTF8\r\n" : "")
                                    + "250 8BITMIME");
                } else if (upper.startsWith("HELO")) {
                    send(out, "250 scripted.localhost");
                } else if (upper.startsWith("AUTH XOAUTH2 ") && script.xoauth2(connection, null, null) != null) {
                    String[] fields = xoauth2Fields(line.substring("AUTH XOAUTH2 ".length()));
                    Reply verdict = script.xoauth2(connection, fields[0], fields[1]);
                    if (verdict.code() == 235) {
                        loggedIn = true;
                        send(out, verdict.line());
                    } else {
                        send(
                                out,
                                "334 "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString("{\"status\":\"401\",\"schemes\":\"bearer\"}"
                                                        .getBytes(StandardCharsets.UTF_8)));
                        String answer = in.command();
                        commands.add(connection + " " + answer);
                        if (answer == null || verdict.drop()) {
                            return;
                        }
                        send(out, verdict.line());
                    }
                } else if (upper.startsWith("AUTH")) {
                    send(out, "535 5.7.8 scripted: authentication credentials invalid");
                } else if (upper.startsWith("MAIL FROM") && script.requiresAuth() && !loggedIn) {
                    send(out, "530 5.7.0 scripted: authentication required");
                } else if (upper.startsWith("MAIL FROM") && inTransaction) {
                    send(out, "503 5.5.1 Error: nested MAIL command");
                } else if (upper.startsWith("MAIL FROM")) {
                    Reply reply = script.mailFrom(connection);
                    inTransaction = reply.code() == 250;
                    if (!reply(out, reply)) {
                        return;
                    }
                } else if (upper.startsWith("RCPT TO") && !inTransaction) {
                    send(out, "503 5.5.1 Error: need MAIL command");
                } else if (upper.startsWith("RCPT TO")) {
                    String named = address(line);
                    int seen = rcptSeen.computeIfAbsent(named, r -> new AtomicInteger())
                            .incrementAndGet();
                    Reply reply = script.rcpt(named, seen);
                    if (reply.code() / 100 == 2) {
                        recipient = named;
                    }
                    if (!reply(out, reply)) {
                        return;
                    }
                } else if (upper.equals("DATA") && recipient == null) {
                    Reply go = script.dataWithoutRecipients();
                    if (!reply(out, go)) {
                        return;
                    }
                    if (go.code() == 354) {
                        String data = readData(in);
                        if (data == null) {
                            return;
                        }
                        dataWithoutRecipients.add(data);
                        inTransaction = false;
                        send(out, "554 5.5.1 Error: no valid recipients");
                    }
                } else if (upper.equals("DATA")) {
                    Reply go = script.data(recipient);
                    if (!reply(out, go)) {
                        return;
                    }
                    if (go.code() != 354) {
                        continue;
                    }
                    String data = readData(in);
                    if (data == null) {
                        return;
                    }
                    Received received = new Received(recipient, messageId(data), connection, data);
                    int seen = dotSeen.computeIfAbsent(recipient, r -> new AtomicInteger())
                            .incrementAndGet();
                    Reply after = script.afterDot(recipient, seen);
                    inTransaction = false;
                    recipient = null;
                    if (after.drop() || after.hang()) {
                        unanswered.add(received);
                    } else if (after.code() / 100 == 2) {
                        accepted.add(received);
                        synchronized (progress) {
                            progress.notifyAll();
                        }
                    }
                    if (!reply(out, after)) {
                        return;
                    }
                    messages++;
                    if (script.closeAfterMessage(connection, messages)) {
                        return;
                    }
                } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                    if (upper.equals("RSET")) {
                        inTransaction = false;
                        recipient = null;
                    }
                    send(out, "250 2.0.0 Ok");
                } else if (upper.equals("QUIT")) {
                    send(out, "221 2.0.0 Bye");
                    return;
                } else {
                    send(out, "502 5.5.2 scripted: command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to do
        } finally {
            if (in != null) {
                in.endBatch();
            }
            sockets.remove(socket);
        }
    }

    /** Sends the reply; false when the connection is to end here (dropped, or hung until close). */
    private boolean reply(OutputStream out, Reply reply) throws IOException {
        if (reply.drop()) {
            return false;
        }
        if (reply.hang()) {
            hang();
            return false;
        }
        send(out, reply.line());
        return reply.code() != 421 && !reply.closeAfter();
    }

    private void hang() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readData(Lines in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.line()) != null) {
            if (line.equals(".")) {
                return data.toString();
            }
            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return null;
    }

    /**
     * The client's lines (one char per byte: ISO-8859-1, without the CRLF), read straight from
     * the socket so that it knows which read brought each: commands that came in the same read
     * are recorded as one batch.
     */
    private final class Lines {
        private final InputStream in;
        private final int connection;
        private final byte[] buffer = new byte[16 * 1024];
        private int start;
        private int end;
        private final StringBuilder batch = new StringBuilder();

        Lines(InputStream in, int connection) {
            this.in = in;
            this.connection = connection;
        }

        /** The next line, recorded as a command of the batch its read brought. */
        String command() throws IOException {
            String line = line();
            if (line != null) {
                batch.append(batch.isEmpty() ? connection + " " : " | ").append(line);
            }
            return line;
        }

        /** The next line; null at the end of the stream. */
        String line() throws IOException {
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        int stop = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                        String line = new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
                        start = i + 1;
                        return line;
                    }
                }
                if (!fill()) {
                    return null;
                }
            }
        }

        /** The commands since the last read from the socket make one batch. */
        void endBatch() {
            if (!batch.isEmpty()) {
                batches.add(batch.toString());
                batch.setLength(0);
            }
        }

        /** Reads what the socket has. */
        private boolean fill() throws IOException {
            endBatch();
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                throw new IOException("scripted: a line longer than " + buffer.length + " bytes");
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                return false;
            }
            end += n;
            return true;
        }
    }

    /** The user and the token of an XOAUTH2 initial response ({@code user=U^Aauth=Bearer T^A^A}). */
    private static String[] xoauth2Fields(String base64) {
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new String[] {"", ""};
        }
        String user = "";
        String token = "";
        for (String field : decoded.split("\u0001")) {
            if (field.startsWith("user=")) {
                user = field.substring(5);
            } else if (field.startsWith("auth=Bearer ")) {
                token = field.substring(12);
            }
        }
        return new String[] {user, token};
    }

    private static String messageId(String data) {
        Matcher m = MESSAGE_ID.matcher(data);
        return m.find() ? m.group(1) : "";
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return open >= 0 && close > open
                ? line.substring(open + 1, close)
                : line.substring(8).strip();
    }

    private void send(OutputStream out, String reply) throws IOException {
        byte[] bytes = (reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        if (script.splitsReplies()) {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
            }
        } else {
            out.write(bytes);
            out.flush();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : new ArrayList<>(sockets)) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
