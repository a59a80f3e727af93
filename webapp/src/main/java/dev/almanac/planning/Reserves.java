package dev.almanac.planning;

import dev.almanac.identity.AccessPolicy;
import dev.almanac.planning.internal.CapacityReservation;
import dev.almanac.planning.internal.CapacityReservationRepository;
import dev.almanac.planning.internal.ReservationOverride;
import dev.almanac.planning.internal.ReservationOverrideRepository;
import dev.almanac.planning.internal.ResourcePoolRepository;
import dev.almanac.projection.Capacity;
import dev.almanac.projection.ReleaseWindows;
import dev.almanac.projection.WindowKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experimentation reserves: a share of a resource kept for an experimentation window, and the
 * overrides a release manager grants (with a reason, in the decision log) to let a production
 * release use it.
 */
@Service
public class Reserves {

    private final ResourcePoolRepository pools;
    private final CapacityReservationRepository reservations;
    private final ReservationOverrideRepository overrides;
    private final Windows windows;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AccessPolicy policy;
    private dev.almanac.governance.DecisionLog decisions;

    @org.springframework.beans.factory.annotation.Autowired
    void decisionLog(dev.almanac.governance.DecisionLog decisions) {
        this.decisions = decisions;
    }

    Reserves(
            ResourcePoolRepository pools,
            CapacityReservationRepository reservations,
            ReservationOverrideRepository overrides,
            Windows windows,
            Clock clock,
            ApplicationEventPublisher events,
            AccessPolicy policy) {
        this.pools = pools;
        this.reservations = reservations;
        this.overrides = overrides;
        this.windows = windows;
        this.clock = clock;
        this.events = events;
        this.policy = policy;
    }

    public record ReservationInfo(
            Long id, Long windowId, String windowName, String resource, double share) {}

    public record OverrideInfo(
            Long id,
            String resource,
            String releaseKey,
            String reason,
            String decidedBy,
            Instant decidedAt) {}

    /**
     * An experimentation window holds back a share (0 to 1) of a resource from production demand.
     */
    @Transactional
    public ReservationInfo reserve(Long windowId, String resourceKey, Double share) {
        return reserve(windowId, resourceKey, share, null);
    }

    /** As {@link #reserve(Long, String, Double)}, on the decision log with who set it. */
    @Transactional
    public ReservationInfo reserve(Long windowId, String resourceKey, Double share, String by) {
        var window =
                windowId == null ? Optional.<Windows.WindowInfo>empty() : windows.window(windowId);
        if (window.isEmpty() || window.get().rule().kind() != WindowKind.EXPERIMENTATION) {
            throw new PlanningRejected("windowId", "Choose an experimentation window.");
        }
        pools.require(resourceKey);
        if (share == null || share <= 0 || share > 1) {
            throw new PlanningRejected("share", "Reserve a share above 0 % and up to 100 %.");
        }
        CapacityReservation reservation =
                reservations
                        .findByWindowIdAndResourceKey(windowId, resourceKey)
                        .orElseGet(CapacityReservation::new);
        Double before = reservation.share;
        reservation.windowId = windowId;
        reservation.resourceKey = resourceKey;
        reservation.share = share;
        reservation = reservations.save(reservation);
        if (by != null) {
            decisions.constraintChanged(
                    null,
                    "Reserve of " + resourceKey + " in '" + window.get().rule().name() + "'",
                    "share " + Math.round(share * 100) + " %",
                    by,
                    clock.instant(),
                    null,
                    before,
                    share);
        }
        events.publishEvent(new ResourcesChanged(resourceKey));
        return new ReservationInfo(
                reservation.id, windowId, window.get().rule().name(), resourceKey, share);
    }

    @Transactional(readOnly = true)
    public List<ReservationInfo> reservations() {
        return reservations.findAll().stream()
                .map(
                        r ->
                                new ReservationInfo(
                                        r.id,
                                        r.windowId,
                                        windows.window(r.windowId)
                                                .map(w -> w.rule().name())
                                                .orElse("(removed window)"),
                                        r.resourceKey,
                                        r.share))
                .toList();
    }

