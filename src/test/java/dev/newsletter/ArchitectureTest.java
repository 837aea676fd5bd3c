package dev.newsletter;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.newsletter.render.IssueRenderer;
import dev.newsletter.schedule.quartz.Daemon;
import dev.newsletter.schedule.quartz.ScheduleBook;
import org.junit.jupiter.api.Test;

/** Each third-party library stays in one package, and packages do not depend on each other in cycles. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.newsletter");

    @Test
    void jakartaMailStaysInDelivery() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "dev.newsletter.delivery..", "dev.newsletter.address..", "dev.newsletter.bounce.imap..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..")
                .because("Jakarta Mail lives in delivery (address only parses addresses with it, bounce.imap reads"
                        + " the return mailbox over IMAP)")
                .check(CLASSES);
    }

    @Test
    void bouncyCastleStaysInDelivery() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.delivery..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.bouncycastle..")
                .because("BouncyCastle only signs DKIM (Ed25519)")
                .check(CLASSES);
    }

    @Test
    void noPartUsesAwtOrImageIo() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.awt..", "javax.imageio..")
                .because("they load about a hundred AWT classes at start-up; issue.PictureHeader reads a picture's"
                        + " size from its header")
                .check(CLASSES);
    }

    @Test
    void thymeleafStaysInRender() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.render..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.thymeleaf..")
                .check(CLASSES);
    }

    @Test
    void quartzAndSqlStayInScheduleQuartz() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.schedule.quartz..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.quartz..", "java.sql..", "javax.sql..")
                .because("the scheduler's store, its SQL and the Quartz wiring live in schedule.quartz")
                .check(CLASSES);
    }

    @Test
    void schedulingRulesKnowNothingOfTheirMachinery() {
        noClasses()
                .that()
                .resideInAPackage("dev.newsletter.schedule")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.newsletter.schedule.quartz..")
                .because("the misfire rule, firings and outcomes are plain Java that tests drive without Quartz")
                .check(CLASSES);
    }

    @Test
    void theCliStartsTheSchedulerThroughDaemonAndScheduleBookOnly() {
        noClasses()
                .that()
                .resideInAPackage("dev.newsletter.cli..")
                .should()
                .dependOnClassesThat(resideInAPackage("dev.newsletter.schedule.quartz..")
                        .and(not(belongToAnyOf(Daemon.class, ScheduleBook.class))))
                .because("run and schedule need the daemon and the store's schedules, nothing else of Quartz's side")
                .check(CLASSES);
    }

    @Test
    void picocliStaysInCli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..")
                .check(CLASSES);
    }

    @Test
    void theCaptureServerLibraryStaysInCapture() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.capture..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.subethamail..")
                .check(CLASSES);
    }

    @Test
    void jettyStaysInHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.newsletter.http..", "dev.newsletter.preview..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.jetty..")
                .because("Jetty serves the daemon's HTTP endpoint and the editor's local preview, nothing else")
                .check(CLASSES);
    }

    @Test
    void oauthTokensKnowNoMailProtocol() {
        noClasses()
                .that()
                .resideInAPackage("dev.newsletter.oauth..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.newsletter.delivery..",
                        "dev.newsletter.mailing..",
                        "dev.newsletter.app..",
                        "jakarta.mail..")
                .because("the relay login and (later) the bounce mailbox's IMAP login share the same tokens")
                .check(CLASSES);
    }

    @Test
    void mime4jStaysInBounce() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.bounce..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.james.mime4j..")
                .because("mime4j reads the messages that come back (bounces, complaints, replies)")
                .check(CLASSES);
    }

    @Test
    void caffeineStaysInSignup() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.signup..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.github.benmanes.caffeine..")
                .because("Caffeine holds the signup rate limits' bounded counters")
                .check(CLASSES);
    }

    @Test
    void logbackStaysInLogging() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.logging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("ch.qos.logback..")
                .because("everything else logs through SLF4J; only the log set-up knows logback")
                .check(CLASSES);
    }

    @Test
    void onlyTheIssueRendererUsesTheStencils() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.render.stencil..")
                .and()
                .doNotBelongToAnyOf(IssueRenderer.class)
                .and()
                .doNotHaveFullyQualifiedName("dev.newsletter.render.PersonalFields")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.newsletter.render.stencil..")
                .because(
                        "render.stencil only speeds up IssueRenderer's plain path (off with NEWSLETTER_PLAIN_RENDER=1),"
                                + " which hands over to it in one place (PersonalFields are the values it hands over)")
                .check(CLASSES);
    }

    @Test
    void deliveryDoesNotDependOnRender() {
        noClasses()
                .that()
                .resideInAPackage("dev.newsletter.delivery..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.newsletter.render..")
                .because("delivery builds a Letter (plain subject, HTML, text) into bytes and moves them;"
                        + " how the bodies were rendered is not its business")
                .check(CLASSES);
    }

    @Test
    void onlyTheAppLayerAssemblesASend() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.newsletter.app..", "dev.newsletter.mailing..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(dev.newsletter.mailing.Mailing.class)
                .because("every kind of send (send, dry run, test, scheduled) is built in app.IssueSender")
                .check(CLASSES);
    }

    @Test
    void theCliReachesTheSendMachineryOnlyThroughTheApplicationLayer() {
        noClasses()
                .that()
                .resideInAPackage("dev.newsletter.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.newsletter.render..",
                        "dev.newsletter.delivery.smtp..",
                        "dev.newsletter.capture..",
                        "dev.newsletter.oauth..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(
                        dev.newsletter.mailing.Mailer.class,
                        dev.newsletter.mailing.Composer.class,
                        dev.newsletter.delivery.SmtpMailer.class,
                        dev.newsletter.delivery.MessageFactory.class,
                        dev.newsletter.journal.DeliveryJournal.class)
                .because("commands parse, print and map exit codes; app.IssueSender, app.Project and"
                        + " app.IssueComposer put renderer, composer, mailer and journal together")
                .check(CLASSES);
    }

    @Test
    void theSendingEngineKnowsNeitherRenderingNorSmtp() {
        noClasses()
                .that()
                .resideInAPackage("dev.newsletter.mailing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.newsletter.render..", "dev.newsletter.delivery..")
                .because("Mailing gets each OutgoingMessage from a Composer and hands it to a Mailer")
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.newsletter.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void subpackagesAreFreeOfCycles() {
        slices().matching("dev.newsletter.(**)")
                .should()
                .beFreeOfCycles()
                .because(
                        "a subpackage such as render.stencil or delivery.smtp is used by its parent, never the other way"
                                + " round as well")
                .check(CLASSES);
    }
}
