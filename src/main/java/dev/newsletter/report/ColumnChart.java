package dev.newsletter.report;

import java.util.function.UnaryOperator;

/**
 * Vertical columns in row order (time, usually), stacked by series, over a y axis with four grid
 * lines; about six of the rows' labels are written under the axis, shortened by {@code tick}.
 */
final class ColumnChart extends Chart {
    private static final int HEIGHT = 230;
    private static final int LEFT = 48;
    private static final int RIGHT = 8;
    private static final int TOP = 10;
    private static final int BOTTOM = 36;

    private final UnaryOperator<String> tick;

    ColumnChart(Spec spec, UnaryOperator<String> tick) {
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
            max = Math.max(max, row.total());
        }
        double top = niceCeiling(max);
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double plotWidth = WIDTH - LEFT - RIGHT;
        Axes.yGrid(svg, LEFT, WIDTH - RIGHT, TOP, plotHeight, top, format);
        double slot = plotWidth / rows.size();
        double barWidth = Math.max(1, slot * 0.78);
        int every = Math.max(1, (int) Math.ceil(rows.size() / 6.0));
        for (int i = 0; i < rows.size(); i++) {
            ChartRow row = rows.get(i);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            svg.append("<g class=\"col\" data-label=\"")
                    .append(Markup.escape(row.label()))
                    .append("\" data-total=\"")
                    .append(raw(row.total()))
                    .append("\">");
            double y = TOP + plotHeight;
            for (int s = 0; s < series.size(); s++) {
                double value = row.values()[s];
                if (value <= 0) {
                    continue;
                }
                double h = Math.max(0.5, value / top * plotHeight);
                y -= h;
                svg.append("<rect class=\"")
                        .append(series.get(s).css())
                        .append("\" x=\"")
                        .append(n(x))
                        .append("\" y=\"")
                        .append(n(y))
                        .append("\" width=\"")
                        .append(n(barWidth))
                        .append("\" height=\"")
                        .append(n(h))
                        .append("\" data-series=\"")
                        .append(Markup.escape(series.get(s).name()))
                        .append("\" data-value=\"")
                        .append(raw(value))
                        .append("\"><title>")
                        .append(Markup.escape(segmentTitle(row, s)))
                        .append("</title></rect>");
            }
            if (i % every == 0) {
                svg.append("<text class=\"tick\" x=\"")
                        .append(n(LEFT + i * slot + slot / 2))
                        .append("\" y=\"")
                        .append(HEIGHT - BOTTOM + 16)
                        .append("\" text-anchor=\"middle\">")
                        .append(Markup.escape(tick.apply(row.label())))
                        .append("</text>");
            }
            svg.append("</g>\n");
        }
    }
}
