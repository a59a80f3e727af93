package dev.almanac.scenarios;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A scenario's changes as its row stores them: a JSON array, each change with its {@code kind} (see
 * {@link Scenarios.Change}).
 */
@Component
class ChangeJson {

    private static final TypeReference<List<Scenarios.Change>> CHANGES = new TypeReference<>() {};

    private final ObjectMapper json;

    ChangeJson(ObjectMapper json) {
        this.json = json;
    }

    List<Scenarios.Change> read(String changes, String token) {
        try {
            return json.readValue(changes, CHANGES);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable scenario " + token, e);
        }
    }

    String write(List<Scenarios.Change> changes) {
        try {
            // as a list of changes, not of whatever the elements are, so that each one carries its
            // kind
            return json.writerFor(CHANGES).writeValueAsString(changes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
