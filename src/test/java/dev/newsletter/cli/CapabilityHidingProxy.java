package dev.newsletter.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A loopback TCP proxy in front of an IMAP server that hides some of its capabilities (removes them
 * from every line that lists capabilities), to try the code paths for servers without them (MOVE,
 * UIDPLUS). Lines from the client pass unchanged; one connection at a time is enough for a scan.
 */
final class CapabilityHidingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int target;
    private final List<String> hidden;
    private final Thread acceptor;
    private final List<String> commands = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String dropOn;

    CapabilityHidingProxy(int target, List<String> hidden) throws IOException {
        this(target, hidden, null);
    }

    /** @param dropOn a command (without its tag) at whose start the proxy hangs up on both sides, or null */
    CapabilityHidingProxy(int target, List<String> hidden, String dropOn) throws IOException {
        this.dropOn = dropOn;
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.target = target;
        this.hidden = hidden;
        this.acceptor = new Thread(this::accept, "capability-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The lines the client sent, without their tags (e.g. {@code COPY 1 Done}). */
    List<String> commands() {
        return List.copyOf(commands);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                pipe(client.getInputStream(), server.getOutputStream(), false, client, server);
                pipe(server.getInputStream(), client.getOutputStream(), true, client, server);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pipe(InputStream in, OutputStream out, boolean rewrite, Socket a, Socket b) {
        Thread thread = new Thread(
                () -> {
                    try (a;
                            b) {
                        ByteArrayOutputStream line = new ByteArrayOutputStream();
                        int c;
                        while ((c = in.read()) != -1) {
                            line.write(c);
                            if (c == '\n') {
                                if (!rewrite) {
                                    String command = line.toString(StandardCharsets.ISO_8859_1)
                                            .strip();
                                    String untagged = command.substring(command.indexOf(' ') + 1);
                                    commands.add(untagged);
                                    if (dropOn != null && untagged.startsWith(dropOn)) {
                                        return; // the connection drops (try-with-resources closes both sides)
                                    }
                                }
                                out.write(rewrite ? rewritten(line.toByteArray()) : line.toByteArray());
                                out.flush();
                                line.reset();
                            }
                        }
                    } catch (IOException e) {
                        // one side closed: close both
                    }
                },
                "capability-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private byte[] rewritten(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.contains("CAPABILITY")) {
            return bytes;
        }
        for (String capability : hidden) {
            text = text.replace(" " + capability + " ", " ")
                    .replace(" " + capability + "]", "]")
                    .replace(" " + capability + "\r\n", "\r\n");
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
