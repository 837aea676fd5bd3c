package dev.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Picture sizes read from the file's header are the sizes javax.imageio (which the program used
 * before, and which loaded AWT at every start) reads; a file javax.imageio cannot size is refused,
 * cut at any byte.
 */
class PictureHeaderTest {
    @TempDir
    Path temp;

    @Test
    void theSamplePicturesHaveTheSizeImageIoGivesThem() throws IOException {
        try (var files = Files.list(Path.of("issues/2024-fall"))) {
            for (Path png : files.filter(f -> f.toString().endsWith(".png")).toList()) {
                assertThat(PictureHeader.read(png)).as(png.toString()).isEqualTo(imageIo(png));
                assertThat(PictureHeader.read(png))
                        .get()
                        .extracting(PictureHeader::width)
                        .isEqualTo(500);
            }
        }
    }

    @Test
    void pngJpegAndGifWrittenByImageIoReadBackWithTheirSize() throws IOException {
        for (String format : new String[] {"png", "jpeg", "gif"}) {
            for (int[] size : new int[][] {{1, 1}, {640, 17}, {17, 640}, {300, 200}}) {
                Path file = write(format + size[0] + "x" + size[1], picture(format, size[0], size[1]));

                assertThat(PictureHeader.read(file))
                        .as(file.toString())
                        .contains(new PictureHeader(format, size[0], size[1]))
                        .isEqualTo(imageIo(file));
            }
        }
    }

    @Test
    void aJpegFrameHeaderAfterLargeSegmentsAndFillBytesIsFound() throws IOException {
        byte[] jpeg = picture("jpeg", 123, 45);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(segment(0xE1, 60_000)); // an EXIF-sized APP1
        out.write(segment(0xE2, 30_000)); // an ICC profile
        out.write(new byte[] {(byte) 0xFF, (byte) 0xFF}); // fill bytes before the next marker
        out.write(segment(0xFE, 10)); // a comment
        out.write(jpeg, 2, jpeg.length - 2);
        Path file = write("padded.jpg", out.toByteArray());

        assertThat(PictureHeader.read(file))
                .contains(new PictureHeader("jpeg", 123, 45))
                .isEqualTo(imageIo(file));
    }

    @Test
    void aGifIsSizedByItsFirstImageAfterItsExtensions() throws IOException {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        gif.write("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        gif.write(new byte[] {(byte) 200, 0, 100, 0, (byte) 0x81, 0, 0}); // screen 200x100, 4-colour global table
        gif.write(new byte[12]);
        gif.write(new byte[] {0x21, (byte) 0xFE, 3, 'h', 'i', '!', 0}); // a comment extension
        gif.write(new byte[] {0x21, (byte) 0xF9, 4, 0, 0, 0, 0, 0}); // a graphic control extension
        gif.write(new byte[] {0x2C, 0, 0, 0, 0, 50, 0, 25, 0, (byte) 0x80}); // the image: 50x25, 2-colour local table
        gif.write(new byte[6]);
        gif.write(new byte[] {2, 2, 0x44, 0x01, 0, 0x3B}); // LZW data, trailer
        Path file = write("extended.gif", gif.toByteArray());

        assertThat(PictureHeader.read(file))
                .contains(new PictureHeader("gif", 50, 25))
                .isEqualTo(imageIo(file));
    }

    @Test
    void aFileCutAnywhereBeforeItsSizeIsRefusedAsImageIoRefusedIt() throws IOException {
        for (String format : new String[] {"png", "jpeg", "gif"}) {
            byte[] whole = picture(format, 31, 7);
            int headerEnd = format.equals("jpeg") ? jpegHeaderEnd(whole) : 0;
            for (int length = 0; length <= Math.min(whole.length, 700); length++) {
                Path file = write("cut." + format, Arrays.copyOf(whole, length));
                Optional<PictureHeader> expected = imageIo(file);
                String what = format + " cut to " + length + " bytes";

                if (expected.isPresent() && length >= headerEnd) {
                    assertThat(read(file)).as(what).isEqualTo(expected);
                } else {
                    // javax.imageio also took a JPEG cut inside its last header segment (libjpeg pads
                    // what is missing with an end-of-image marker); a header must be whole here
                    assertThat(refused(file)).as(what).isTrue();
                }
            }
        }
    }

    /** Where a JPEG's header ends: after its start-of-scan segment. */
    private static int jpegHeaderEnd(byte[] jpeg) {
        for (int i = 2; i + 3 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                return i + 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
            }
        }
        throw new AssertionError("no start of scan");
    }

