package dev.newsletter.issue;

import dev.newsletter.input.IoTrouble;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import dev.newsletter.input.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an item's {@code image:} (a file next to the issue file, e.g. {@code 2024-fall/graphpipe.png})
 * and its {@code alt:} text, and the pictures of Markdown texts ({@code ![alt](2024-fall/helix.png)}),
 * by the same rules: the file must be a PNG, JPEG or GIF inside the issue's folder ({@link
 * IssueFolder}); every picture needs alt text. Width and height come from the file: only its header
 * is read ({@link PictureHeader}).
 */
final class ItemImages {
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif");

    private ItemImages() {}

    static Optional<Image> read(
            YamlFile<?> yaml, IssueFolder folder, String at, String image, String alt, Problems problems) {
        if (image == null) {
            if (alt != null) {
                problems.add(yaml.at(at + "/alt", "'alt' is the text of an 'image'; this item has none"));
            }
            return Optional.empty();
        }
        Function<String, Problem> where = message -> yaml.at(at + "/image", message);
        if (alt == null || alt.isBlank()) {
            problems.add(where.apply("image '" + image.strip() + "' needs alt text: add 'alt:' saying what it shows"));
            return Optional.empty();
        }
        return folder.file(image, "image", where, problems).flatMap(named -> picture(named, alt, where, problems));
    }

    /** The picture in {@code named}, with its size read from the file's header, or empty after adding a problem. */
    static Optional<Image> picture(
            IssueFolder.Named named, String alt, Function<String, Problem> where, Problems problems) {
        String path = named.path();
        try {
            Optional<PictureHeader> header = PictureHeader.read(named.file());
            if (header.isEmpty()) {
                problems.add(where.apply("image '" + path + "' is not a PNG, JPEG or GIF file"));
                return Optional.empty();
            }
            String format = header.get().format();
            if (!FORMATS.contains(format)) {
                problems.add(where.apply("image '" + path + "' is " + format + "; use PNG, JPEG or GIF"));
                return Optional.empty();
            }
            return Optional.of(new Image(
                    named.file(),
                    path,
                    alt.strip(),
                    header.get().width(),
                    header.get().height(),
                    Files.size(named.file()),
                    "image/" + format));
        } catch (PictureHeader.Unreadable e) {
            problems.add(where.apply("image '" + path + "' cannot be read: " + e.getMessage()));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(where.apply("image '" + path + "' cannot be read: " + IoTrouble.explain(e)));
            return Optional.empty();
        }
    }
}
