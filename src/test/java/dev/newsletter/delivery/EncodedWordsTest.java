package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Encoded words cut a text only between the characters a reader sees: never inside a UTF-8
 * sequence or a surrogate pair, and never inside a grapheme (a letter and its combining marks, an
 * emoji with its skin tone, variation selector or zero-width joiners, a flag), because a parser that
 * keeps the words apart (Python's) would otherwise show half a grapheme.
 */
class EncodedWordsTest {
    private static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66";
    private static final String THUMBS_UP_DARK = "\uD83D\uDC4D\uD83C\uDFFF";
    private static final String FLAG_NL = "\uD83C\uDDF3\uD83C\uDDF1";
    private static final String HEART = "\u2764\uFE0F";
    private static final String E_ACUTE = "e\u0301";
    private static final String Z_MARKED = "Z\u0351\u0352\u0353\u0354";

    @Test
    void wordsNeverSplitAGrapheme() throws Exception {
        for (String grapheme : new String[] {FAMILY, THUMBS_UP_DARK, FLAG_NL, HEART, E_ACUTE, Z_MARKED}) {
            for (String prefix : new String[] {"", "ab", "x "}) {
                String text = prefix + grapheme.repeat(40);
                for (EncodedWords.Context context : EncodedWords.Context.values()) {
                    for (int firstRoom : new int[] {75, 60, 33}) {
                        List<String> words = EncodedWords.encode(text, context, firstRoom);

                        assertThat(String.join("", decoded(words))).isEqualTo(text);
                        assertThat(cuts(words))
                                .as("%s in %s, first room %d", text, context, firstRoom)
                                .allSatisfy(cut -> assertThat(cut <= prefix.length()
                                                || (cut - prefix.length()) % grapheme.length() == 0)
                                        .as("cut at %d", cut)
                                        .isTrue());
                        assertThat(words)
                                .allSatisfy(word -> assertThat(word.length()).isLessThanOrEqualTo(75));
                    }
                }
            }
        }
    }

    @Test
    void aGraphemeLongerThanAWordIsCutBetweenCodePoints() throws Exception {
        String zalgo = "Z" + "\u0351".repeat(200);

        List<String> words = EncodedWords.encode(zalgo, EncodedWords.Context.PHRASE, 75);

        assertThat(String.join("", decoded(words))).isEqualTo(zalgo);
        assertThat(words).allSatisfy(word -> assertThat(word.length()).isLessThanOrEqualTo(75));
    }

    /** Where the words cut the text: the offset (in chars) at which each word after the first starts. */
    private static List<Integer> cuts(List<String> words) throws Exception {
        List<Integer> cuts = new ArrayList<>();
        int at = 0;
        for (String word : decoded(words)) {
            if (at > 0) {
                cuts.add(at);
            }
            at += word.length();
        }
        return cuts;
    }

    private static List<String> decoded(List<String> words) throws Exception {
        List<String> out = new ArrayList<>();
        for (String word : words) {
            out.add(MimeUtility.decodeWord(word));
        }
        return out;
    }
}
