package dev.newsletter.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final List<Received> unanswered = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
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

    /** A reply, or one of two ways of not replying. */
    record Reply(int code, String text, boolean drop, boolean hang) {
        static Reply of(int code, String text) {
            return new Reply(code, text, false, false);
        }

        static Reply ok(String text) {
            return of(250, text);
        }

        /** Close the connection without a reply. */
        static Reply dropConnection() {
            return new Reply(0, "", true, false);
        }

        /** Never reply (tarpit). */
        static Reply tarpit() {
            return new Reply(0, "", false, true);
        }

        String line() {
            return code + " " + text;
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
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
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
            String recipient = null;
            int messages = 0;
            boolean loggedIn = false;
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(connection + " " + line);
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    boolean xoauth2 = script.xoauth2(connection, null, null) != null;
                    String auth = (script.offersAuth() ? " PLAIN LOGIN" : "") + (xoauth2 ? " XOAUTH2" : "");
                    send(
                            out,
                            "250-scripted.localhost\r\n" + (auth.isEmpty() ? "" : "250-AUTH" + auth + "\r\n")
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
                        String answer = in.readLine();
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
                } else if (upper.startsWith("MAIL FROM")) {
                    if (!reply(out, script.mailFrom(connection))) {
                        return;
                    }
                } else if (upper.startsWith("RCPT TO")) {
                    recipient = address(line);
                    int seen = rcptSeen.computeIfAbsent(recipient, r -> new AtomicInteger())
                            .incrementAndGet();
                    if (!reply(out, script.rcpt(recipient, seen))) {
                        return;
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
                    recipient = upper.equals("RSET") ? null : recipient;
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
        return reply.code() != 421;
    }

    private void hang() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals(".")) {
                return data.toString();
            }
            data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
        }
        return null;
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

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
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
