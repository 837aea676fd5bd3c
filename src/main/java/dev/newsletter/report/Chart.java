package dev.newsletter.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A chart as a {@code <figure>}: a caption, an inline SVG with its own {@code <title>} and {@code
 * <desc>} (read out by screen readers), a legend, and the chart's data as a table right below it.
 * Every bar and point carries its numbers twice: in {@code data-*} attributes and in a {@code
 * <title>} (the tooltip). The SVG has a {@code viewBox} and scales to the width it gets.
 */
abstract class Chart {
    static final int WIDTH = 480;

    final String id;
    final String title;
    final String desc;
    final String labelHeading;
    final List<Series> series;
    final List<ChartRow> rows;
    final DoubleFunction<String> format;

    Chart(Spec spec) {
        this.id = spec.id();
        this.title = spec.title();
        this.desc = spec.desc();
        this.labelHeading = spec.labelHeading();
        this.series = spec.series();
        this.rows = spec.rows();
        this.format = spec.format();
    }

    /** What every chart is made of. {@code id} is ours (never user data): it names the chart's elements. */
    record Spec(
            String id,
            String title,
            String desc,
            String labelHeading,
            List<Series> series,
            List<ChartRow> rows,
            DoubleFunction<String> format) {}

    abstract int height();

    /** The SVG's content, in the coordinates of a {@code WIDTH} × {@link #height()} view box. */
    abstract void draw(StringBuilder svg);

    final void render(StringBuilder out) {
        out.append("<figure class=\"chart\" id=\"")
                .append(id)
                .append("\" data-chart=\"")
                .append(id)
                .append("\">\n");
        out.append("<figcaption>").append(Markup.escape(title)).append("</figcaption>\n");
        out.append("<svg viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height())
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-title ")
                .append(id)
                .append("-desc\">\n<title id=\"")
                .append(id)
                .append("-title\">")
                .append(Markup.escape(title))
                .append("</title>\n<desc id=\"")
                .append(id)
                .append("-desc\">")
                .append(Markup.escape(desc))
                .append("</desc>\n");
        if (rows.isEmpty()) {
            out.append("<text x=\"")
                    .append(WIDTH / 2)
                    .append("\" y=\"")
                    .append(height() / 2)
                    .append("\" text-anchor=\"middle\" class=\"empty\">nothing to show yet</text>\n");
        } else {
            draw(out);
        }
        out.append("</svg>\n");
        legend(out);
        dataTable(out);
        out.append("</figure>\n");
    }

    private void legend(StringBuilder out) {
        if (series.size() < 2) {
            return;
        }
        out.append("<ul class=\"legend\">");
        for (Series s : series) {
            out.append("<li><i class=\"k ")
                    .append(s.css())
                    .append("\"></i>")
                    .append(Markup.escape(s.name()))
                    .append("</li>");
        }
        out.append("</ul>\n");
    }

    private void dataTable(StringBuilder out) {
        out.append(
                        "<details class=\"data\"><summary>Data</summary><div class=\"table-wrap\"><table class=\"chart-data\">")
                .append("<thead><tr><th scope=\"col\">")
                .append(Markup.escape(labelHeading))
                .append("</th>");
        for (Series s : series) {
            out.append("<th scope=\"col\" class=\"n\">")
                    .append(Markup.escape(s.name()))
                    .append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (ChartRow row : rows) {
            out.append("<tr><th scope=\"row\">")
                    .append(Markup.escape(row.label()))
                    .append("</th>");
            for (double value : row.values()) {
                out.append("<td class=\"n\">")
                        .append(Markup.escape(format.apply(value)))
                        .append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table></div></details>\n");
    }

    /** A number for an SVG attribute: at most one decimal, never a comma. */
    static String n(double value) {
        long rounded = Math.round(value);
        if (Math.abs(value - rounded) < 0.05) {
            return Long.toString(rounded);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A raw value for a {@code data-value} attribute: whole numbers without a fraction. */
    static String raw(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value)
                .setScale(6, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A round number at or above {@code max} for the top of an axis: four steps of 1, 2 or 5 × 10^k. */
    static double niceCeiling(double max) {
        // four grid steps of 1, 2 or 5 times a power of ten: whole numbers on a count axis (steps
        // like 2.5 would print as 3 and put a point at 7 above the line labelled 8)
        if (max <= 0) {
            return 4;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max / 4)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (4 * step * magnitude >= max) {
                return 4 * step * magnitude;
            }
        }
        return 40 * magnitude;
    }

    /** The {@code <title>} of one bar segment: what a tooltip and a screen reader say. */
    String segmentTitle(ChartRow row, int series) {
        String name =
                this.series.size() > 1 ? " \u2014 " + this.series.get(series).name() : "";
        return row.label() + name + ": " + format.apply(row.values()[series]);
    }
}
