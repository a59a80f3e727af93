package dev.almanac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.identity.Action;
import dev.almanac.identity.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/POLICY.md show the policy table the application enforces ({@link Action}),
 * row for row: a change of who may do what changes the documents too.
 */
class PolicyTableDocsTest {

    static final String START = "<!-- policy table: generated from dev.almanac.identity.Action -->";
    static final String END = "<!-- end of policy table -->";

    /** The table as Markdown. */
    static String table() {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("| action |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Role role : Role.values()) {
            header.append(' ').append(role.label()).append(" |");
            rule.append(" :-: |");
        }
        lines.add(header.append(" condition |").toString());
        lines.add(rule.append(" --- |").toString());
        for (Action action : Action.values()) {
            StringBuilder row = new StringBuilder("| ").append(action.description()).append(" |");
            for (Role role : Role.values()) {
                row.append(action.grants(role) ? " ✓ |" : "  |");
            }
            row.append(' ').append(action.condition()).append(" |");
            lines.add(row.toString().replace("  |", " |"));
        }
        return START + "\n" + String.join("\n", lines) + "\n" + END;
    }

    private static String section(Path file) throws Exception {
        String text = Files.readString(file);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as(file + " has the policy table").isNotNegative();
        assertThat(end).as(file + " ends the policy table").isGreaterThan(start);
        return text.substring(start, end + END.length());
    }

    @Test
    void theReadmeAndThePolicyPageShowTheTableTheApplicationEnforces() throws Exception {
        assertThat(section(Path.of("..", "README.md"))).isEqualTo(table());
        assertThat(section(Path.of("..", "docs", "POLICY.md"))).isEqualTo(table());
    }
}
