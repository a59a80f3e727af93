package dev.almanac.calendar.internal;

import dev.almanac.identity.Secrets;
import dev.almanac.projection.ProjectedRelease;
import dev.almanac.projection.ReleaseState;
import dev.almanac.projection.ReleaseStatus;
import dev.almanac.projection.StepStatus;
import dev.almanac.projection.WindowKind;
import dev.almanac.projection.WindowRule;
import dev.almanac.projection.WindowScope;
import dev.almanac.schedule.Milestones;
import dev.almanac.schedule.ReleaseCalendar;
import dev.almanac.schedule.ScheduleTexts;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ICS feeds (RFC 5545) of the projected calendar, per team, product line, model or release, under a
 * per-person secret URL. Milestones are timed events in UTC, target dates all-day events, task due
 * dates timed deadlines, freeze and experimentation windows recurring events in their own time
 * zone. An event keeps its UID for life; its SEQUENCE and LAST-MODIFIED move when its dates move.
 *
 * <p>A little over our usual length: it is the one writer of the format, and each event kind's
 * mapping to ICS reads best next to the others.
 */
@Service
public class CalendarFeeds {

    /** What a feed covers. */
    public enum Scope {
        ALL("all"),
        TEAM("team"),
        PRODUCT_LINE("product-line"),
        MODEL("model"),
        RELEASE("release");

        final String path;

        Scope(String path) {
            this.path = path;
        }

        public static Optional<Scope> ofPath(String path) {
            for (Scope scope : values()) {
                if (scope.path.equals(path)) {
                    return Optional.of(scope);
                }
            }
            return Optional.empty();
        }
    }

    private static final Duration GRANULARITY = Duration.ofMinutes(15);
    private static final String DOMAIN = "@almanac";

    private final ReleaseCalendar calendar;
    private final FeedTokenRepository tokens;
    private final EventRevisionRepository revisions;
    private final Clock clock;
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    private final dev.almanac.identity.People people;

    CalendarFeeds(
            ReleaseCalendar calendar,
            FeedTokenRepository tokens,
            EventRevisionRepository revisions,
            Clock clock,
            dev.almanac.identity.People people) {
        this.people = people;
        this.calendar = calendar;
        this.tokens = tokens;
        this.revisions = revisions;
        this.clock = clock;
    }

    /**
     * A feed secret for the person if they have none yet: shown this once, stored only as its
     * fingerprint. Empty when they have one (only a reset shows a new one).
     */
    @Transactional
    public Optional<String> issueIfNone(String userId) {
        if (tokens.findByUserId(userId).isPresent()) {
            return Optional.empty();
        }
        String secret = Secrets.newSecret();
        tokens.save(new FeedToken(userId, Secrets.fingerprint(secret), clock.instant()));
        return Optional.of(secret);
    }

    /** A new secret for the person, shown this once: the old feed URLs stop working. */
    @Transactional
    public String resetToken(String userId) {
        String secret = Secrets.newSecret();
        FeedToken token =
                tokens.findByUserId(userId)
                        .orElseGet(
                                () ->
                                        new FeedToken(
                                                userId,
                                                Secrets.fingerprint(secret),
                                                clock.instant()));
        token.replace(Secrets.fingerprint(secret), clock.instant());
        tokens.save(token);
        return secret;
    }

    @Transactional(readOnly = true)
    public boolean valid(String token) {
        return token != null
                && token.length() >= 32
                && token.length() <= 100
                && tokens.findByToken(Secrets.fingerprint(token))
                        .filter(t -> people.personExists(t.getUserId()))
                        .isPresent();
    }

