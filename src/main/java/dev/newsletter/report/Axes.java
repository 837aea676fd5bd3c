package dev.newsletter.report;

import java.util.function.DoubleFunction;

/**
 * The y axis shared by the column and line charts: grid lines at quarters of {@code top}, labelled
 * (a line a whole-number format would have to round is left unlabelled).
 */
final class Axes {
    private Axes() {}

    static void yGrid(
            StringBuilder svg,
            int left,
            int right,
            int top,
            double plotHeight,
            double max,
            DoubleFunction<String> format) {
        svg.append("<g class=\"grid\">");
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            double y = top + plotHeight - plotHeight * i / 4;
            String label = format.apply(value);
            if (value != Math.rint(value) && !label.matches(".*\\d\\.\\d.*")) {
                label = ""; // a whole-number axis (counts) leaves a fractional line unlabelled rather than rounded
            }
            svg.append("<line x1=\"")
                    .append(left)
                    .append("\" x2=\"")
                    .append(right)
                    .append("\" y1=\"")
                    .append(Chart.n(y))
                    .append("\" y2=\"")
                    .append(Chart.n(y))
                    .append("\"/><text x=\"")
                    .append(left - 6)
                    .append("\" y=\"")
                    .append(Chart.n(y + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(Markup.escape(label))
                    .append("</text>");
        }
        svg.append("</g>\n");
    }
}
