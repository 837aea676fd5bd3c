package dev.newsletter.report;

import java.util.function.UnaryOperator;

/**
 * Values over time as lines, one per series, with a dot per point (a series that is zero-free only
 * where it has data: a {@code NaN} value is no point). Points are spaced by their position in the
 * rows, which are in time order; about six labels are written under the axis.
 */
final class LineChart extends Chart {
    private static final int HEIGHT = 230;
    private static final int LEFT = 56;
    private static final int RIGHT = 28;
    private static final int TOP = 10;
    private static final int BOTTOM = 36;

    private final UnaryOperator<String> tick;

    LineChart(Spec spec, UnaryOperator<String> tick) {
        super(spec);
        this.tick = tick;
    }

    @Override
    int height() {
        return HEIGHT;
    }

    @Override
    void draw(StringBuilder svg) {
        double max = 0;
        for (ChartRow row : rows) {
            for (double value : row.values()) {
                if (!Double.isNaN(value)) {
                    max = Math.max(max, value);
                }
            }
        }
        double top = niceCeiling(max);
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double plotWidth = WIDTH - LEFT - RIGHT;
        Axes.yGrid(svg, LEFT, WIDTH - RIGHT, TOP, plotHeight, top, format);
        double step = rows.size() == 1 ? 0 : plotWidth / (rows.size() - 1);
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                double value = rows.get(i).values()[s];
                if (Double.isNaN(value)) {
                    continue;
                }
                double x = rows.size() == 1 ? LEFT + plotWidth / 2 : LEFT + i * step;
                double y = TOP + plotHeight - value / top * plotHeight;
                points.append(n(x)).append(',').append(n(y)).append(' ');
                dots.append("<circle class=\"")
                        .append(series.get(s).css())
                        .append("\" cx=\"")
                        .append(n(x))
                        .append("\" cy=\"")
                        .append(n(y))
                        .append("\" r=\"3.5\" data-label=\"")
                        .append(Markup.escape(rows.get(i).label()))
                        .append("\" data-series=\"")
                        .append(Markup.escape(series.get(s).name()))
                        .append("\" data-value=\"")
                        .append(raw(value))
                        .append("\"><title>")
                        .append(Markup.escape(segmentTitle(rows.get(i), s)))
                        .append("</title></circle>");
            }
            svg.append("<g class=\"line ")
                    .append(series.get(s).css())
                    .append("\"><polyline points=\"")
                    .append(points.toString().strip())
                    .append("\"/>")
                    .append(dots)
                    .append("</g>\n");
        }
        int every = Math.max(1, (int) Math.ceil(rows.size() / 6.0));
        for (int i = 0; i < rows.size(); i += every) {
            double x = rows.size() == 1 ? LEFT + plotWidth / 2 : LEFT + i * step;
            svg.append("<text class=\"tick\" x=\"")
                    .append(n(x))
                    .append("\" y=\"")
                    .append(HEIGHT - BOTTOM + 16)
                    .append("\" text-anchor=\"middle\">")
                    .append(Markup.escape(tick.apply(rows.get(i).label())))
                    .append("</text>");
        }
    }
}
