package dev.almanac.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import dev.almanac.dependencies.Dependencies;
import dev.almanac.dependencies.DependencyKind;
import dev.almanac.pipelines.PipelineTokens;
import dev.almanac.planning.Cadences;
import dev.almanac.planning.Lane;
import dev.almanac.planning.PlanningCatalog;
import dev.almanac.planning.Resources;
import dev.almanac.planning.RiskTier;
import dev.almanac.planning.Windows;
import dev.almanac.projection.Capacity;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowScope;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.Releases;
import dev.almanac.scenarios.Scenarios;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The policy of Almanac's side as a matrix: every endpoint Spring MVC maps (walked from the {@link
 * RequestMappingHandlerMapping}, so a new endpoint appears by itself) × every kind of caller, each
 * answer compared with what the policy table says. The expectations are written here a second time,
 * on purpose, by endpoint: an endpoint without a row fails, and so does a row whose endpoint is
 * gone.
 */
public final class PolicyMatrix {

    /** The callers: people by their roles, pipeline tokens by their scope, and nobody. */
    public enum Caller {
        ANONYMOUS,
        /** A person in a team that owns nothing here. */
        ENGINEER,
        /** A member of the owner team of release A, whose product line the team works on. */
        OWNER,
        /**
         * A member of the owner team of release B, whose model is on a product line the team does
         * not work on.
         */
        OWNER_OFF_LINE,
        RISK_OFFICER,
        PROCESS_OWNER,
        RELEASE_MANAGER,
        ADMIN,
        /** A token for every model. */
        TOKEN_UNRESTRICTED,
        /** A token scoped to the product line of release A's model. */
        TOKEN_IN_SCOPE,
        /** A token scoped to a model that is not release A's. */
        TOKEN_OUT_OF_SCOPE
    }

    /** What a caller gets: let in, refused by the policy, asked to sign in. */
    public enum Answer {
        ALLOWED,
        FORBIDDEN,
        SIGN_IN
    }

