package dev.newsletter.issue;

import dev.newsletter.input.Problems;
import dev.newsletter.input.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an item's {@code image:} (a file next to the issue file, e.g. {@code 2024-fall/graphpipe.png})
 * and its {@code alt:} text. The file must be a PNG, JPEG or GIF inside the issue's folder; every
 * picture needs alt text. Width and height come from the file (only its header is read).
 */
final class ItemImages {
    private static final Set<String> FORMATS = Set.of("png", "jpeg", "gif");

    private ItemImages() {}

    static Optional<Image> read(YamlFile<?> yaml, String at, String image, String alt, Problems problems) {
        if (image == null) {
            if (alt != null) {
                problems.add(yaml.at(at + "/alt", "'alt' is the text of an 'image'; this item has none"));
            }
            return Optional.empty();
        }
        String path = image.strip().replace('\\', '/');
        Path folder = yaml.file().toAbsolutePath().getParent();
        Path file = folder.resolve(path).normalize();
        if (path.isEmpty() || path.startsWith("/") || path.contains(":") || !file.startsWith(folder)) {
            problems.add(yaml.at(at + "/image", "image '" + image + "' must be a file in the issue's folder"));
            return Optional.empty();
        }
        if (alt == null || alt.isBlank()) {
            problems.add(
                    yaml.at(at + "/image", "image '" + path + "' needs alt text: add 'alt:' saying what it shows"));
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            problems.add(yaml.at(at + "/image", "image file not found: " + file));
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                problems.add(yaml.at(at + "/image", "image '" + path + "' is not a PNG, JPEG or GIF file"));
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    problems.add(
                            yaml.at(at + "/image", "image '" + path + "' is " + format + "; use PNG, JPEG or GIF"));
                    return Optional.empty();
                }
                reader.setInput(in, true, true);
                return Optional.of(
                        new Image(file, path, alt.strip(), reader.getWidth(0), reader.getHeight(0), Files.size(file)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            problems.add(yaml.at(at + "/image", "image '" + path + "' cannot be read: " + e.getMessage()));
            return Optional.empty();
        }
    }
}
