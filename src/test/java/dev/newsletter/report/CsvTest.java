package dev.newsletter.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A CSV cell a spreadsheet would run as a formula starts with a quote mark instead. */
class CsvTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "=cmd|' /C calc'!A0",
                "+1+cmd|' /C calc'!A0",
                "-2+3",
                "@SUM(A1)",
                "\t=cmd|' /C calc'!A0",
                "\r=cmd|' /C calc'!A0",
                "\n=cmd|' /C calc'!A0"
            })
    void aCellThatLooksLikeAFormulaIsText(String value) {
        String cell = Csv.cell(value);
        String content =
                cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;

        assertThat(content).as(cell).startsWith("'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-fall", "pdl-packet", "a,b", "say \"hi\""})
    void otherCellsAreQuotedOnlyWhenRfc4180AsksFor(String value) {
        String cell = Csv.cell(value);

        assertThat(cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell)
                .isEqualTo(value);
    }
}