    /**
     * Who may use an endpoint, as the policy table says: its rows read {@code anyone}, {@code
     * people} (any signed-in person), {@code owner} (owner team on its lines, release managers,
     * admins), {@code managers} (release managers and admins), {@code admins}, {@code api} (any
     * token), {@code api-scoped} (a token whose scope covers the release), {@code api-all} (a token
     * for every model).
     */
    static final Map<String, String> EXPECTED =
            new TreeMap<>(
                    Map.<String, String>ofEntries(
                            // sign-in, feeds, library pages
                            Map.entry("GET /login", "anyone"),
                            Map.entry("GET /error", "anyone"),
                            Map.entry("GET /v3/api-docs", "anyone"),
                            Map.entry("GET /v3/api-docs.yaml", "anyone"),
                            Map.entry("GET /feeds/{token}/all.ics", "anyone"),
                            Map.entry("GET /feeds/{token}/{scope}/{key}.ics", "anyone"),
                            // reading, and one's own settings
                            Map.entry("GET /", "people"),
                            Map.entry("GET /policy", "people"),
                            Map.entry("GET /releases", "people"),
                            Map.entry("GET /releases/{key}", "people"),
                            Map.entry("GET /releases/{key}/diagram.bpmn", "people"),
                            Map.entry("GET /releases/{key}/governance", "people"),
                            Map.entry("GET /releases/{key}/notes", "people"),
                            Map.entry("GET /releases/{key}/notes.md", "people"),
                            Map.entry("GET /calendar", "people"),
                            Map.entry("GET /calendar/month", "people"),
                            Map.entry("GET /calendar/releases/{key}", "people"),
                            Map.entry("GET /portfolio", "people"),
                            Map.entry("GET /dependencies", "people"),
                            Map.entry("GET /at-risk", "people"),
                            Map.entry("GET /utilisation", "people"),
                            Map.entry("GET /utilisation/conflicts", "people"),
                            Map.entry("GET /utilisation/{resource}/{week}", "people"),
                            Map.entry("GET /scenarios", "people"),
                            Map.entry("GET /scenarios/{token}", "people"),
                            Map.entry("GET /decisions", "people"),
                            Map.entry("GET /governance/decisions", "people"),
                            Map.entry("GET /governance/decisions.csv", "people"),
                            Map.entry("GET /governance/decisions.json", "people"),
                            Map.entry("GET /planning/product-lines", "people"),
                            Map.entry("GET /planning/product-lines/{key}", "people"),
                            Map.entry("GET /planning/teams", "people"),
                            Map.entry("GET /planning/teams/{key}", "people"),
                            Map.entry("GET /planning/models", "people"),
                            Map.entry("GET /planning/models/{key}", "people"),
                            Map.entry("GET /planning/windows", "people"),
                            Map.entry("GET /planning/windows/{id}", "people"),
                            Map.entry("GET /planning/resources", "people"),
                            Map.entry("GET /planning/stakeholders", "people"),
                            Map.entry("GET /cadences", "people"),
                            Map.entry("GET /cadences/{id}", "people"),
                            Map.entry("GET /inbox", "people"),
                            Map.entry("POST /inbox/read", "people"),
                            Map.entry("GET /notices/preferences", "people"),
                            Map.entry("POST /notices/preferences", "people"),
                            Map.entry("GET /feeds", "people"),
                            Map.entry("POST /feeds/reset", "people"),
                            // planning a release and drafting scenarios
                            Map.entry("GET /releases/new", "people"),
                            Map.entry("POST /releases", "people"),
                            Map.entry("POST /scenarios", "people"),
                            Map.entry("POST /scenarios/{token}/changes", "people"),
                            Map.entry("POST /scenarios/{token}/changes/{index}/delete", "people"),
                            Map.entry("POST /scenarios/{token}/discard", "people"),
                            Map.entry("POST /utilisation/level", "people"),
                            // what the owner team of a release does
                            Map.entry("GET /releases/{key}/edit", "owner"),
                            Map.entry("POST /releases/{key}/edit", "owner"),
                            Map.entry("POST /releases/{key}/cancel", "owner"),
                            Map.entry("POST /releases/{key}/communications", "owner"),
                            Map.entry("POST /releases/{key}/open-items/{id}/close", "owner"),
                            Map.entry("POST /releases/{key}/freeze-override", "owner"),
                            Map.entry("POST /releases/{key}/notes", "owner"),
                            Map.entry("POST /releases/{key}/notes/generate", "owner"),
                            Map.entry("POST /calendar/releases/{key}/dependencies", "owner"),
                            Map.entry(
                                    "POST /calendar/releases/{key}/dependencies/{id}/delete",
                                    "owner"),
                            // constraints: release managers (and admins)
                            Map.entry("POST /planning/windows", "managers"),
                            Map.entry("POST /planning/windows/{id}", "managers"),
                            Map.entry("POST /planning/windows/{id}/delete", "managers"),
                            Map.entry("POST /cadences", "managers"),
                            Map.entry("POST /cadences/{id}", "managers"),
                            Map.entry("POST /planning/product-lines", "managers"),
                            Map.entry("POST /planning/product-lines/{key}", "managers"),
                            Map.entry("POST /planning/teams", "managers"),
                            Map.entry("POST /planning/teams/{key}", "managers"),
                            Map.entry("POST /planning/models", "managers"),
                            Map.entry("POST /planning/models/{key}", "managers"),
                            Map.entry("POST /planning/resources", "managers"),
                            Map.entry("POST /planning/resources/{key}/capacity", "managers"),
                            Map.entry("POST /planning/resources/{key}/holidays", "managers"),
                            Map.entry(
                                    "POST /planning/resources/{key}/holidays/{index}/delete",
                                    "managers"),
                            Map.entry("POST /planning/reservations", "managers"),
                            Map.entry("POST /planning/demands", "managers"),
                            Map.entry("POST /utilisation/overrides", "managers"),
                            Map.entry("POST /scenarios/{token}/apply", "managers"),
                            Map.entry("POST /planning/stakeholders", "managers"),
                            Map.entry("POST /planning/stakeholders/{id}/delete", "managers"),
                            // administrators
                            Map.entry("GET /admin/tokens", "admins"),
                            Map.entry("POST /admin/tokens", "admins"),
                            Map.entry("POST /admin/tokens/{id}/revoke", "admins"),
                            Map.entry("GET /admin/notices", "admins"),
                            Map.entry("POST /admin/notices/{id}/retry", "admins"),
                            Map.entry("GET /admin/sign-ins", "admins"),
                            Map.entry("POST /admin/sign-ins/unlock", "admins"),
                            // pipelines
                            Map.entry("GET /api/v1/releases", "api"),
                            Map.entry("POST /api/v1/releases", "api"),
                            Map.entry("GET /api/v1/calendar", "api"),
                            Map.entry("GET /api/v1/stakeholders", "api-all"),
                            Map.entry("POST /api/v1/stakeholders", "api-all"),
                            Map.entry("GET /api/v1/releases/{key}", "api-scoped"),
                            Map.entry("POST /api/v1/releases/{key}/events", "api-scoped"),
                            Map.entry("GET /api/v1/releases/{key}/dependencies", "api-scoped"),
                            Map.entry("POST /api/v1/releases/{key}/dependencies", "api-scoped"),
                            Map.entry("DELETE /api/v1/dependencies/{id}", "api-scoped")));

