package dev.newsletter.preview;

import dev.newsletter.check.CheckReport;
import dev.newsletter.mailing.Letter;
import java.util.List;
import java.util.Optional;

/**
 * What the preview page shows for one version of the files and one subscriber: the issue as that
 * subscriber gets it with the check's results, or the problems that stop it from rendering.
 *
 * @param version the {@link ChangeWatch#version()} this was built from
 * @param issue the issue file, relative to the project folder when it is inside it
 * @param list the list, or empty when the config cannot be read
 * @param picker the list's subscribers to pick from, when the list could be read
 * @param selected the address the issue is shown for ("" when none)
 * @param rendered the issue rendered, when it renders
 * @param problems what stops it, each as {@code file:line:column: message} (empty when it renders)
 */
record PreviewView(
        long version,
        String issue,
        Optional<String> list,
        Optional<Picker> picker,
        String selected,
        Optional<Rendered> rendered,
        List<String> problems) {

    PreviewView {
        problems = List.copyOf(problems);
    }

    /**
     * The message for the selected subscriber, the issue's preheader, the offline check's results,
     * and the issue's pictures as the preview serves them.
     */
    record Rendered(Letter letter, String preheader, CheckReport check, LocalPictures pictures) {}

    /**
     * The first subscribers of the list, to pick one from.
     *
     * @param total how many the list has in all
     */
    record Picker(List<Choice> choices, long total) {
        Picker {
            choices = List.copyOf(choices);
        }
    }

    /** One subscriber in the picker. */
    record Choice(String email, String name, String status) {}
}
