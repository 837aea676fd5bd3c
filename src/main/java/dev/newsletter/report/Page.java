package dev.newsletter.report;

import java.util.List;

/**
 * The frame of a report page: a self-contained HTML document (inline CSS, no script, nothing to
 * fetch) that reads well from a phone (one column) to a wide screen (charts two abreast), plus the
 * pieces pages are built of: summary tiles, sections and tables.
 */
final class Page {
    private static final String CSS = """
            :root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#f4f6f8;--card:#fff;--accent:#2b6cb0;\
            --ok:#2f855a;--defer:#d69e2e;--bad:#c53030;--fail:#7b5e57;--doubt:#5a67d8;--other:#718096}
            *{box-sizing:border-box}
            html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            color:var(--ink);background:var(--bg)}
            main{max-width:1180px;margin:0 auto;padding:28px 20px 48px}
            header{margin-bottom:8px}
            h1{font-size:1.65rem;line-height:1.25;margin:0 0 4px;overflow-wrap:anywhere}
            h2{font-size:1.15rem;margin:32px 0 10px}
            .sub{color:var(--muted);margin:0;overflow-wrap:anywhere}
            .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px;margin:20px 0 24px;\
            padding:0;list-style:none}
            .tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 14px}
            .tile .v{display:block;font-size:1.45rem;font-weight:650;font-variant-numeric:tabular-nums}
            .tile .l{color:var(--muted);font-size:.85rem}
            .tile .r{display:block;font-size:.8rem;color:var(--muted)}
            .tile.flag{border-color:var(--bad);background:#fff5f5}
            .tile.flag .v,.tile.flag .r{color:var(--bad)}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,480px),1fr));gap:16px}
            figure.chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 14px 10px;\
            min-width:0}
            figcaption{font-weight:650;margin:0 0 8px}
            svg{display:block;width:100%;height:auto;overflow:visible}
            svg text{font:13px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--ink)}
            svg .grid line{stroke:var(--line);stroke-width:1}
            svg .grid text,svg text.tick{fill:var(--muted);font-size:12px}
            svg text.value{fill:var(--muted)}
            svg text.over{fill:var(--bad);font-weight:650}
            svg text.empty{fill:var(--muted);font-size:14px}
            svg .limit line{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:5 4}
            svg .limit text{fill:var(--bad);font-size:11px}
            svg .line polyline{fill:none;stroke-width:2}
            svg .line.s-accepted polyline{stroke:var(--ok)}
            svg .line.s-list polyline{stroke:var(--accent)}
            svg .line.s-sent polyline{stroke:none}
            .s-accepted{fill:var(--ok)}.s-deferred{fill:var(--defer)}.s-rejected{fill:var(--bad)}
            .s-failed{fill:var(--fail)}.s-doubt{fill:var(--doubt)}.s-one{fill:var(--accent)}.s-list{fill:var(--accent)}
            .s-sent{fill:var(--defer)}.s-hard{fill:var(--bad)}.s-soft{fill:var(--defer)}.s-complaint{fill:#9b2c2c}
            .s-unsub{fill:var(--other)}
            .legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:8px 0 0;padding:0;list-style:none;font-size:.85rem;\
            color:var(--muted)}
            .legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
            .k.s-accepted{background:var(--ok)}.k.s-deferred{background:var(--defer)}.k.s-rejected{background:var(--bad)}
            .k.s-failed{background:var(--fail)}.k.s-doubt{background:var(--doubt)}.k.s-list{background:var(--accent)}
            .k.s-sent{background:var(--defer)}.k.s-one{background:var(--accent)}
            details.data{margin-top:8px;font-size:.85rem}
            details.data summary{cursor:pointer;color:var(--accent)}
            .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}
            table{border-collapse:collapse;width:100%;background:var(--card);font-size:.88rem}
            section>.table-wrap{border:1px solid var(--line);border-radius:10px}
            th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
            thead th{background:#eef2f6;font-weight:650;white-space:nowrap}
            tbody tr:last-child>*{border-bottom:0}
            .n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.addr{overflow-wrap:anywhere;min-width:12ch}
            td.d{white-space:nowrap}
            td.reply{overflow-wrap:anywhere;min-width:20ch;max-width:60ch}
            tr.flag td,td.flag{color:var(--bad);font-weight:650}
            .note{color:var(--muted);font-size:.88rem}
            footer{margin-top:36px;color:var(--muted);font-size:.8rem}
            @media (max-width:600px){body{font-size:14px}main{padding:18px 12px 36px}h1{font-size:1.35rem}\
            .tiles{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}.tile .v{font-size:1.2rem}\
            figure.chart{padding:10px}th,td{padding:5px 7px}}
            @media print{body{background:#fff}figure.chart,.tile{break-inside:avoid}}
            """;

