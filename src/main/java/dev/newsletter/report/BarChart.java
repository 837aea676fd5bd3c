package dev.newsletter.report;

import java.util.OptionalDouble;

/**
 * Horizontal bars, one per row, stacked by series; the total at the end of each bar. An optional
 * limit draws a dashed line across all bars (a mailbox provider's threshold) and marks the bars
 * over it.
 */
final class BarChart extends Chart {
    private static final int LABEL_WIDTH = 164;
    private static final int VALUE_WIDTH = 62;
    private static final int ROW = 26;
    private static final int BAR = 16;
    private static final int TOP = 6;

    private final OptionalDouble limit;
    private final String limitLabel;

    BarChart(Spec spec) {
        this(spec, OptionalDouble.empty(), "");
    }

    BarChart(Spec spec, OptionalDouble limit, String limitLabel) {
        super(spec);
        this.limit = limit;
        this.limitLabel = limitLabel;
    }

    @Override
    int height() {
        return TOP + Math.max(1, rows.size()) * ROW + (limit.isPresent() ? 22 : 6);
    }

    @Override
    void draw(StringBuilder svg) {
        double max = 0;
        for (ChartRow row : rows) {
            max = Math.max(max, row.total());
        }
        if (limit.isPresent()) {
            max = Math.max(max, limit.getAsDouble() * 1.25);
        }
        double scale = max <= 0 ? 0 : (WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8) / max;
        int y = TOP;
        for (ChartRow row : rows) {
            boolean over = limit.isPresent() && row.total() > limit.getAsDouble();
            svg.append("<g class=\"bar")
                    .append(over ? " over" : "")
                    .append("\" data-label=\"")
                    .append(Markup.escape(row.label()))
                    .append("\" data-total=\"")
                    .append(raw(row.total()))
                    .append("\">");
            svg.append("<text class=\"label\" x=\"")
                    .append(LABEL_WIDTH - 6)
                    .append("\" y=\"")
                    .append(y + BAR - 3)
                    .append("\" text-anchor=\"end\">")
                    .append(Markup.escape(Markup.shorten(row.label(), 20)))
                    .append("</text>");
            double x = LABEL_WIDTH;
            for (int s = 0; s < series.size(); s++) {
                double value = row.values()[s];
                if (value <= 0) {
                    continue;
                }
                double w = Math.max(1, value * scale);
                svg.append("<rect class=\"")
                        .append(series.get(s).css())
                        .append("\" x=\"")
                        .append(n(x))
                        .append("\" y=\"")
                        .append(y)
                        .append("\" width=\"")
                        .append(n(w))
                        .append("\" height=\"")
                        .append(BAR)
                        .append("\" data-series=\"")
                        .append(Markup.escape(series.get(s).name()))
                        .append("\" data-value=\"")
                        .append(raw(value))
                        .append("\"><title>")
                        .append(Markup.escape(segmentTitle(row, s)))
                        .append("</title></rect>");
                x += w;
            }
            svg.append("<text class=\"value")
                    .append(over ? " over" : "")
                    .append("\" x=\"")
                    .append(n(x + 5))
                    .append("\" y=\"")
                    .append(y + BAR - 3)
                    .append("\">")
                    .append(Markup.escape(format.apply(row.total())))
                    .append(over ? " \u26a0" : "")
                    .append("</text></g>\n");
            y += ROW;
        }
        if (limit.isPresent()) {
            double lx = LABEL_WIDTH + limit.getAsDouble() * scale;
            svg.append("<g class=\"limit\" data-limit=\"")
                    .append(raw(limit.getAsDouble()))
                    .append("\"><line x1=\"")
                    .append(n(lx))
                    .append("\" y1=\"")
                    .append(TOP - 4)
                    .append("\" x2=\"")
                    .append(n(lx))
                    .append("\" y2=\"")
                    .append(y)
                    .append("\"/><text x=\"")
                    .append(n(lx))
                    .append("\" y=\"")
                    .append(y + 14)
                    .append("\" text-anchor=\"middle\">")
                    .append(Markup.escape(limitLabel))
                    .append("</text></g>\n");
        }
    }
}
