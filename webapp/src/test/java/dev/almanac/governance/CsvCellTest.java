package dev.almanac.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A cell of the decision log's CSV export cannot run as a spreadsheet formula. */
class CsvCellTest {

    @Test
    void leadingFormulaCharactersAreNeutralised() {
        assertThat(DecisionLog.csvCell("=HYPERLINK(\"http://x\")")).startsWith("\"'=HYPERLINK");
        assertThat(DecisionLog.csvCell("+1")).isEqualTo("'+1");
        assertThat(DecisionLog.csvCell("-1")).isEqualTo("'-1");
        assertThat(DecisionLog.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(DecisionLog.csvCell("\t=1")).isEqualTo("'\t=1");
        assertThat(DecisionLog.csvCell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(DecisionLog.csvCell("approve")).isEqualTo("approve");
        assertThat(DecisionLog.csvCell("a, b")).isEqualTo("\"a, b\"");
    }
}
