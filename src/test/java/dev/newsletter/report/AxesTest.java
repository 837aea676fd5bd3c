package dev.newsletter.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The y axis of the column and line charts: whole-number steps for counts, never a rounded label. */
class AxesTest {
    @Test
    void theTopOfAnAxisIsFourStepsOfOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Chart.niceCeiling(7)).isEqualTo(8);
        assertThat(Chart.niceCeiling(10)).isEqualTo(20);
        assertThat(Chart.niceCeiling(5)).isEqualTo(8);
        assertThat(Chart.niceCeiling(3)).isEqualTo(4);
        assertThat(Chart.niceCeiling(1234)).isEqualTo(2000);
        assertThat(Chart.niceCeiling(0)).isEqualTo(4);
        assertThat(Chart.niceCeiling(0.3)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aCountAxisNeverShowsARoundedLabel() {
        for (double max : new double[] {1, 2, 3, 5, 7, 10, 13, 99, 1001}) {
            double top = Chart.niceCeiling(max);
            StringBuilder svg = new StringBuilder();
            Axes.yGrid(svg, 40, 400, 10, 200, top, Numbers::count);
            for (String label : labels(svg)) {
                if (!label.isEmpty()) {
                    double value = Double.parseDouble(label.replace(",", ""));
                    assertThat(value % (top / 4) == 0 || value == 0)
                            .as("label %s of an axis up to %s", label, top)
                            .isTrue();
                }
            }
        }
    }

    private static List<String> labels(StringBuilder svg) {
        List<String> labels = new ArrayList<>();
        Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            labels.add(m.group(1));
        }
        return labels;
    }
}
