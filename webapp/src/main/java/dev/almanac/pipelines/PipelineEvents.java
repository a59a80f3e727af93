package dev.almanac.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.pipelines.internal.EventContract;
import dev.almanac.pipelines.internal.PipelineEvent;
import dev.almanac.pipelines.internal.PipelineEventRepository;
import dev.almanac.pipelines.web.PipelineProblem;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.ReleaseSummary;
import dev.almanac.releases.Releases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.operaton.bpm.engine.MismatchingMessageCorrelationException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts pipeline events exactly once. The event's record and the message correlation commit in
 * one transaction, and the unique event id makes every repeat (sequential or concurrent) a replay
 * of the first result.
 */
@Service
public class PipelineEvents {

    private static final Duration REPLAY_WAIT = Duration.ofSeconds(15);

    private final Releases releases;

    /** {@code almanac_events_seconds} by outcome: accepted, replayed, refused. */
    private final Map<String, io.micrometer.core.instrument.Timer> timers;

    private final ReleaseQueries releaseQueries;
    private final PipelineEventRepository events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ObjectMapper json;
    private final dev.almanac.identity.AccessPolicy policy;
    private final dev.almanac.pipelines.internal.RegisteredModels registeredModels;

    PipelineEvents(
            Releases releases,
            ReleaseQueries releaseQueries,
            PipelineEventRepository events,
            TransactionTemplate transaction,
            Clock clock,
            ObjectMapper json,
            dev.almanac.identity.AccessPolicy policy,
            dev.almanac.pipelines.internal.RegisteredModels registeredModels,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.timers =
                java.util.stream.Stream.of("accepted", "replayed", "refused")
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        outcome -> outcome,
                                        outcome ->
                                                io.micrometer.core.instrument.Timer.builder(
                                                                "almanac.events")
                                                        .description("Pipeline events by outcome")
                                                        .tag("outcome", outcome)
                                                        .publishPercentileHistogram()
                                                        .register(meters)));
        this.registeredModels = registeredModels;
        this.policy = policy;
        this.releases = releases;
        this.releaseQueries = releaseQueries;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.json = json;
    }

    /** The result of an event: accepted now, or the replay of the first time it was accepted. */
    public record Accepted(
            String eventId, String releaseKey, String type, Instant acceptedAt, boolean replay) {}

    /**
     * Accepts an event (or replays the first acceptance), timed as {@code almanac_events_seconds}
     * with its outcome: accepted, replayed or refused.
     */
    public Accepted accept(
            PipelineTokens.Pipeline pipeline,
            String releaseKey,
            String type,
            String eventId,
            Map<String, Object> variables) {
        long started = System.nanoTime();
        String outcome = "refused";
        try {
            Accepted accepted = acceptTimed(pipeline, releaseKey, type, eventId, variables);
            outcome = accepted.replay() ? "replayed" : "accepted";
            return accepted;
        } finally {
            timers.get(outcome)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private Accepted acceptTimed(
            PipelineTokens.Pipeline pipeline,
            String releaseKey,
            String type,
            String eventId,
            Map<String, Object> variables) {
        EventContract.check(type, eventId, variables);
        try {
            return acceptRetryingConcurrentChanges(pipeline, releaseKey, type, eventId, variables);
        } catch (DataIntegrityViolationException repeated) {
            // the event id is taken: by an earlier delivery of this event, or by a concurrent one
            // that is committing now
            return replay(awaitCommitted(eventId), releaseKey, type);
        } catch (MismatchingMessageCorrelationException notAwaited) {
            throw notAwaited(releaseKey, type);
        }
    }

    /**
     * The engine refuses a correlation that meets a concurrent change of the same release (a worker
     * completing its step, a timer): the whole event is tried again, as the engine's own job
     * executor does, a few times before the pipeline is told to send it again.
     */
    private Accepted acceptRetryingConcurrentChanges(
            PipelineTokens.Pipeline pipeline,
            String releaseKey,
            String type,
            String eventId,
            Map<String, Object> variables) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(
                        status -> acceptOnce(pipeline, releaseKey, type, eventId, variables));
            } catch (org.operaton.bpm.engine.OptimisticLockingException concurrent) {
                if (attempt == 3) {
                    throw concurrent;
                }
            }
        }
    }

    /**
     * The common case costs three statements besides the engine's own: read the release, insert the
     * event (its unique id turns every repeat into a replay), correlate. Why an event does not fit
     * is worked out only when it does not.
     */
    private Accepted acceptOnce(
            PipelineTokens.Pipeline pipeline,
            String releaseKey,
            String type,
            String eventId,
            Map<String, Object> variables) {
        ReleaseSummary release =
                releaseQueries
                        .plannedRelease(releaseKey)
                        .orElseThrow(
                                () ->
                                        new PipelineProblem(
                                                HttpStatus.NOT_FOUND,
                                                "key",
                                                "There is no release " + releaseKey + "."));
        if (!policy.covers(pipeline, release.model())) {
            throw new PipelineProblem(
                    HttpStatus.FORBIDDEN,
                    "key",
                    "Token '"
                            + pipeline.name()
                            + "' may not act on model "
                            + release.model()
                            + ".");
        }
        // the procedure says what this message may carry; one it does not catch is refused below
        releaseQueries
                .declaredVariables(release, type)
                .ifPresent(
                        declared -> {
                            EventContract.checkDeclared(type, variables, declared);
                            EventContract.checkModelUri(
                                    variables, registeredModels.of(release.model()));
                        });
        // whole seconds: what every database keeps (MariaDB through Connector/J keeps no fraction),
        // so replays answer the very same time
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        events.saveAndFlush(
                new PipelineEvent(
                        eventId, releaseKey, type, pipeline.tokenId(), now, write(variables)));
        releases.deliver(release, type, variables == null ? Map.of() : variables);
        return new Accepted(eventId, releaseKey, type, now, false);
    }

    private PipelineProblem notAwaited(String releaseKey, String type) {
        ReleaseSummary release = releaseQueries.plannedRelease(releaseKey).orElseThrow();
        java.util.Set<String> caught = releaseQueries.messagesCaughtBy(release);
        if (!caught.contains(type)) {
            return new PipelineProblem(
                    HttpStatus.BAD_REQUEST,
                    "type",
                    "Unknown event type '"
                            + type
                            + "': the procedure of "
                            + releaseKey
                            + " accepts "
                            + String.join(", ", caught)
                            + ".");
        }
        java.util.Set<String> awaited = releaseQueries.messagesAwaitedBy(release);
        return new PipelineProblem(
                HttpStatus.CONFLICT,
                "type",
                "Release "
                        + releaseKey
                        + " is not waiting for "
                        + type
                        + " now; it "
                        + (awaited.isEmpty()
                                ? "waits for no pipeline event at the moment."
                                : "waits for " + String.join(", ", awaited) + "."));
    }

    private Accepted replay(PipelineEvent first, String releaseKey, String type) {
        if (!first.getReleaseKey().equals(releaseKey) || !first.getType().equals(type)) {
            throw new PipelineProblem(
                    HttpStatus.CONFLICT,
                    "eventId",
                    "Event id "
                            + first.getEventId()
                            + " was already used for "
                            + first.getType()
                            + " on "
                            + first.getReleaseKey()
                            + ".");
        }
        return new Accepted(
                first.getEventId(),
                first.getReleaseKey(),
                first.getType(),
                first.getAcceptedAt(),
                true);
    }

    /**
     * A concurrent duplicate lost the race on the unique event id: the winner's record becomes
     * visible when it commits.
     */
    private PipelineEvent awaitCommitted(String eventId) {
        Instant deadline = clock.instant().plus(REPLAY_WAIT);
        while (clock.instant().isBefore(deadline)) {
            var first = events.findByEventId(eventId);
            if (first.isPresent()) {
                return first.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new PipelineProblem(
                HttpStatus.CONFLICT,
                "eventId",
                "Event " + eventId + " is being processed by another request; send it again.");
    }

    private String write(Map<String, Object> variables) {
        try {
            String text = json.writeValueAsString(variables == null ? Map.of() : variables);
            // the column holds 4000 characters; cut JSON would be no record at all, and the engine
            // keeps the values anyway
            return text.length() > 4000 ? "{\"truncated\":true}" : text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
