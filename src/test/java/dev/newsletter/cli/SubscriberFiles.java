package dev.newsletter.cli;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The subscriber files the subscriber-command tests start from: a list with a reader in every status, and its suppression list. */
final class SubscriberFiles {
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

    /** The time the commands see, which they stamp on what they add. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T09:00:00Z"), ZoneOffset.UTC);

    private SubscriberFiles() {}

    /** The sample project with {@link #LIST} and {@link #SUPPRESSED} as its list files, run at {@link #CLOCK}. */
    static SampleProject inSampleProject(Path dir) {
        SampleProject project = SampleProject.copyTo(dir).withClock(CLOCK);
        project.write(SampleProject.LIST_FILE, LIST);
        project.write(SampleProject.SUPPRESSED_FILE, SUPPRESSED);
        return project;
    }
}
