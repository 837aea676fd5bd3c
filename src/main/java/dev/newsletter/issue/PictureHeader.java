package dev.newsletter.issue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The format, width and height of a picture, read from the first bytes of its file, as javax.imageio
 * reads them (which loaded AWT, about a hundred classes, at every start of an issue with pictures):
 *
 * <ul>
 *   <li>PNG: the IHDR chunk, which must come first; its fields checked as the PNG specification
 *       has them (bit depth for the colour type, compression, filter and interlace methods).
 *   <li>GIF: the first image descriptor's width and height (after the global colour table and any
 *       extensions), which is what javax.imageio reports, not the logical screen's.
 *   <li>JPEG: the first frame header (any SOFn marker), skipping the segments before it (EXIF, ICC
 *       profiles, thumbnails inside them); the segments up to the image data must all be there.
 * </ul>
 *
 * Other formats are named from their signatures when they are BMP, TIFF or WebP, so that the problem
 * can say what the file is; anything else is not a picture we know.
 */
record PictureHeader(String format, int width, int height) {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** A picture file that is cut short or corrupt: the message says how. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    /**
     * The format of the file by its first bytes: {@code png}, {@code jpeg} or {@code gif} (which an
     * issue may use), {@code bmp}, {@code tif} or {@code webp} (which it may not), or empty.
     */
    static Optional<String> format(byte[] head) {
        if (startsWith(head, PNG)) {
            return Optional.of("png");
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
            return Optional.of("jpeg");
        }
        if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) {
            return Optional.of("gif");
        }
        if (startsWith(head, ascii("BM"))) {
            return Optional.of("bmp");
        }
        if (startsWith(head, new byte[] {'I', 'I', 42, 0}) || startsWith(head, new byte[] {'M', 'M', 0, 42})) {
            return Optional.of("tif");
        }
        if (head.length >= 12 && startsWith(head, ascii("RIFF")) && Arrays.equals(head, 8, 12, ascii("WEBP"), 0, 4)) {
            return Optional.of("webp");
        }
        return Optional.empty();
    }

    /**
     * Reads the header of a picture file.
     *
     * @return empty when the file is not a PNG, JPEG or GIF file; else its format and size, or a
     *     format of another kind ({@link #format(byte[])}) with a size of 0 by 0
     * @throws Unreadable when the file is cut short or its header is corrupt
     * @throws IOException when the file cannot be read
     */
    static Optional<PictureHeader> read(Path file) throws IOException {
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 4096)) {
            stream.mark(16);
            byte[] head = stream.readNBytes(12);
            stream.reset();
            Optional<String> format = format(head);
            if (format.isEmpty()) {
                return Optional.empty();
            }
            DataInputStream in = new DataInputStream(stream);
            try {
                return Optional.of(
                        switch (format.get()) {
                            case "png" -> png(in);
                            case "gif" -> gif(in);
                            case "jpeg" -> jpeg(in);
                            default -> new PictureHeader(format.get(), 0, 0);
                        });
            } catch (EOFException e) {
                throw new Unreadable("the " + format.get().toUpperCase(java.util.Locale.ROOT)
                        + " file is cut short: it ends within its header");
            }
        }
    }

    private static PictureHeader png(DataInputStream in) throws IOException {
        in.skipNBytes(PNG.length);
        int length = in.readInt();
        byte[] type = new byte[4];
        in.readFully(type);
        if (length != 13 || !Arrays.equals(type, ascii("IHDR"))) {
            throw new Unreadable("the PNG file does not start with its header chunk (IHDR)");
        }
        int width = in.readInt();
        int height = in.readInt();
        int depth = in.readUnsignedByte();
        int colour = in.readUnsignedByte();
        int compression = in.readUnsignedByte();
        int filter = in.readUnsignedByte();
        int interlace = in.readUnsignedByte();
        boolean depthFits = switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            case 2, 4, 6 -> depth == 8 || depth == 16;
            default -> false;
        };
        if (!depthFits || compression != 0 || filter != 0 || interlace > 1) {
            throw new Unreadable(String.format(
                    "the PNG header is corrupt (bit depth %d, colour type %d, compression %d, filter %d, interlace %d)",
                    depth, colour, compression, filter, interlace));
        }
        return sized("png", width, height);
    }

    private static PictureHeader gif(DataInputStream in) throws IOException {
        in.skipNBytes(6); // GIF87a or GIF89a
        in.skipNBytes(4); // the logical screen's width and height
        int packed = in.readUnsignedByte();
        in.skipNBytes(2); // background colour, aspect ratio
        if ((packed & 0x80) != 0) {
            in.skipNBytes(3L << ((packed & 7) + 1)); // the global colour table
        }
        while (true) {
            int block = in.readUnsignedByte();
            if (block == 0x2C) { // an image descriptor: left, top, width, height, flags, local colour table
                in.skipNBytes(4);
                int width = littleEndian(in);
                int height = littleEndian(in);
                int flags = in.readUnsignedByte();
                if ((flags & 0x80) != 0) {
                    in.skipNBytes(3L << ((flags & 7) + 1));
                }
                return sized("gif", width, height);
            }
            if (block == 0x21) { // an extension: its label, then data sub-blocks up to an empty one
                in.skipNBytes(1);
                for (int size = in.readUnsignedByte(); size > 0; size = in.readUnsignedByte()) {
                    in.skipNBytes(size);
                }
            } else if (block == 0x3B) {
                throw new Unreadable("the GIF file ends without an image");
            } else {
                throw new Unreadable(String.format("the GIF file is corrupt (a block of type 0x%02X)", block));
            }
        }
    }

    /**
     * The first frame header's size, once the header is whole up to the start of the image data (the
     * scan), as javax.imageio (libjpeg) reads it: a file cut before that is refused.
     */
    private static PictureHeader jpeg(DataInputStream in) throws IOException {
        in.skipNBytes(2); // start of image
        PictureHeader frame = null;
        while (true) {
            int marker = in.readUnsignedByte();
            if (marker != 0xFF) {
                throw new Unreadable(
                        String.format("the JPEG file is corrupt (0x%02X where a marker should be)", marker));
            }
            while (marker == 0xFF) { // fill bytes
                marker = in.readUnsignedByte();
            }
            if (marker == 0xD9) {
                throw new Unreadable("the JPEG file ends before its image data");
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                continue; // markers without a segment
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw new Unreadable("the JPEG file is corrupt (a segment " + length + " bytes long)");
            }
            if (marker == 0xDA) { // start of scan: the header ends with this segment
                if (frame == null) {
                    throw new Unreadable("the JPEG file has no frame header (SOF) before its image data");
                }
                in.skipNBytes(length - 2L);
                return frame;
            }
            if (frame == null && isFrameHeader(marker)) {
                in.skipNBytes(1); // sample precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                in.skipNBytes(Math.max(0, length - 7L)); // the components
                frame = sized("jpeg", width, height);
            } else {
                in.skipNBytes(length - 2L);
            }
        }
    }

    /** SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static PictureHeader sized(String format, int width, int height) throws Unreadable {
        if (width <= 0 || height <= 0) {
            throw new Unreadable("the " + format.toUpperCase(java.util.Locale.ROOT) + " header gives a size of "
                    + Integer.toUnsignedString(width) + " by " + Integer.toUnsignedString(height) + " pixels");
        }
        return new PictureHeader(format, width, height);
    }

    private static int littleEndian(DataInputStream in) throws IOException {
        int low = in.readUnsignedByte();
        return low | (in.readUnsignedByte() << 8);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
