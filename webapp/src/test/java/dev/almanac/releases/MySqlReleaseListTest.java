package dev.almanac.releases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.support.MySqlApplicationContext;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The release list's one query on MySQL/MariaDB, where the engine's runtime table it asks about
 * status and step is spelt as the engine created it.
 */
class MySqlReleaseListTest extends MySqlApplicationContext {

    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;

    @Test
    void statusStepLaneAndPagingAreAnsweredByTheDatabase() {
        String model = "mylist-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> keys =
                List.of("1.0", "1.1", "1.2").stream()
                        .map(
                                v ->
                                        releases.plan(
                                                        new NewRelease(
                                                                model,
                                                                v,
                                                                Lane.STAGING,
                                                                RiskTier.LOW,
                                                                "fraud-ml",
                                                                LocalDate.now().plusDays(9),
                                                                ""),
                                                        "rita")
                                                .key())
                        .toList();
        // this context runs the workers: cancelling can meet a worker finishing the release's step
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .ignoreException(org.operaton.bpm.engine.OptimisticLockingException.class)
                .until(
                        () -> {
                            releases.cancel(keys.get(1), "superseded", "rita");
                            return true;
                        });
        ReleaseFilter ofModel = new ReleaseFilter(model, null, null, null, null, null, null);

        ReleasePage firstTwo = releaseQueries.page(ofModel, 0, 2);
        assertThat(firstTwo.items())
                .extracting(ReleaseSummary::key)
                .containsExactly(keys.get(0), keys.get(1));
        assertThat(firstTwo.hasNext()).isTrue();
        // this context runs the workers: ask for the step the first release is at now
        String step =
                releaseQueries
                        .find(keys.get(0))
                        .orElseThrow()
                        .summary()
                        .progress()
                        .steps()
                        .get(0)
                        .activityId();
        assertThat(
                        releaseQueries
                                .page(
                                        new ReleaseFilter(
                                                model,
                                                null,
                                                Lane.STAGING,
                                                ReleaseFilter.Status.RUNNING,
                                                null,
                                                "fraud-ml",
                                                null),
                                        0,
                                        50)
                                .items())
                .extracting(ReleaseSummary::key)
                .containsExactly(keys.get(0), keys.get(2));
        assertThat(
                        releaseQueries
                                .page(
                                        new ReleaseFilter(
                                                model, null, null, null, step, null, null),
                                        0,
                                        50)
                                .items())
                .extracting(ReleaseSummary::key)
                .contains(keys.get(0))
                .doesNotContain(keys.get(1));
        assertThat(
                        releaseQueries
                                .page(
                                        new ReleaseFilter(
                                                model,
                                                null,
                                                null,
                                                ReleaseFilter.Status.ENDED,
                                                null,
                                                null,
                                                null),
                                        0,
                                        50)
                                .items())
                .extracting(ReleaseSummary::key)
                .containsExactly(keys.get(1));
    }
}
