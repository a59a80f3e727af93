package dev.almanac.releases.internal;

import dev.almanac.processes.DefaultReleaseTiming;
import dev.almanac.processes.ModelRelease;
import dev.almanac.projection.Procedure;
import dev.almanac.projection.Step;
import dev.almanac.projection.StepKind;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.Activity;
import org.operaton.bpm.model.bpmn.instance.ExclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.Gateway;
import org.operaton.bpm.model.bpmn.instance.InclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.StartEvent;
import org.operaton.bpm.model.bpmn.instance.TimeDate;
import org.springframework.stereotype.Component;

/**
 * Reads a deployed procedure version into the projector's {@link Procedure}: which activities a
 * release is expected to pass (following the flows marked {@code expected} at each decision, every
 * branch of a parallel split), their planned durations and milestones, and the detours
 * (escalations, reviews, retraining) with the point where they rejoin. Nothing here knows the steps
 * by name: a changed BPMN changes the calendar.
 *
 * <p>A little over our usual length: it is one walk over the BPMN graph, and its rules (expected
 * flows, detours, rejoins, properties) depend on each other.
 */
@Component
public class ProcedureModels {

    private final RepositoryService repository;
    private final Map<String, Procedure> byDefinition = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> gated = new ConcurrentHashMap<>();
    public final Map<String, Map<String, List<dev.almanac.projection.Capacity.Need>>> needs =
            new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> overrides = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> fourEyes = new ConcurrentHashMap<>();

    ProcedureModels(RepositoryService repository) {
        this.repository = repository;
    }

    /**
     * The procedure of a process definition; definitions never change once deployed, so it is read
     * once.
     */
    public Procedure of(String processDefinitionId) {
        return byDefinition.computeIfAbsent(
                processDefinitionId, id -> read(id, repository.getBpmnModelInstance(id)));
    }

    /**
     * The steps of a procedure version that can wait for upstream releases: those an "Upstream
     * ready?" gateway holds, named by the {@code upstreamFor} property of its wait, with their
     * milestone.
     */
    public Map<String, String> upstreamGated(String processDefinitionId) {
        return gated.computeIfAbsent(
                processDefinitionId,
                id -> {
                    BpmnModelInstance model = repository.getBpmnModelInstance(id);
                    Map<String, String> result = new LinkedHashMap<>();
                    for (Activity activity : model.getModelElementsByType(Activity.class)) {
                        DefaultReleaseTiming.property(activity, ModelRelease.UPSTREAM_FOR)
                                .ifPresent(
                                        step ->
                                                result.put(
                                                        step,
                                                        DefaultReleaseTiming.property(
                                                                        activity,
                                                                        ModelRelease.MILESTONE)
                                                                .orElse(step)));
                    }
                    return Map.copyOf(result);
                });
    }

    /** The four-eyes tasks of a procedure version: activities with {@code fourEyes=true}. */
    public Set<String> fourEyesSteps(String processDefinitionId) {
        return fourEyes.computeIfAbsent(
                processDefinitionId,
                id -> {
                    Set<String> result = new java.util.TreeSet<>();
                    for (Activity activity :
                            repository
                                    .getBpmnModelInstance(id)
                                    .getModelElementsByType(Activity.class)) {
                        DefaultReleaseTiming.property(activity, ModelRelease.FOUR_EYES)
                                .filter("true"::equals)
                                .ifPresent(yes -> result.add(activity.getId()));
                    }
                    return Set.copyOf(result);
                });
    }

    /**
     * The tasks that grant an override in a procedure version, by activity: their {@code override}
     * property ("gate", "freeze").
     */
    public Map<String, String> overrideSteps(String processDefinitionId) {
        return overrides.computeIfAbsent(
                processDefinitionId,
                id -> {
                    Map<String, String> result = new LinkedHashMap<>();
                    for (Activity activity :
                            repository
                                    .getBpmnModelInstance(id)
                                    .getModelElementsByType(Activity.class)) {
                        DefaultReleaseTiming.property(activity, ModelRelease.OVERRIDE)
                                .ifPresent(kind -> result.put(activity.getId(), kind));
                    }
                    return Map.copyOf(result);
                });
    }