    @Test
    void corruptHeadersAreRefusedSayingWhatIsWrong() throws IOException {
        byte[] png = picture("png", 4, 3);
        byte[] depth = png.clone();
        depth[24] = 7; // bit depth 7
        byte[] zero = png.clone();
        Arrays.fill(zero, 16, 20, (byte) 0); // width 0
        byte[] notHeaderFirst = png.clone();
        notHeaderFirst[12] = 'X';

        assertThatThrownBy(() -> PictureHeader.read(write("depth.png", depth)))
                .isInstanceOf(PictureHeader.Unreadable.class)
                .hasMessageStartingWith("the PNG header is corrupt (bit depth 7, colour type");
        assertThatThrownBy(() -> PictureHeader.read(write("zero.png", zero)))
                .isInstanceOf(PictureHeader.Unreadable.class)
                .hasMessage("the PNG header gives a size of 0 by 3 pixels");
        assertThatThrownBy(() -> PictureHeader.read(write("cut-type.png", Arrays.copyOf(png, 14))))
                .isInstanceOf(PictureHeader.Unreadable.class)
                .hasMessage("the PNG file is cut short: it ends within its header");
        assertThatThrownBy(() -> PictureHeader.read(write("order.png", notHeaderFirst)))
                .isInstanceOf(PictureHeader.Unreadable.class)
                .hasMessage("the PNG file does not start with its header chunk (IHDR)");
        assertThatThrownBy(() -> PictureHeader.read(
                        write("sos.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2})))
                .isInstanceOf(PictureHeader.Unreadable.class)
                .hasMessage("the JPEG file has no frame header (SOF) before its image data");
        assertThatThrownBy(() -> PictureHeader.read(write("cut.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8})))
                .isInstanceOf(PictureHeader.Unreadable.class)
                .hasMessage("the JPEG file is cut short: it ends within its header");
        assertThatThrownBy(() -> PictureHeader.read(write(
                        "empty.gif",
                        "GIF87a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))))
                .isInstanceOf(PictureHeader.Unreadable.class)
                .hasMessage("the GIF file ends without an image");
        for (String name : new String[] {"depth.png", "zero.png", "order.png", "sos.jpg", "cut.jpg", "empty.gif"}) {
            assertThat(imageIo(temp.resolve(name))).as(name).isEmpty();
        }
    }

    @Test
    void hostileFilesEndInARefusalNotALoop() throws IOException {
        byte[] allFill = new byte[100_000];
        Arrays.fill(allFill, (byte) 0xFF);
        allFill[1] = (byte) 0xD8;
        ByteArrayOutputStream endless = new ByteArrayOutputStream();
        endless.write("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        endless.write(new byte[] {1, 0, 1, 0, 0, 0, 0, 0x21, (byte) 0xFE});
        for (int i = 0; i < 1000; i++) {
            endless.write(new byte[] {(byte) 255});
            endless.write(new byte[255]);
        }
        byte[] jpegWithZeroLength = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0};
        byte[] gifWithBadBlock = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000!"
                .replace('!', 'Z')
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> PictureHeader.read(write("fill.jpg", allFill)))
                .hasMessage("the JPEG file is cut short: it ends within its header");
        assertThatThrownBy(() -> PictureHeader.read(write("endless.gif", endless.toByteArray())))
                .hasMessage("the GIF file is cut short: it ends within its header");
        assertThatThrownBy(() -> PictureHeader.read(write("zero.jpg", jpegWithZeroLength)))
                .hasMessage("the JPEG file is corrupt (a segment 0 bytes long)");
        assertThatThrownBy(() -> PictureHeader.read(write("block.gif", gifWithBadBlock)))
                .hasMessage("the GIF file is corrupt (a block of type 0x5A)");
        for (String name : new String[] {"fill.jpg", "endless.gif", "zero.jpg", "block.gif"}) {
            assertThat(imageIo(temp.resolve(name))).as(name).isEmpty();
        }
    }

    @Test
    void theFormatComesFromTheBytesNotTheName() throws IOException {
        Path file = write("really-a-jpeg.png", picture("jpeg", 20, 10));

        assertThat(PictureHeader.read(file))
                .contains(new PictureHeader("jpeg", 20, 10))
                .isEqualTo(imageIo(file));
    }

    @Test
    void otherPicturesAreNamedAndWhatIsNoPictureIsNot() throws IOException {
        assertThat(PictureHeader.read(write("a.bmp", picture("bmp", 3, 3))))
                .map(PictureHeader::format)
                .contains("bmp");
        assertThat(PictureHeader.read(write("a.tif", picture("tiff", 3, 3))))
                .map(PictureHeader::format)
                .contains("tif");
        assertThat(PictureHeader.read(write(
                        "a.webp",
                        "RIFF\u001a\u0000\u0000\u0000WEBPVP8X".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))))
                .map(PictureHeader::format)
                .contains("webp");
        assertThat(PictureHeader.read(write("empty.png", new byte[0]))).isEmpty();
        assertThat(PictureHeader.read(
                        write("text.png", "hello, world\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
                .isEmpty();
    }

    private static Optional<PictureHeader> read(Path file) throws IOException {
        try {
            return PictureHeader.read(file);
        } catch (PictureHeader.Unreadable e) {
            return Optional.of(new PictureHeader(e.getMessage(), -1, -1));
        }
    }

    private boolean refused(Path file) throws IOException {
        try {
            return PictureHeader.read(file)
                    .filter(h -> Set.of("png", "jpeg", "gif").contains(h.format()))
                    .isEmpty();
        } catch (PictureHeader.Unreadable e) {
            return true;
        }
    }

    /** What the program read with javax.imageio before: the format and size, or empty when it refused the file. */
    private static Optional<PictureHeader> imageIo(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!Set.of("png", "jpeg", "gif").contains(format)) {
                    return Optional.empty();
                }
                reader.setInput(in, true, true);
                return Optional.of(new PictureHeader(format, reader.getWidth(0), reader.getHeight(0)));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] picture(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, 0x3366CC + x);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as(format).isTrue();
        return out.toByteArray();
    }

    private static byte[] segment(int marker, int length) {
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        segment[2] = (byte) (length >>> 8);
        segment[3] = (byte) length;
        return segment;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(temp.resolve(name), bytes);
    }
}