    private final StringBuilder out = new StringBuilder(64 * 1024);

    Page(String title, String heading, String subtitle) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n<title>")
                .append(Markup.escape(title))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>")
                .append(Markup.escape(heading))
                .append("</h1>\n<p class=\"sub\">")
                .append(Markup.escape(subtitle))
                .append("</p>\n</header>\n");
    }

    /** A figure in a tile: {@code rate} a line under the value (may be empty); {@code flag} marks it red. */
    record Tile(String label, String value, String rate, boolean flag) {}

    Page tiles(List<Tile> tiles) {
        out.append("<ul class=\"tiles\">\n");
        for (Tile tile : tiles) {
            out.append("<li class=\"tile")
                    .append(tile.flag() ? " flag" : "")
                    .append("\"><span class=\"l\">")
                    .append(Markup.escape(tile.label()))
                    .append("</span><span class=\"v\">")
                    .append(Markup.escape(tile.value()))
                    .append("</span>");
            if (!tile.rate().isEmpty()) {
                out.append("<span class=\"r\">")
                        .append(Markup.escape(tile.rate()))
                        .append("</span>");
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n");
        return this;
    }

    Page charts(List<Chart> charts) {
        out.append("<section class=\"charts\" aria-label=\"Charts\">\n");
        charts.forEach(chart -> chart.render(out));
        out.append("</section>\n");
        return this;
    }

    Page heading(String text) {
        out.append("<h2>").append(Markup.escape(text)).append("</h2>\n");
        return this;
    }

    Page note(String text) {
        out.append("<p class=\"note\">").append(Markup.escape(text)).append("</p>\n");
        return this;
    }

    /** A table section: {@code columns} whose name starts with {@code #} are numeric (right-aligned). */
    Table table(String heading, List<String> columns) {
        out.append("<section>\n<h2>").append(Markup.escape(heading)).append("</h2>\n");
        out.append("<div class=\"table-wrap\"><table><thead><tr>");
        for (String column : columns) {
            boolean numeric = column.startsWith("#");
            out.append("<th scope=\"col\"")
                    .append(numeric ? " class=\"n\"" : "")
                    .append('>')
                    .append(Markup.escape(numeric ? column.substring(1) : column))
                    .append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        return new Table();
    }

    /** Rows of the table last opened with {@link #table}; cells are escaped, classes are ours. */
    final class Table {
        Table row(boolean flag, Cell... cells) {
            out.append(flag ? "<tr class=\"flag\">" : "<tr>");
            for (Cell cell : cells) {
                out.append(cell.css().isEmpty() ? "<td>" : "<td class=\"" + cell.css() + "\">")
                        .append(Markup.escape(cell.text()))
                        .append("</td>");
            }
            out.append("</tr>\n");
            return this;
        }

        Table row(Cell... cells) {
            return row(false, cells);
        }

        Page end(String noteWhenCut) {
            out.append("</tbody></table></div>\n");
            if (!noteWhenCut.isEmpty()) {
                out.append("<p class=\"note\">")
                        .append(Markup.escape(noteWhenCut))
                        .append("</p>\n");
            }
            out.append("</section>\n");
            return Page.this;
        }
    }

    /** A table cell: text, and a class ({@code n} numeric, {@code addr}, {@code reply}, or none). */
    record Cell(String text, String css) {
        static Cell text(String text) {
            return new Cell(text, "");
        }

        static Cell number(long n) {
            return new Cell(Numbers.count(n), "n");
        }

        static Cell numeric(String text) {
            return new Cell(text, "n");
        }

        static Cell address(String text) {
            return new Cell(text, "addr");
        }

        static Cell date(String text) {
            return new Cell(text, "d");
        }

        static Cell reply(String text) {
            return new Cell(text, "reply");
        }
    }

    String finish(String footer) {
        out.append("<footer>").append(Markup.escape(footer)).append("</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }
}