    /**
     * What the procedure's steps need of shared resources, by activity, from their {@code needs}
     * properties.
     */
    public Map<String, List<dev.almanac.projection.Capacity.Need>> needs(
            String processDefinitionId) {
        return needs.computeIfAbsent(
                processDefinitionId,
                id -> {
                    Map<String, List<dev.almanac.projection.Capacity.Need>> result =
                            new LinkedHashMap<>();
                    for (Activity activity :
                            repository
                                    .getBpmnModelInstance(id)
                                    .getModelElementsByType(Activity.class)) {
                        DefaultReleaseTiming.property(activity, ModelRelease.NEEDS)
                                .ifPresent(
                                        value ->
                                                result.put(
                                                        activity.getId(),
                                                        DefaultReleaseTiming.parseNeeds(value)
                                                                .entrySet()
                                                                .stream()
                                                                .map(
                                                                        e ->
                                                                                new dev.almanac
                                                                                        .projection
                                                                                        .Capacity
                                                                                        .Need(
                                                                                        e.getKey(),
                                                                                        e
                                                                                                .getValue()))
                                                                .toList()));
                    }
                    return Map.copyOf(result);
                });
    }

    /** The latest deployed version, for releases that have not started yet. */
    Procedure latest() {
        return of(latestId());
    }

    private record Latest(String id, long readAt, long parsed) {}

    /** Procedures the engine has parsed on this node (deployed or read into its cache). */
    private static final java.util.concurrent.atomic.AtomicLong PARSED =
            new java.util.concurrent.atomic.AtomicLong();

    /** Called by the engine's parse listener: the latest version may have changed. */
    static void procedureParsed() {
        PARSED.incrementAndGet();
    }

    private static final long LATEST_KEPT_NANOS = java.time.Duration.ofSeconds(10).toNanos();

    private volatile Latest latest;

    /**
     * The latest version of the procedure, read at most every ten seconds: every step's end asks
     * (notices), and a new version (a deployment on any node) is seen within that time.
     */
    public String latestId() {
        long now = System.nanoTime();
        Latest known = latest;
        long parsed = PARSED.get();
        if (known == null || known.parsed() != parsed || now - known.readAt() > LATEST_KEPT_NANOS) {
            known =
                    new Latest(
                            repository
                                    .createProcessDefinitionQuery()
                                    .processDefinitionKey(ModelRelease.PROCESS_ID)
                                    .latestVersion()
                                    .singleResult()
                                    .getId(),
                            now,
                            parsed);
            latest = known;
        }
        return known.id();
    }

    public static Procedure read(String definitionId, BpmnModelInstance model) {
        Set<SequenceFlow> taken = new HashSet<>();
        Set<FlowNode> expected = new LinkedHashSet<>();
        Deque<FlowNode> queue =
                new ArrayDeque<>(
                        model.getModelElementsByType(StartEvent.class).stream()
                                .filter(
                                        start ->
                                                start.getParentElement()
                                                        instanceof
                                                        org.operaton.bpm.model.bpmn.instance
                                                                .Process)
                                .toList());
        while (!queue.isEmpty()) {
            FlowNode node = queue.poll();
            if (!expected.add(node)) {
                continue;
            }
            for (SequenceFlow flow : expectedOutgoing(node)) {
                taken.add(flow);
                queue.add(flow.getTarget());
            }
        }
        Map<String, Step> steps = new LinkedHashMap<>();
        String target = null;
        for (FlowNode node : topological(expected, taken)) {
            if (!isStep(node) && !(node instanceof Gateway)) {
                continue;
            }
            List<String> after = new ArrayList<>(predecessorSteps(node, expected, taken));
            steps.put(node.getId(), step(node, after, true, null));
            if (isStep(node)
                    && DefaultReleaseTiming.property(node, ModelRelease.RELEASE_TARGET)
                            .map("true"::equals)
                            .orElse(false)) {
                target = node.getId();
            }
        }
        for (Activity activity : model.getModelElementsByType(Activity.class)) {
            if (!expected.contains(activity) && isStep(activity)) {
                steps.put(
                        activity.getId(),
                        step(activity, List.of(), false, rejoinOf(activity, expected)));
            }
        }
        if (target == null) {
            target =
                    steps.values().stream()
                            .filter(s -> s.expected() && s.milestone() != null)
                            .reduce((a, b) -> b)
                            .map(Step::activityId)
                            .orElse(null);
        }
        return new Procedure(definitionId, List.copyOf(steps.values()), target);
    }

    /**
     * At a decision the flows marked expected (else the default flow, else the first); everywhere
     * else every outgoing flow.
     */
    private static Collection<SequenceFlow> expectedOutgoing(FlowNode node) {
        Collection<SequenceFlow> outgoing = node.getOutgoing();
        if (outgoing.size() < 2
                || !(node instanceof ExclusiveGateway || node instanceof InclusiveGateway)) {
            return outgoing;
        }
        List<SequenceFlow> marked =
                outgoing.stream()
                        .filter(
                                f ->
                                        DefaultReleaseTiming.property(f, ModelRelease.EXPECTED_FLOW)
                                                .map("true"::equals)
                                                .orElse(false))
                        .toList();
        if (!marked.isEmpty()) {
            return marked;
        }
        SequenceFlow byDefault =
                node instanceof ExclusiveGateway x
                        ? x.getDefault()
                        : ((InclusiveGateway) node).getDefault();
        return List.of(byDefault != null ? byDefault : outgoing.iterator().next());
    }

