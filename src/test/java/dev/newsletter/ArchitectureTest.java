package dev.newsletter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
                .resideOutsideOfPackages("dev.newsletter.delivery..", "dev.newsletter.address..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..")
                .because("Jakarta Mail lives in delivery (address only parses addresses with it)")
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
    void quartzStaysInSchedule() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.newsletter.schedule..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.quartz..")
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
                .resideOutsideOfPackage("dev.newsletter.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.jetty..")
                .because("Jetty serves the daemon's HTTP endpoint and nothing else")
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
}
