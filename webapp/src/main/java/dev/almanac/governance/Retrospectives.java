package dev.almanac.governance;

import dev.almanac.governance.internal.OpenItemRepository;
import dev.almanac.governance.internal.OpenItemRow;
import dev.almanac.governance.internal.RetrospectiveRepository;
import dev.almanac.governance.internal.RetrospectiveRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retrospectives feed the next plan: each one is kept with the release's history, and each of its
 * actions becomes an open item on the model's next release until someone closes it there.
 */
@Service
public class Retrospectives {

    private final RetrospectiveRepository retrospectives;
    private final OpenItemRepository items;
    private final Clock clock;

    Retrospectives(RetrospectiveRepository retrospectives, OpenItemRepository items, Clock clock) {
        this.retrospectives = retrospectives;
        this.items = items;
        this.clock = clock;
    }

    public record Retrospective(
            String releaseKey,
            String model,
            String wentWell,
            String slipped,
            String actions,
            String heldBy,
            Instant heldAt) {

        static Retrospective of(RetrospectiveRow r) {
            return new Retrospective(
                    r.releaseKey, r.model, r.wentWell, r.slipped, r.actions, r.heldBy, r.heldAt);
        }
    }

    public record OpenItem(
            long id,
            String model,
            String fromRelease,
            String text,
            Instant createdAt,
            String closedIn,
            String closedBy,
            Instant closedAt) {

        public boolean open() {
            return closedAt == null;
        }

        static OpenItem of(OpenItemRow r) {
            return new OpenItem(
                    r.id,
                    r.model,
                    r.fromRelease,
                    r.text,
                    r.createdAt,
                    r.closedIn,
                    r.closedBy,
                    r.closedAt);
        }
    }

    /**
     * In the engine's transaction: the retrospective and its actions are kept exactly when the task
     * completes.
     */
    @EventListener
    @Transactional
    public void held(GovernanceEvents.RetrospectiveHeld held) {
        if (retrospectives.findByReleaseKey(held.releaseKey()).isPresent()) {
            return;
        }
        RetrospectiveRow row = new RetrospectiveRow();
        row.releaseKey = held.releaseKey();
        row.model = held.model() == null ? "" : held.model();
        row.wentWell = DecisionChain.clip(held.wentWell(), 4000);
        row.slipped = DecisionChain.clip(held.slipped(), 4000);
        row.actions = DecisionChain.clip(held.actions(), 4000);
        row.heldBy = held.by();
        row.heldAt = clock.instant();
        retrospectives.save(row);
        for (String action : actions(held.actions())) {
            OpenItemRow item = new OpenItemRow();
            item.model = row.model;
            item.fromRelease = held.releaseKey();
            item.text = DecisionChain.clip(action, 1000);
            item.createdAt = row.heldAt;
            items.save(item);
        }
    }

    /** One action per line; list markers ("-", "*", "1.") are dropped. */
    static List<String> actions(String text) {
        List<String> result = new ArrayList<>();
        if (text == null) {
            return result;
        }
        for (String line : text.split("\\R")) {
            String action = line.strip().replaceFirst("^([-*•]|\\d+[.)])\\s*", "").strip();
            if (!action.isEmpty()
                    && !java.util.Set.of("none", "nothing", "n/a", "-")
                            .contains(action.toLowerCase(java.util.Locale.ROOT))) {
                result.add(action);
            }
        }
        return result;
    }

    @Transactional(readOnly = true)
    public Optional<Retrospective> of(String releaseKey) {
        return retrospectives.findByReleaseKey(releaseKey).map(Retrospective::of);
    }

    /** The model's earlier retrospectives, newest first, for the team planning this release. */
    @Transactional(readOnly = true)
    public List<Retrospective> earlier(String model, String exceptRelease) {
        return retrospectives.findByModelOrderByHeldAtDesc(model).stream()
                .filter(r -> !r.releaseKey.equals(exceptRelease))
                .map(Retrospective::of)
                .toList();
    }

    /**
     * The open items a release inherits: actions of the model's other releases' retrospectives, and
     * those it closed itself.
     */
    @Transactional(readOnly = true)
    public List<OpenItem> itemsFor(String model, String releaseKey) {
        return items.findByModelOrderByIdAsc(model).stream()
                .filter(
                        i ->
                                !i.fromRelease.equals(releaseKey)
                                        && (i.closedAt == null || releaseKey.equals(i.closedIn)))
                .map(OpenItem::of)
                .toList();
    }

    /**
     * Closes an open item in a release.
     *
     * @throws IllegalArgumentException when there is no such open item for the model
     */
    @Transactional
    public OpenItem close(long id, String model, String releaseKey, String by) {
        OpenItemRow item =
                items.findById(id)
                        .filter(i -> i.model.equals(model))
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "No open item " + id + " for " + model));
        if (item.closedAt == null) {
            item.closedIn = releaseKey;
            item.closedBy = by;
            item.closedAt = clock.instant();
        }
        return OpenItem.of(item);
    }
}