    /** The reserves in force over a period: each occurrence of each reserving window. */
    @Transactional(readOnly = true)
    public List<Capacity.Reservation> reservations(Instant from, Instant to) {
        List<CapacityReservation> all = reservations.findAll();
        if (all.isEmpty()) {
            return List.of();
        }
        var rules = windows.windowRules();
        List<Capacity.Reservation> result = new ArrayList<>();
        for (CapacityReservation r : all) {
            rules.stream()
                    .filter(w -> w.id().equals(String.valueOf(r.windowId)))
                    .findFirst()
                    .ifPresent(
                            rule -> {
                                ReleaseWindows.expand(List.of(rule), from, to)
                                        .occurrences(from, to)
                                        .forEach(
                                                o ->
                                                        result.add(
                                                                new Capacity.Reservation(
                                                                        rule.name(),
                                                                        r.resourceKey,
                                                                        r.share,
                                                                        o.start(),
                                                                        o.end())));
                            });
        }
        return result;
    }

    /**
     * Lets a production release use a reserve. Only a release manager may, and only with a reason;
     * whether {@code by} is one is the policy's to say, not the caller's.
     *
     * @throws PlanningRejected naming the field; nothing is recorded then
     */
    @Transactional
    public OverrideInfo overrideReservation(
            String resourceKey, String releaseKey, String reason, String by) {
        if (!policy.isReleaseManager(by)) {
            throw new PlanningRejected(
                    "role",
                    "Only release managers may let a production release into an experimentation reserve.");
        }
        pools.require(resourceKey);
        if (releaseKey == null || releaseKey.isBlank()) {
            throw new PlanningRejected("releaseKey", "Say which release.");
        }
        if (reason == null || reason.trim().length() < 10 || reason.length() > 1000) {
            throw new PlanningRejected("reason", "Say why, in 10 to 1,000 characters.");
        }
        if (overrides.existsByResourceKeyAndReleaseKey(resourceKey, releaseKey)) {
            throw new PlanningRejected(
                    "releaseKey",
                    releaseKey + " may already use the reserve of " + resourceKey + ".");
        }
        ReservationOverride o = new ReservationOverride();
        o.resourceKey = resourceKey;
        o.releaseKey = releaseKey;
        o.reason = reason.trim();
        o.decidedBy = by;
        o.decidedAt = clock.instant();
        o = overrides.save(o);
        var entry =
                decisions.record(
                        new dev.almanac.governance.Decision(
                                dev.almanac.governance.DecisionKind.OVERRIDE,
                                releaseKey,
                                "Experimentation reserve of " + resourceKey,
                                "let in",
                                by,
                                o.decidedAt,
                                o.reason,
                                java.util.Map.of("resource", resourceKey),
                                null));
        events.publishEvent(
                new dev.almanac.governance.GovernanceEvents.OverrideGranted(
                        releaseKey, "reserve of " + resourceKey, by, o.reason, null, entry.id()));
        events.publishEvent(new ResourcesChanged(resourceKey));
        return new OverrideInfo(
                o.id, o.resourceKey, o.releaseKey, o.reason, o.decidedBy, o.decidedAt);
    }

    /** The overrides as the projector takes them: "resource/releaseKey". */
    @Transactional(readOnly = true)
    public Set<String> overrideKeys() {
        Set<String> keys = new HashSet<>();
        overrides.findAll().forEach(o -> keys.add(o.resourceKey + "/" + o.releaseKey));
        return keys;
    }

    @Transactional(readOnly = true)
    public List<OverrideInfo> overrides() {
        return overrides.findAll().stream()
                .map(
                        o ->
                                new OverrideInfo(
                                        o.id,
                                        o.resourceKey,
                                        o.releaseKey,
                                        o.reason,
                                        o.decidedBy,
                                        o.decidedAt))
                .toList();
    }
}