    private final MockMvc mvc;
    private final ApplicationContext context;
    private final IdentityService identity;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Map<Caller, String> people = new EnumMap<>(Caller.class);
    private final String tokenUnrestricted;
    private final String tokenInScope;
    private final String tokenOutOfScope;
    private final String releaseA;
    private final String releaseB;
    private final String upstream;
    private final String resource;
    private final String productLine;
    private final String team;
    private final String model;
    private final long cadence;
    private final String scenario;

    public PolicyMatrix(WebApplicationContext context) {
        this.context = context;
        this.mvc =
                MockMvcBuilders.webAppContextSetup(context)
                        .apply(SecurityMockMvcConfigurers.springSecurity())
                        .build();
        this.identity = context.getBean(IdentityService.class);
        TestAccounts.ensure(identity);
        PlanningCatalog catalog = context.getBean(PlanningCatalog.class);
        productLine = "pa-" + run;
        String otherLine = "pb-" + run;
        team = "ta-" + run;
        String otherTeam = "tb-" + run;
        model = "ma-" + run;
        catalog.saveProductLine(
                null, new PlanningCatalog.ProductLineInfo(productLine, "Line A", null));
        catalog.saveProductLine(
                null, new PlanningCatalog.ProductLineInfo(otherLine, "Line B", null));
        catalog.saveTeam(
                null,
                new PlanningCatalog.TeamInfo(team, "Team A", team, null, Set.of(productLine)));
        catalog.saveTeam(
                null,
                new PlanningCatalog.TeamInfo(
                        otherTeam, "Team B", otherTeam, null, Set.of(otherLine)));
        catalog.saveModel(
                null,
                new PlanningCatalog.ModelInfo(
                        model, "Model A", productLine, team, RiskTier.LOW, null));
        TestAccounts.person(identity, "own-" + run, team);
        TestAccounts.person(identity, "off-" + run, otherTeam);
        people.put(Caller.ENGINEER, "dana");
        people.put(Caller.OWNER, "own-" + run);
        people.put(Caller.OWNER_OFF_LINE, "off-" + run);
        people.put(Caller.RISK_OFFICER, "oscar");
        people.put(Caller.PROCESS_OWNER, "paula");
        people.put(Caller.RELEASE_MANAGER, "rita");
        people.put(Caller.ADMIN, "admin");
        Releases releases = context.getBean(Releases.class);
        LocalDate target = LocalDate.now().plusDays(30);
        releaseA =
                releases.plan(
                                new NewRelease(
                                        model, "1.0", Lane.STAGING, RiskTier.LOW, team, target, ""),
                                "matrix")
                        .key();
        // B: owned by a team that does not work on the model's product line
        releaseB =
                releases.plan(
                                new NewRelease(
                                        model,
                                        "2.0",
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        otherTeam,
                                        target,
                                        ""),
                                "matrix")
                        .key();
        // what A and B depend on in the probes
        upstream =
                releases.plan(
                                new NewRelease(
                                        model, "3.0", Lane.STAGING, RiskTier.LOW, team, target, ""),
                                "matrix")
                        .key();
        PipelineTokens tokens = context.getBean(PipelineTokens.class);
        tokenUnrestricted = tokens.issue("matrix all " + run, Set.of(), "admin").token();
        tokenInScope =
                tokens.issue("matrix in " + run, Set.of(), Set.of(productLine), "admin").token();
        tokenOutOfScope =
                tokens.issue("matrix out " + run, Set.of("nomodel-" + run), "admin").token();
        resource = "rs-" + run;
        context.getBean(Resources.class)
                .save(
                        new Resources.ResourceChange(
                                resource,
                                "Matrix GPUs",
                                "GPUs",
                                Capacity.ResourceKind.CONCURRENT,
                                Capacity.Granularity.DAY,
                                4.0,
                                List.of()),
                        "matrix");
        cadence =
                context.getBean(Cadences.class)
                        .save(
                                null,
                                new Cadences.CadenceChange(
                                        "Matrix cadence " + run,
                                        model,
                                        Lane.STAGING,
                                        LocalDateTime.now().plusYears(1),
                                        ZoneOffset.UTC,
                                        "FREQ=MONTHLY",
                                        "yyyy.MM",
                                        14,
                                        false),
                                "matrix")
                        .id();
        scenario = context.getBean(Scenarios.class).open("Matrix " + run, "rita").token();
    }

