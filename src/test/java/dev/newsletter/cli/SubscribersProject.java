package dev.newsletter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A project folder for tests: the sample config (capture mode) and the sample subscriber files. */
final class SubscribersProject {
    static final String CONFIG = """
            newsletter:
              name: The PDL Packet
              from: "The PDL Packet <packet@pdl.example.org>"
              replyTo: editor@pdl.example.org
              list: pdl-packet
              listId: packet.pdl.example.org
              baseUrl: https://pdl.example.org/newsletter
            smtp:
              mode: capture
              host: localhost
              port: 587
              tls: starttls-required
              username: ""
              passwordEnv: NEWSLETTER_SMTP_PASSWORD
              connections: 4
              timeoutSeconds: 30
            sending:
              ratePerSecond: 0
              ratePerHour: 0
              retry:
                attempts: 5
                initialBackoff: 2s
                maxBackoff: 10m
              maxErrors: 1000
            unsubscribe:
              secretEnv: NEWSLETTER_UNSUBSCRIBE_SECRET
              mailto: unsubscribe@pdl.example.org
            scheduler:
              store: embedded
              misfireGrace: 1h
            """;

    static final String LIST = """
            email,name,status,subscribed_at,tags,affiliation
            ana.lima@example.org,Ana Lima,active,2024-09-02T10:15:00Z,faculty,Carnegie Mellon University
            zoe.mueller@example.org,Zoë Müller,active,2024-09-03T08:42:00Z,alumni;industry,Example Storage GmbH
            priya.raman@example.org,"Priya Raman, PhD",active,2024-09-05T14:05:00Z,industry;sponsor,Example Cloud Systems
            li.wei@example.org,Li Wei,unsubscribed,2024-09-04T11:20:00Z,alumni,Example University
            tomas.berg@example.org,Tomas Berg,bounced,2024-09-06T07:55:00Z,industry,Example Networks AB
            new.reader@example.org,Jordan Reyes,pending,2024-10-28T18:12:00Z,,
            """;

    static final String SUPPRESSED =
            "email,reason,suppressed_at\nli.wei@example.org,unsubscribed,2024-10-15T13:40:00Z\n";

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T09:00:00Z"), ZoneOffset.UTC);

    final Path dir;
    final Path config;
    final Path list;
    final Path suppressed;

    private SubscribersProject(Path dir) {
        this.dir = dir;
        this.config = dir.resolve("config/newsletter.yaml");
        this.list = dir.resolve("subscribers/pdl-packet.csv");
        this.suppressed = dir.resolve("subscribers/suppressed.csv");
    }

    static SubscribersProject in(Path dir) throws IOException {
        SubscribersProject project = new SubscribersProject(dir);
        Files.createDirectories(project.config.getParent());
        Files.createDirectories(project.list.getParent());
        Files.writeString(project.config, CONFIG);
        Files.writeString(project.list, LIST);
        Files.writeString(project.suppressed, SUPPRESSED);
        return project;
    }

    /** Runs {@code newsletter subscribers ARGS --config <this project>} in this JVM. */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), CLOCK, false);
        List<String> all = new ArrayList<>(List.of("subscribers"));
        all.addAll(List.of(args));
        all.add("--config");
        all.add(config.toString());
        int code = Main.run(context, all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    record Result(int code, String out, String err) {}
}
