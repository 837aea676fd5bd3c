package dev.newsletter.bounce.imap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A hostile IMAP server on loopback for one connection: it sends {@code greeting}, then answers each
 * command line with what {@code answer} gives for it (the command's tag and text), and records every
 * line the client sends.
 */
final class ScriptedImapServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread thread;

    /** @param answer from a command line ({@code A1 CAPABILITY}) to the server's reply lines, each ended by CRLF */
    ScriptedImapServer(String greeting, Function<String, String> answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(greeting, answer), "scripted-imap");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> received() {
        return received;
    }

    private void serve(String greeting, Function<String, String> answer) {
        try (Socket socket = server.accept()) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(greeting.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
                out.write(answer.apply(line).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the client hung up
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
