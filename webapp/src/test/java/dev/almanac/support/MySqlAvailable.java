package dev.almanac.support;

import java.sql.DriverManager;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs MySQL-backed tests when the test database answers. Under {@code CI=true} they always run, so
 * a missing database fails the build instead of skipping silently.
 */
public class MySqlAvailable implements ExecutionCondition {

    public static final String URL =
            System.getProperty(
                    "almanac.test.mysql.url",
                    "jdbc:mysql://127.0.0.1:3306/almanac_test?nullDatabaseMeansCurrent=true&sslMode=DISABLED&allowPublicKeyRetrieval=true");
    public static final String USER = System.getProperty("almanac.test.mysql.user", "almanac");
    public static final String PASSWORD =
            System.getProperty("almanac.test.mysql.password", "almanac");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: MySQL tests always run");
        }
        try (var connection = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return ConditionEvaluationResult.enabled("MySQL test database reachable");
        } catch (Exception e) {
            return ConditionEvaluationResult.disabled(
                    "MySQL test database not reachable ("
                            + e.getMessage()
                            + "); run .ci/run or create it as the README says");
        }
    }
}
