package dev.almanac;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.processes.safety.PublishedApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's "Change the procedure" lists exactly the beans and methods procedures may call. */
class PublishedBeansReadmeTest {

    @Test
    void theReadmeListsEveryPublishedMethodAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        java.util.Set<String> listed = new java.util.TreeSet<>();
        Matcher row = Pattern.compile("\\| `(\\w+)` \\| `(\\w+)\\(").matcher(readme);
        while (row.find()) {
            if (PublishedApi.BEANS.containsKey(row.group(1))) {
                listed.add(row.group(1) + "." + row.group(2));
            }
        }
        java.util.Set<String> published = new java.util.TreeSet<>();
        PublishedApi.BEANS
                .keySet()
                .forEach(
                        bean ->
                                PublishedApi.methodsOf(bean)
                                        .forEach(m -> published.add(bean + "." + m)));
        assertThat(listed).isEqualTo(published);
    }
}
