package dev.almanac.planning;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.almanac.planning.internal.ResourceDemand;
import dev.almanac.planning.internal.ResourceDemandRepository;
import dev.almanac.planning.internal.ResourcePool;
import dev.almanac.planning.internal.ResourcePoolRepository;
import dev.almanac.projection.Capacity;
import dev.almanac.projection.ReleaseWindows;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shared resources and what is booked on them: pools with a unit and a capacity over time (changes
 * from a date, holidays per resource or member) and demand overrides per model or release.
 * Experimentation reserves and their overrides are {@link Reserves}'.
 */
@Service
public class Resources {

    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");

    /** A resource as people edit it. */
    public record ResourceChange(
            String key,
            String name,
            String unit,
            Capacity.ResourceKind kind,
            Capacity.Granularity granularity,
            Double capacity,
            List<String> members) {}

    public record DemandInfo(
            Long id,
            String scope,
            String scopeKey,
            String activityId,
            String resource,
            double amount) {}

    private final ResourcePoolRepository pools;
    private final ResourceDemandRepository demands;
    private final PlanningCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    private dev.almanac.governance.DecisionLog decisions;

    @org.springframework.beans.factory.annotation.Autowired
    void decisionLog(dev.almanac.governance.DecisionLog decisions) {
        this.decisions = decisions;
    }

