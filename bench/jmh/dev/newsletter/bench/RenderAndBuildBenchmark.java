package dev.newsletter.bench;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.app.IssueComposer;
import dev.newsletter.app.Project;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.delivery.DkimKey;
import dev.newsletter.delivery.DkimSigner;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CPU cost of one personalised message of the sample issue, without the network: render
 * (Thymeleaf HTML + text), then build the MIME message and write it out as it would go on the wire.
 * Run from the repository root with {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider")
public class RenderAndBuildBenchmark {
    private IssueComposer composer;
    private MessageFactory messages;
    private MessageFactory rsaSigned;
    private MessageFactory ed25519Signed;
    private Subscriber[] subscribers;
    private int next;
    private Letter rendered;

    @Setup
    public void setUp() {
        Project project = Project.load(
                ConfigLoader.load(Path.of("config/newsletter.yaml")), Path.of("issues/2024-fall.yaml"));
        composer = project.composer(
                "pdl-packet",
                MessageIds.forList(project.issue().id(), "pdl-packet", project.senderDomain()),
                "",
                Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "bench-secret-of-at-least-16-bytes"),
                Clock.systemUTC());
        messages = new MessageFactory();
        rsaSigned = signing(DkimKey.DkimAlgorithm.RSA_SHA256);
        ed25519Signed = signing(DkimKey.DkimAlgorithm.ED25519_SHA256);
        subscribers = new Subscriber[1024];
        for (int i = 0; i < subscribers.length; i++) {
            subscribers[i] = new Subscriber(
                    EmailAddress.parse("reader" + i + "@example.org"),
                    "Reader Number" + i,
                    Status.ACTIVE,
                    "2024-01-01",
                    List.of(),
                    Map.of(),
                    i + 2);
        }
        rendered = composer.letter(subscribers[0]);
    }

    private static MessageFactory signing(DkimKey.DkimAlgorithm algorithm) {
        String pem = DkimKey.pem(DkimKey.generate(algorithm, 2048).getPrivate());
        DkimKey key = DkimKey.parse(pem, Optional.empty());
        return new MessageFactory(Optional.of(new DkimSigner(key, "pdl.example.org", "bench")));
    }

    private Subscriber nextSubscriber() {
        return nextOf(subscribers);
    }

    private Subscriber nextOf(Subscriber[] all) {
        return all[next++ & (all.length - 1)];
    }

    /** Thymeleaf only: both templates for one subscriber. */
    @Benchmark
    public Letter render() {
        return composer.letter(nextSubscriber());
    }

    /** MIME build of an already rendered letter into its bytes: our part of the cost. */
    @Benchmark
    public int build() {
        return messages.build(rendered).size();
    }

    /** MIME build and DKIM signature (RSA-2048): what signing adds per message. */
    @Benchmark
    public int buildSignedRsa() {
        return rsaSigned.build(rendered).size();
    }

    /** MIME build and DKIM signature (Ed25519). */
    @Benchmark
    public int buildSignedEd25519() {
        return ed25519Signed.build(rendered).size();
    }

    /** What a worker does per message before the network: render and build the bytes. */
    @Benchmark
    public int renderAndBuild() {
        return messages.build(composer.letter(nextSubscriber())).size();
    }
}
