package dev.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextWrapTest {
    @Test
    void shortLinesStayExactlyAsTheyAre() {
        String text = "  indented  \n\ntrailing   \nx";
        assertThat(TextWrap.wrap(text, 20)).isEqualTo(text);
    }

    @Test
    void longLinesBreakAtSpacesKeepingTheirIndentation() {
        assertThat(TextWrap.wrap("aaa bbb ccc ddd", 8)).isEqualTo("aaa bbb\nccc ddd");
        assertThat(TextWrap.wrap("  aaa  bbb ccc ddd", 10)).isEqualTo("  aaa bbb\n  ccc ddd");
        assertThat(TextWrap.wrap("see https://example.org/a/very/long/link/indeed ok", 12))
                .isEqualTo("see\nhttps://example.org/a/very/long/link/indeed\nok");
        assertThat(TextWrap.wrap("one two   \nthree four five", 9)).isEqualTo("one two\nthree\nfour five");
    }

    /** Against the definition: split at runs of spaces, then fill lines greedily. */
    @Test
    void randomTextMatchesTheGreedyDefinition() {
        Random random = new Random(7);
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(120); i > 0; i--) {
                int r = random.nextInt(10);
                text.append(r < 3 ? ' ' : r == 3 ? '\n' : (char) ('a' + random.nextInt(3)));
            }
            int width = 1 + random.nextInt(30);
            assertThat(TextWrap.wrap(text.toString(), width))
                    .as("%s at %d", text, width)
                    .isEqualTo(definition(text.toString(), width));
        }
    }

    private static String definition(String text, int width) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = lines[l];
            if (line.length() <= width) {
                out.append(line);
            } else {
                String prefix =
                        line.substring(0, line.length() - line.stripLeading().length());
                StringBuilder current = null;
                for (String word : line.strip().split(" +")) {
                    if (word.isEmpty()) {
                        continue;
                    }
                    if (current == null) {
                        current = new StringBuilder(prefix).append(word);
                    } else if (current.length() + 1 + word.length() > width) {
                        out.append(current).append('\n');
                        current = new StringBuilder(prefix).append(word);
                    } else {
                        current.append(' ').append(word);
                    }
                }
                if (current != null) {
                    out.append(current);
                }
            }
            if (l < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
