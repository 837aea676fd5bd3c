package dev.newsletter.cli;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.app.UnsubscribeEndpoint;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.config.HttpSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.UnsubscribeServer;
import dev.newsletter.schedule.Await;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.subscriber.SubscriberFile;
import dev.newsletter.testing.SampleProject;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fifty signups over HTTP at once while {@code subscribers add} runs in other JVMs on the same list:
 * every row lands once, the file stays valid, and (capture mode) every confirmation mail is in
 * {@code outbox/signup/}.
 */
class SignupConcurrencyIT {
    private static final int SIGNUPS = 50;
    private static final int ADDS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void fiftySignupsWhileOtherProcessesAddAllLand() throws Exception {
        SampleProject project = SubscriberFiles.inSampleProject(dir);
        project.append("config/newsletter.yaml", "\nsignup:\n  lists: [pdl-packet]\n  perIpPerHour: 1000\n");
        try (UnsubscribeServer server = UnsubscribeEndpoint.start(
                ConfigLoader.load(project.config()),
                new HttpSettings(0, "127.0.0.1"),
                ENV,
                Clock.systemUTC(),
                EndpointLog.slf4j())) {
            List<Process> adds = new ArrayList<>();
            for (int i = 0; i < ADDS; i++) {
                adds.add(SubscribersProcesses.start(
                        dir.resolve("add" + i + ".log"),
                        Main.class.getName(),
                        "subscribers",
                        "add",
                        "cli-" + i + "@example.org",
                        "--config",
                        project.config().toString()));
            }
            // fifty connections at once, each from its own loopback address (one client may hold 16)
            List<Socket> signups = new ArrayList<>();
            for (int i = 0; i < SIGNUPS; i++) {
                Socket socket = new Socket();
                socket.bind(new InetSocketAddress("127.0.5." + (i + 1), 0));
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
                socket.setSoTimeout(120_000);
                String form = "email=Form-" + i + "%40Example.org&name=Form+" + i;
                socket.getOutputStream()
                        .write(("POST /subscribe HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                                        + form.length() + "\r\n\r\n" + form)
                                .getBytes(StandardCharsets.US_ASCII));
                signups.add(socket);
            }

            for (Socket signup : signups) {
                try (signup) {
                    assertThat(new String(signup.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                            .startsWith("HTTP/1.1 200 ");
                }
            }
            for (int i = 0; i < ADDS; i++) {
                assertThat(adds.get(i).waitFor(4, TimeUnit.MINUTES)).isTrue();
                assertThat(adds.get(i).exitValue())
                        .as(Files.readString(dir.resolve("add" + i + ".log")))
                        .isZero();
            }
            Path outbox = dir.resolve("outbox/signup");
            Await.until(Duration.ofMinutes(2), () -> emls(outbox) == SIGNUPS, () -> emls(outbox) + " mails captured");
        }

        List<Subscriber> rows = new ArrayList<>();
        SubscriberFile.of(project.listFile()).forEach(rows::add); // throws for an invalid file
        assertThat(rows.stream().filter(s -> s.email().toString().startsWith("Form-")))
                .hasSize(SIGNUPS)
                .allMatch(s -> s.status() == Status.PENDING);
        assertThat(rows.stream().filter(s -> s.email().toString().startsWith("cli-")))
                .hasSize(ADDS)
                .allMatch(s -> s.status() == Status.ACTIVE);
        assertThat(rows.stream().map(s -> s.email().key()).distinct().count()).isEqualTo(rows.size());
        try (Stream<Path> files = Files.list(project.listFile().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static long emls(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