    private static boolean isStep(FlowNode node) {
        return (node instanceof Activity || node instanceof IntermediateCatchEvent)
                && DefaultReleaseTiming.property(node, ModelRelease.PLANNED_DURATION).isPresent();
    }

    private static Step step(FlowNode node, List<String> after, boolean expected, String rejoins) {
        if (!isStep(node)) {
            return new Step(
                    node.getId(),
                    node.getName() == null ? node.getId() : node.getName(),
                    null,
                    Duration.ZERO,
                    StepKind.WORK,
                    after,
                    expected,
                    rejoins);
        }
        String name =
                node.getName() == null
                        ? node.getId()
                        : node.getName().replace("${signoff}", "sign-offs");
        String milestone = DefaultReleaseTiming.property(node, ModelRelease.MILESTONE).orElse(name);
        Duration planned =
                DefaultReleaseTiming.parseDuration(DefaultReleaseTiming.plannedDuration(node));
        StepKind kind =
                waitsForWindow(node)
                        ? StepKind.RELEASE_WINDOW
                        : DefaultReleaseTiming.property(node, ModelRelease.UPSTREAM_FOR).isPresent()
                                ? StepKind.UPSTREAM_WAIT
                                : StepKind.WORK;
        return new Step(node.getId(), name, milestone, planned, kind, after, expected, rejoins);
    }

    /**
     * A timer whose date is the next release window: the rule the calendar applies to it as well.
     */
    private static boolean waitsForWindow(FlowNode node) {
        return node
                .getChildElementsByType(
                        org.operaton.bpm.model.bpmn.instance.TimerEventDefinition.class)
                .stream()
                .map(org.operaton.bpm.model.bpmn.instance.TimerEventDefinition::getTimeDate)
                .anyMatch(
                        (TimeDate date) ->
                                date != null
                                        && date.getTextContent() != null
                                        && date.getTextContent().contains("nextReleaseWindow"));
    }

    /** The nearest steps or gateways before a node on the expected path. */
    private static Set<String> predecessorSteps(
            FlowNode node, Set<FlowNode> expected, Set<SequenceFlow> taken) {
        Set<String> result = new LinkedHashSet<>();
        for (SequenceFlow flow : node.getIncoming()) {
            FlowNode source = flow.getSource();
            if (taken.contains(flow) && expected.contains(source)) {
                if (isStep(source) || source instanceof Gateway) {
                    result.add(source.getId());
                } else {
                    result.addAll(predecessorSteps(source, expected, taken));
                }
            }
        }
        return result;
    }

    /**
     * Expected nodes in an order where every node follows the nodes its taken incoming flows come
     * from.
     */
    private static List<FlowNode> topological(Set<FlowNode> expected, Set<SequenceFlow> taken) {
        Map<FlowNode, Integer> indegree = new LinkedHashMap<>();
        expected.forEach(n -> indegree.put(n, 0));
        for (SequenceFlow flow : taken) {
            if (expected.contains(flow.getSource())) {
                indegree.merge(flow.getTarget(), 1, Integer::sum);
            }
        }
        Deque<FlowNode> ready = new ArrayDeque<>();
        indegree.forEach(
                (n, d) -> {
                    if (d == 0) {
                        ready.add(n);
                    }
                });
        List<FlowNode> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            FlowNode node = ready.poll();
            order.add(node);
            for (SequenceFlow flow : node.getOutgoing()) {
                if (taken.contains(flow)
                        && indegree.merge(flow.getTarget(), -1, Integer::sum) == 0) {
                    ready.add(flow.getTarget());
                }
            }
        }
        return order;
    }

    /**
     * Where a detour returns to the expected path: the first expected step or gateway reachable
     * from it, or null.
     */
    private static String rejoinOf(FlowNode detour, Set<FlowNode> expected) {
        Deque<FlowNode> queue = new ArrayDeque<>();
        Set<FlowNode> seen = new HashSet<>();
        detour.getOutgoing().forEach(f -> queue.add(f.getTarget()));
        while (!queue.isEmpty()) {
            FlowNode node = queue.poll();
            if (!seen.add(node)) {
                continue;
            }
            if (expected.contains(node) && (isStep(node) || node instanceof Gateway)) {
                return node.getId();
            }
            for (SequenceFlow flow : expectedOutgoing(node)) {
                queue.add(flow.getTarget());
            }
        }
        return null;
    }
}