    /** The feed's ICS text; records each event's revision so SEQUENCE rises when it moves. */
    @Transactional
    public String feed(Scope scope, String key, String baseUrl) {
        ReleaseCalendar.Projection projection = calendar.current();
        Instant now = clock.instant();
        Predicate<ReleaseState> included =
                switch (scope) {
                    case ALL -> r -> true;
                    case TEAM -> r -> key.equals(r.team());
                    case PRODUCT_LINE -> r -> key.equals(r.productLine());
                    case MODEL -> r -> key.equals(r.model());
                    case RELEASE -> r -> key.equals(r.key());
                };
        Map<String, VEvent> events = new LinkedHashMap<>();
        Map<String, String> looks = new HashMap<>();
        for (ProjectedRelease release : projection.schedule().releases()) {
            ReleaseState state = projection.releases().get(release.key());
            if (state == null || !included.test(state)) {
                continue;
            }
            String url = baseUrl + "/releases/" + release.key();
            for (Milestones.Milestone m : Milestones.of(release)) {
                if (m.start() == null || m.end() == null) {
                    continue;
                }
                Instant start = round(m.start());
                Instant end = round(m.end());
                if (!end.isAfter(start)) {
                    end = start.plus(GRANULARITY);
                }
                String summary =
                        release.key()
                                + " · "
                                + m.name()
                                + (m.status() == StepStatus.DONE
                                        ? ""
                                        : m.overdue() ? " (overdue)" : " (projected)");
                VEvent event = new VEvent(start, end, summary);
                event.add(new Status(m.status() == StepStatus.DONE ? "CONFIRMED" : "TENTATIVE"));
                event.add(
                        new Description(
                                m.name()
                                        + " of "
                                        + release.key()
                                        + ": "
                                        + ScheduleTexts.outlookText(release)
                                        + (m.status() == StepStatus.DONE
                                                ? ""
                                                : ". P50 end "
                                                        + ScheduleTexts.format(
                                                                m.p50End(), projection.zone())
                                                        + ", P90 end "
                                                        + ScheduleTexts.format(
                                                                m.p90End(), projection.zone()))
                                        + ".\n"
                                        + url));
                event.add(new Categories(m.name()));
                event.add(new Url(java.net.URI.create(url)));
                put(
                        events,
                        looks,
                        uid(release.key(), slug(m.name())),
                        event,
                        start + "|" + end + "|" + summary);
            }
            if (state.target() != null && state.status() != ReleaseStatus.STOPPED) {
                LocalDate day =
                        state.target().minusSeconds(1).atZone(projection.zone()).toLocalDate();
                String summary =
                        "Target: "
                                + release.key()
                                + " ("
                                + ScheduleTexts.outlookText(release)
                                + ")";
                VEvent event = new VEvent(day, day.plusDays(1), summary);
                event.add(new XProperty("TRANSP", "TRANSPARENT"));
                event.add(new Url(java.net.URI.create(url)));
                put(events, looks, uid(release.key(), "target"), event, day + "|" + summary);
            }
            state.steps().values().stream()
                    .filter(s -> s.active() && s.due() != null)
                    .forEach(
                            s -> {
                                Instant due = s.due();
                                String name =
                                        release.steps().stream()
                                                .filter(p -> p.activityId().equals(s.activityId()))
                                                .map(p -> p.name())
                                                .findFirst()
                                                .orElse(s.activityId());
                                String summary = "Due: " + name + " · " + release.key();
                                VEvent event = new VEvent(due, due.plus(GRANULARITY), summary);
                                event.add(new Url(java.net.URI.create(url)));
                                put(
                                        events,
                                        looks,
                                        uid(release.key(), s.activityId() + ".due"),
                                        event,
                                        due + "|" + summary);
                            });
        }
        List<net.fortuna.ical4j.model.component.VTimeZone> timezones = new ArrayList<>();
        java.util.Set<String> zoneIds = new java.util.HashSet<>();
        for (WindowRule window : projection.snapshot().windows()) {
            if (window.kind() == WindowKind.RELEASE
                    || !windowApplies(window, scope, key, included, projection)) {
                continue;
            }
            Temporal start;
            Temporal end;
            if (window.zone().normalized() instanceof java.time.ZoneOffset
                    || zones.getTimeZone(window.zone().getId()) == null) {
                // a fixed offset has no VTIMEZONE; UTC instants say the same exactly
                start = window.start().atZone(window.zone()).toInstant();
                end = window.end().atZone(window.zone()).toInstant();
            } else {
                if (zoneIds.add(window.zone().getId())) {
                    var tz = zones.getTimeZone(window.zone().getId());
                    if (tz != null) {
                        timezones.add(tz.getVTimeZone());
                    }
                }
                start = ZonedDateTime.of(window.start(), window.zone());
                end = ZonedDateTime.of(window.end(), window.zone());
            }
            String summary =
                    (window.kind() == WindowKind.FREEZE ? "Freeze: " : "Experimentation: ")
                            + window.name();
            VEvent event = new VEvent(start, end, summary);
            if (window.rrule() != null) {
                event.add(new RRule<>(window.rrule()));
            }
            event.add(new Categories(window.kind().name().toLowerCase()));
            put(
                    events,
                    looks,
                    "window-" + window.id() + DOMAIN,
                    event,
                    window.start()
                            + "|"
                            + window.end()
                            + "|"
                            + window.zone()
                            + "|"
                            + window.rrule()
                            + "|"
                            + summary);
        }
        Map<String, EventRevision> known = new HashMap<>();
        revisions.findAllById(events.keySet()).forEach(r -> known.put(r.getUid(), r));
        Calendar ics = new Calendar();
        ics.add(new ProdId("-//Almanac//Release calendar//EN"));
        ics.add(ImmutableVersion.VERSION_2_0);
        ics.add(ImmutableCalScale.GREGORIAN);
        ics.add(
                new XProperty(
                        "X-WR-CALNAME",
                        "Almanac · "
                                + (scope == Scope.ALL ? "all releases" : scope.path + " " + key)));
        timezones.forEach(ics::add);
        events.forEach(
                (uid, event) -> {
                    String fingerprint = sha256(looks.get(uid));
                    EventRevision revision = known.get(uid);
                    if (revision == null) {
                        revision = revisions.save(new EventRevision(uid, fingerprint, now));
                    } else {
                        revision.seen(fingerprint, now);
                    }
                    event.add(new Sequence(revision.getSequence()));
                    event.add(
                            new LastModified(
                                    revision.getLastModified()
                                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
                    ics.add(event);
                });
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(ics, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the calendar", e);
        }
        return out.toString();
    }

    /**
     * A window belongs in the feed when it is global, when it is the feed's own scope, or when it
     * applies to a release in the feed.
     */
    private static boolean windowApplies(
            WindowRule window,
            Scope scope,
            String key,
            Predicate<ReleaseState> included,
            ReleaseCalendar.Projection projection) {
        if (window.scope() == WindowScope.GLOBAL || scope == Scope.ALL) {
            return true;
        }
        boolean ownScope =
                (scope == Scope.PRODUCT_LINE && window.scope() == WindowScope.PRODUCT_LINE
                                || scope == Scope.MODEL && window.scope() == WindowScope.MODEL)
                        && key.equals(window.scopeKey());
        return ownScope
                || projection.releases().values().stream()
                        .filter(included)
                        .anyMatch(r -> window.appliesTo(r.productLine(), r.model()));
    }

    private static void put(
            Map<String, VEvent> events,
            Map<String, String> looks,
            String uid,
            VEvent event,
            String look) {
        event.add(new Uid(uid));
        events.put(uid, event);
        looks.put(uid, look);
    }

    private static String uid(String releaseKey, String part) {
        return releaseKey + "." + part + DOMAIN;
    }

    private static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    /** Projected dates shown to the quarter hour, so a feed does not change with every refresh. */
    private static Instant round(Instant t) {
        long step = GRANULARITY.getSeconds();
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(((s + step - 1) / step) * step);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