    /** Every endpoint the application maps, as {@code METHOD /pattern}. */
    public Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                if (methods.isEmpty()) {
                    methods.add("GET");
                }
                for (String pattern : info.getPatternValues()) {
                    for (String method : methods) {
                        endpoints.add(method + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    /** Endpoints without a row, and rows without an endpoint. */
    public List<String> gaps() {
        Set<String> mapped = endpoints();
        List<String> gaps = new ArrayList<>();
        for (String endpoint : mapped) {
            if (!EXPECTED.containsKey(endpoint)) {
                gaps.add("no row for " + endpoint);
            }
        }
        for (String row : EXPECTED.keySet()) {
            if (!mapped.contains(row)) {
                gaps.add("no endpoint for row " + row);
            }
        }
        return gaps;
    }

    /** Every gap and every difference: what a test of the policy expects to be empty. */
    public List<String> problems() throws Exception {
        List<String> problems = new ArrayList<>(gaps());
        problems.addAll(differences());
        return problems;
    }

    /** What the policy table says the caller gets at an endpoint of this kind. */
    static Answer expected(String kind, Caller caller, boolean api) {
        boolean token =
                caller == Caller.TOKEN_UNRESTRICTED
                        || caller == Caller.TOKEN_IN_SCOPE
                        || caller == Caller.TOKEN_OUT_OF_SCOPE;
        if (kind.equals("anyone")) {
            return Answer.ALLOWED;
        }
        if (kind.startsWith("api")) {
            if (caller == Caller.ANONYMOUS) {
                return Answer.SIGN_IN;
            }
            if (!token) {
                return Answer.FORBIDDEN;
            }
            return switch (kind) {
                case "api" -> Answer.ALLOWED;
                case "api-scoped" ->
                        caller == Caller.TOKEN_OUT_OF_SCOPE ? Answer.FORBIDDEN : Answer.ALLOWED;
                case "api-all" ->
                        caller == Caller.TOKEN_UNRESTRICTED ? Answer.ALLOWED : Answer.FORBIDDEN;
                default -> throw new IllegalArgumentException("unknown row kind " + kind);
            };
        }
        if (caller == Caller.ANONYMOUS || token) {
            // pages take no tokens: a token alone is nobody signed in
            return Answer.SIGN_IN;
        }
        boolean manager = caller == Caller.RELEASE_MANAGER || caller == Caller.ADMIN;
        return switch (kind) {
            case "people" -> Answer.ALLOWED;
            case "owner" -> manager || caller == Caller.OWNER ? Answer.ALLOWED : Answer.FORBIDDEN;
            case "managers" -> manager ? Answer.ALLOWED : Answer.FORBIDDEN;
            case "admins" -> caller == Caller.ADMIN ? Answer.ALLOWED : Answer.FORBIDDEN;
            default -> throw new IllegalArgumentException("unknown row kind " + kind);
        };
    }

    /**
     * Sends every endpoint as every caller; returns the differences from the table (empty when the
     * application answers as the policy says).
     */
    public List<String> differences() throws Exception {
        List<String> differences = new ArrayList<>();
        for (String endpoint : endpoints()) {
            String kind = EXPECTED.get(endpoint);
            if (kind == null) {
                continue; // reported by gaps()
            }
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
            boolean api = pattern.startsWith("/api/");
            for (Caller caller : Caller.values()) {
                Answer want = expected(kind, caller, api);
                MockHttpServletResponse response = send(method, pattern, caller, api);
                Answer got = answer(response, api);
                // the error page answers 500 when asked directly: there is no error to show
                boolean broken =
                        want == Answer.ALLOWED
                                && response.getStatus() >= 500
                                && !pattern.equals("/error");
                if (got != want || broken) {
                    differences.add(
                            endpoint
                                    + " as "
                                    + caller
                                    + ": expected "
                                    + want
                                    + ", got "
                                    + response.getStatus()
                                    + " "
                                    + got
                                    + (response.getRedirectedUrl() == null
                                            ? ""
                                            : " → " + response.getRedirectedUrl()));
                }
            }
        }
        return differences;
    }

    private static Answer answer(MockHttpServletResponse response, boolean api) {
        int status = response.getStatus();
        String location = response.getRedirectedUrl();
        if (status == 401) {
            return Answer.SIGN_IN;
        }
        if (status == 403) {
            return Answer.FORBIDDEN;
        }
        if (status == 302 && location != null && location.endsWith("/login")) {
            return Answer.SIGN_IN;
        }
        return Answer.ALLOWED;
    }

    private MockHttpServletResponse send(String method, String pattern, Caller caller, boolean api)
            throws Exception {
        String path = path(pattern, caller);
        MockHttpServletRequestBuilder request =
                MockMvcRequestBuilders.request(HttpMethod.valueOf(method), path);
        if (api && !method.equals("GET")) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        if (!method.equals("GET")) {
            request.with(csrf());
        }
        switch (caller) {
            case ANONYMOUS -> {}
            case TOKEN_UNRESTRICTED ->
                    request.header("Authorization", "Bearer " + tokenUnrestricted);
            case TOKEN_IN_SCOPE -> request.header("Authorization", "Bearer " + tokenInScope);
            case TOKEN_OUT_OF_SCOPE -> request.header("Authorization", "Bearer " + tokenOutOfScope);
            // on the API, a person's session counts for nothing: only a bearer token does
            default -> request.with(authentication(person(people.get(caller))));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** Signed in as the account provider signs people in: their engine groups as authorities. */
    private UsernamePasswordAuthenticationToken person(String userId) {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        identity.createGroupQuery()
                .groupMember(userId)
                .list()
                .forEach(g -> authorities.add(new SimpleGrantedAuthority("GROUP_" + g.getId())));
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
    }

    /** The pattern with each variable filled in for the caller (fresh where a call consumes it). */
    private String path(String pattern, Caller caller) {
        String release = caller == Caller.OWNER_OFF_LINE ? releaseB : releaseA;
        Map<String, Supplier<String>> values = new TreeMap<>();
        values.put("key", () -> keyFor(pattern, release));
        values.put("id", () -> idFor(pattern, release));
        values.put(
                "token",
                () -> pattern.startsWith("/scenarios/") ? scenario : "no-such-token-" + run);
        values.put("index", () -> "0");
        values.put("resource", () -> resource);
        values.put("week", () -> "2027-W02");
        values.put("scope", () -> "release");
        String path = pattern;
        for (Map.Entry<String, Supplier<String>> value : values.entrySet()) {
            String variable = "{" + value.getKey() + "}";
            if (path.contains(variable)) {
                path = path.replace(variable, value.getValue().get());
            }
        }
        return path;
    }

    private String keyFor(String pattern, String release) {
        if (pattern.startsWith("/planning/product-lines/")) {
            return productLine;
        }
        if (pattern.startsWith("/planning/teams/")) {
            return team;
        }
        if (pattern.startsWith("/planning/models/")) {
            return model;
        }
        if (pattern.startsWith("/planning/resources/")) {
            return resource;
        }
        if (pattern.startsWith("/feeds/")) {
            return "anything";
        }
        return release;
    }

    private String idFor(String pattern, String release) {
        if (pattern.contains("/dependencies/")) {
            return String.valueOf(dependencyOf(release));
        }
        if (pattern.startsWith("/planning/windows/")) {
            return String.valueOf(window());
        }
        if (pattern.startsWith("/cadences/")) {
            return String.valueOf(cadence);
        }
        // stakeholders, notices, tokens, open items: one that does not exist changes nothing
        return "987654321";
    }

    /** A dependency of the release on the other one, made afresh when a call removed it. */
    private long dependencyOf(String release) {
        Dependencies dependencies = context.getBean(Dependencies.class);
        return dependencies.of(release).stream()
                .filter(d -> release.equals(d.downstreamRelease()))
                .findFirst()
                .map(Dependencies.DependencyInfo::id)
                .orElseGet(
                        () ->
                                dependencies
                                        .add(
                                                new Dependencies.NewDependency(
                                                        upstream,
                                                        "deploy",
                                                        release,
                                                        "trigger-training",
                                                        DependencyKind.FEATURE_STORE,
                                                        Duration.ZERO,
                                                        "matrix"),
                                                "matrix")
                                        .id());
    }

    /** A release window (never a freeze), made afresh when a call removed it. */
    private long window() {
        Windows windows = context.getBean(Windows.class);
        String name = "Matrix window " + run;
        return windows.windows().stream()
                .filter(w -> w.rule().name().equals(name))
                .findFirst()
                .map(Windows.WindowInfo::id)
                .orElseGet(
                        () ->
                                windows.saveWindow(
                                                null,
                                                new Windows.WindowChange(
                                                        name,
                                                        WindowKind.RELEASE,
                                                        LocalDateTime.of(2030, 1, 7, 9, 0),
                                                        LocalDateTime.of(2030, 1, 7, 17, 0),
                                                        ZoneOffset.UTC,
                                                        null,
                                                        WindowScope.MODEL,
                                                        model,
                                                        null),
                                                "matrix")
                                        .id());
    }
}