    Resources(
            ResourcePoolRepository pools,
            ResourceDemandRepository demands,
            PlanningCatalog catalog,
            ObjectMapper json,
            Clock clock,
            ApplicationEventPublisher events) {
        this.pools = pools;
        this.demands = demands;
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** Every resource as the projector books it. */
    @Transactional(readOnly = true)
    public List<Capacity.Resource> all() {
        return pools.findAllByOrderByKeyAsc().stream().map(this::resource).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Capacity.Resource> find(String key) {
        return pools.findByKey(key).map(this::resource);
    }

    /**
     * Creates a resource or changes its name, unit, kind, granularity, base capacity and members.
     */
    @Transactional
    public Capacity.Resource save(ResourceChange change, String by) {
        if (change.key() == null || !KEY.matcher(change.key()).matches()) {
            throw new PlanningRejected(
                    "key", "A key is 2 to 60 lower-case letters, digits or dashes, like gpu-pool.");
        }
        require(change.name(), "name", "Name the resource.", 120);
        require(change.unit(), "unit", "Give its unit: GPUs, GPU-hours, reviewer-days ...", 40);
        if (change.kind() == null) {
            throw new PlanningRejected(
                    "kind",
                    "Say whether steps hold units while they run (concurrent) or spend effort (effort).");
        }
        if (change.capacity() == null || change.capacity() < 0 || change.capacity() > 1_000_000) {
            throw new PlanningRejected("capacity", "Capacity is a number from 0 to 1,000,000.");
        }
        Capacity.Granularity granularity =
                change.granularity() == null ? Capacity.Granularity.DAY : change.granularity();
        if (granularity == Capacity.Granularity.HOUR
                && change.kind() == Capacity.ResourceKind.EFFORT) {
            throw new PlanningRejected(
                    "granularity",
                    "Effort is counted by the day; only concurrent units can be booked by the hour.");
        }
        List<String> members =
                change.members() == null
                        ? List.of()
                        : change.members().stream()
                                .map(String::trim)
                                .filter(m -> !m.isEmpty())
                                .distinct()
                                .toList();
        ResourcePool pool = pools.findByKey(change.key()).orElseGet(ResourcePool::new);
        Object before = pool.key == null ? null : resource(pool);
        pool.key = change.key();
        pool.name = change.name().trim();
        pool.unit = change.unit().trim();
        pool.kind = change.kind();
        pool.granularity = granularity;
        pool.capacity = change.capacity();
        pool.members = write(members);
        touch(pool, by);
        Capacity.Resource after = resource(pools.save(pool));
        logged(change.key(), before == null ? "created" : "changed", by, before, after);
        return after;
    }

    /** From a date on, the resource has a new capacity (a new cluster, a reviewer leaving). */
    @Transactional
    public Capacity.Resource changeCapacity(
            String key, LocalDate from, Double capacity, String by) {
        ResourcePool pool = pools.require(key);
        if (from == null) {
            throw new PlanningRejected("from", "Say from which day the capacity changes.");
        }
        if (capacity == null || capacity < 0 || capacity > 1_000_000) {
            throw new PlanningRejected("capacity", "Capacity is a number from 0 to 1,000,000.");
        }
        Capacity.Resource before = resource(pool);
        List<Capacity.CapacityChange> changes = new ArrayList<>(before.changes());
        changes.removeIf(c -> c.from().equals(from));
        changes.add(new Capacity.CapacityChange(from, capacity));
        changes.sort(java.util.Comparator.comparing(Capacity.CapacityChange::from));
        pool.changes = write(changes);
        touch(pool, by);
        logged(key, "capacity from " + from + ": " + capacity, by, before, resource(pool));
        return resource(pool);
    }

    /** Days off for the whole resource or one member, once or repeating (RRULE). */
    @Transactional
    public Capacity.Resource addHoliday(String key, Capacity.Holiday holiday, String by) {
        ResourcePool pool = pools.require(key);
        Capacity.Resource resource = resource(pool);
        if (holiday.start() == null) {
            throw new PlanningRejected("start", "Say the first day off.");
        }
        LocalDate end = holiday.end() == null ? holiday.start() : holiday.end();
        if (end.isBefore(holiday.start())) {
            throw new PlanningRejected("end", "The last day off is on or after the first.");
        }
        String member =
                holiday.member() == null || holiday.member().isBlank()
                        ? null
                        : holiday.member().trim();
        if (member != null && !resource.members().contains(member)) {
            throw new PlanningRejected(
                    "member",
                    key
                            + " has no member '"
                            + member
                            + "'; its members are "
                            + String.join(", ", resource.members())
                            + ".");
        }
        String rrule =
                holiday.rrule() == null || holiday.rrule().isBlank()
                        ? null
                        : holiday.rrule().trim();
        if (rrule != null) {
            try {
                ReleaseWindows.checkRecurrence(rrule);
            } catch (IllegalArgumentException e) {
                throw new PlanningRejected("rrule", e.getMessage());
            }
        }
        List<Capacity.Holiday> holidays = new ArrayList<>(resource.holidays());
        holidays.add(new Capacity.Holiday(holiday.start(), end, rrule, member));
        pool.holidays = write(holidays);
        touch(pool, by);
        logged(key, "days off from " + holiday.start(), by, resource, resource(pool));
        return resource(pool);
    }

    @Transactional
    public void removeHoliday(String key, int index, String by) {
        ResourcePool pool = pools.require(key);
        List<Capacity.Holiday> holidays = new ArrayList<>(resource(pool).holidays());
        if (index >= 0 && index < holidays.size()) {
            Capacity.Holiday removed = holidays.remove(index);
            pool.holidays = write(holidays);
            touch(pool, by);
            logged(key, "days off removed", by, removed, null);
        }
    }

    /**
     * A model's or a release's step needs this much of a resource, in place of the procedure's
     * default (0 needs none).
     */
    @Transactional
    public DemandInfo setDemand(
            String scope, String scopeKey, String activityId, String resourceKey, Double amount) {
        return setDemand(scope, scopeKey, activityId, resourceKey, amount, null);
    }

    /** As {@link #setDemand(String, String, String, String, Double)}, on the decision log. */
    @Transactional
    public DemandInfo setDemand(
            String scope,
            String scopeKey,
            String activityId,
            String resourceKey,
            Double amount,
            String by) {
        if (!"MODEL".equals(scope) && !"RELEASE".equals(scope)) {
            throw new PlanningRejected(
                    "scope", "A demand is overridden for a model or for a release.");
        }
        if (scopeKey == null || scopeKey.isBlank()) {
            throw new PlanningRejected("scopeKey", "Say which " + scope.toLowerCase() + ".");
        }
        if ("MODEL".equals(scope)
                && catalog.models().stream().noneMatch(m -> m.key().equals(scopeKey))) {
            throw new PlanningRejected("scopeKey", "There is no model '" + scopeKey + "'.");
        }
        if (activityId == null || activityId.isBlank()) {
            throw new PlanningRejected("activityId", "Say which step.");
        }
        pools.require(resourceKey);
        if (amount == null || amount < 0 || amount > 1_000_000) {
            throw new PlanningRejected("amount", "The amount is a number from 0 to 1,000,000.");
        }
        ResourceDemand demand =
                demands.findByScopeAndScopeKeyAndActivityIdAndResourceKey(
                                scope, scopeKey.trim(), activityId, resourceKey)
                        .orElseGet(ResourceDemand::new);
        demand.scope = scope;
        demand.scopeKey = scopeKey.trim();
        demand.activityId = activityId;
        demand.resourceKey = resourceKey;
        Double before = demand.amount;
        demand.amount = amount;
        demand = demands.save(demand);
        if (by != null) {
            logged(
                    resourceKey,
                    "demand of "
                            + scope.toLowerCase()
                            + " "
                            + scopeKey.trim()
                            + " at "
                            + activityId
                            + ": "
                            + amount,
                    by,
                    before,
                    amount);
        }
        events.publishEvent(new ResourcesChanged(resourceKey));
        return info(demand);
    }

    @Transactional(readOnly = true)
    public List<DemandInfo> demandOverrides() {
        return demands.findAll().stream().map(Resources::info).toList();
    }

    /**
     * The demand the projector books: the procedure's defaults ({@code needs} properties, given)
     * with the overrides per model and per release.
     */
    @Transactional(readOnly = true)
    public Capacity.Demand demand(Map<String, List<Capacity.Need>> defaults) {
        Map<String, Map<String, List<Capacity.Need>>> byModel = new HashMap<>();
        Map<String, Map<String, List<Capacity.Need>>> byRelease = new HashMap<>();
        for (ResourceDemand d : demands.findAll()) {
            var target = "MODEL".equals(d.scope) ? byModel : byRelease;
            Map<String, List<Capacity.Need>> steps =
                    target.computeIfAbsent(d.scopeKey, k -> new HashMap<>());
            // an override replaces the default's need of that resource; the step's other needs stay
            List<Capacity.Need> needs =
                    steps.computeIfAbsent(
                            d.activityId,
                            a -> new ArrayList<>(defaults.getOrDefault(a, List.of())));
            needs.removeIf(n -> n.resource().equals(d.resourceKey));
            if (d.amount > 0) {
                needs.add(new Capacity.Need(d.resourceKey, d.amount));
            }
        }
        return new Capacity.Demand(defaults, byModel, byRelease);
    }

    private void touch(ResourcePool pool, String by) {
        pool.updatedBy = by;
        pool.updatedAt = clock.instant();
        pools.save(pool);
        events.publishEvent(new ResourcesChanged(pool.key));
    }

    /** Puts a change of a resource on the decision log, with its state before and after. */
    private void logged(String key, String outcome, String by, Object before, Object after) {
        if (decisions != null) {
            decisions.constraintChanged(
                    null,
                    "Resource '" + key + "'",
                    outcome,
                    by,
                    clock.instant(),
                    null,
                    before == null ? null : String.valueOf(before),
                    after == null ? null : String.valueOf(after));
        }
    }

    private static void require(String value, String field, String message, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new PlanningRejected(field, message);
        }
    }

    private static DemandInfo info(ResourceDemand d) {
        return new DemandInfo(d.id, d.scope, d.scopeKey, d.activityId, d.resourceKey, d.amount);
    }

    private Capacity.Resource resource(ResourcePool p) {
        return new Capacity.Resource(
                p.key,
                p.name,
                p.unit,
                p.kind,
                p.granularity,
                p.capacity,
                read(p.changes, new TypeReference<List<Capacity.CapacityChange>>() {}),
                read(p.members, new TypeReference<List<String>>() {}),
                read(p.holidays, new TypeReference<List<Capacity.Holiday>>() {}));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable resource data: " + text, e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
