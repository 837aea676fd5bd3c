package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signup form} prints a form for the daemon's signup endpoint; {@code subscribers bounced --help} has examples. */
class SignupFormCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsAFormThatPostsToTheSubscribeEndpointWithTheListAndAHiddenHoneypot() {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.write("subscribers/alumni.csv", "email,name,status,subscribed_at,tags\n");

        SampleProject.Run run = sample.run("signup", "form", "--list", "alumni");

        assertThat(run.code()).as(run.err()).isZero();
        Document html = Jsoup.parseBodyFragment(run.out());
        Element form = html.selectFirst("form");
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo("https://pdl.example.org/newsletter/subscribe");
        assertThat(form.selectFirst("input[name=email]").attr("type")).isEqualTo("email");
        assertThat(form.selectFirst("input[name=email]").hasAttr("required")).isTrue();
        assertThat(form.selectFirst("input[name=name]")).isNotNull();
        assertThat(form.selectFirst("input[name=list]").attr("type")).isEqualTo("hidden");
        assertThat(form.selectFirst("input[name=list]").attr("value")).isEqualTo("alumni");
        Element honeypot = form.selectFirst("input[name=website]");
        assertThat(honeypot.attr("tabindex")).isEqualTo("-1");
        assertThat(honeypot.parent().parent().attr("aria-hidden")).isEqualTo("true");
        assertThat(honeypot.parent().parent().attr("style")).contains("left:-10000px");
    }

    @Test
    void refusesANameThatIsNoListName() {
        SampleProject sample = SampleProject.copyTo(dir);

        SampleProject.Run run = sample.run("signup", "form", "--list", "../etc/passwd");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("is not a list name");
        assertThat(run.out()).doesNotContain("<form");
    }

    @Test
    void withSignupConfiguredTheFormDefaultsToItsFirstListCarriesItsFieldsAndRefusesOtherLists() throws Exception {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.write("subscribers/alumni.csv", "email,name,status,subscribed_at,tags,affiliation\n");
        java.nio.file.Files.writeString(
                sample.config(),
                "signup:\n  lists: [alumni]\n  fields: [affiliation]\n",
                java.nio.file.StandardOpenOption.APPEND);

        SampleProject.Run run = sample.run("signup", "form");

        assertThat(run.code()).as(run.err()).isZero();
        Element form = Jsoup.parseBodyFragment(run.out()).selectFirst("form");
        assertThat(form.selectFirst("input[name=list]").attr("value")).isEqualTo("alumni");
        assertThat(form.selectFirst("input[name=affiliation]")).isNotNull();

        SampleProject.Run other = sample.run("signup", "form", "--list", "pdl-packet");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("not in signup.lists");
        assertThat(other.out()).doesNotContain("<form");
    }

    @Test
    void withoutSignupConfiguredItWarnsThatTheDaemonWouldNotAnswer() {
        SampleProject sample = SampleProject.copyTo(dir);

        SampleProject.Run run = sample.run("signup", "form");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("no signup: section");
    }

    @Test
    void subscribersBouncedHelpHasExamplesLikeTheOtherCommands() {
        CliRun run = CliRun.of("subscribers", "bounced", "--help");

        assertThat(run.out()).contains("Examples:").contains("./newsletter subscribers bounced --dry-run");
    }
}
