package dev.almanac.communications.releasenotes;

import dev.almanac.communications.CommunicationsProperties;
import dev.almanac.communications.CommunicationsRejected;
import dev.almanac.communications.NoticeDraft;
import dev.almanac.communications.NoticeType;
import dev.almanac.communications.notices.Notices;
import dev.almanac.releases.MilestoneStepEnded;
import dev.almanac.releases.ReleaseDetail;
import dev.almanac.releases.ReleaseQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Release notes, written by Almanac when a release deploys from what it knows (model and version,
 * metrics and the gate's decision, approvals with their rationale, data feeds, known risks,
 * rollback plan), edited by people, then published to the release's stakeholders. Kept with the
 * release as Markdown; shown as HTML.
 */
@Service
public class ReleaseNotes {

    private static final java.util.List<org.commonmark.Extension> EXTENSIONS =
            List.of(org.commonmark.ext.gfm.tables.TablesExtension.create());
    private static final Parser MARKDOWN = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder()
                    .extensions(EXTENSIONS)
                    .escapeHtml(true)
                    .sanitizeUrls(true)
                    .build();

    private final ReleaseNoteRepository notes;
    private final ReleaseNoteDrafts drafts;
    private final ReleaseQueries releaseQueries;
    private final Notices notices;
    private final CommunicationsProperties properties;
    private final Clock clock;

    private final org.springframework.transaction.support.TransactionTemplate newTransaction;

    ReleaseNotes(
            ReleaseNoteRepository notes,
            ReleaseNoteDrafts drafts,
            ReleaseQueries releaseQueries,
            Notices notices,
            CommunicationsProperties properties,
            Clock clock,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.newTransaction =
                new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.notes = notes;
        this.drafts = drafts;
        this.releaseQueries = releaseQueries;
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
    }

    public record Note(
            String releaseKey,
            String markdown,
            String html,
            Instant generatedAt,
            String editedBy,
            Instant editedAt,
            String publishedBy,
            Instant publishedAt) {

        public boolean published() {
            return publishedAt != null;
        }

        static Note of(ReleaseNoteRow r) {
            return new Note(
                    r.releaseKey,
                    r.markdown,
                    ReleaseNotes.html(r.markdown),
                    r.generatedAt,
                    r.editedBy,
                    r.editedAt,
                    r.publishedBy,
                    r.publishedAt);
        }
    }

    /** Renders Markdown as HTML; raw HTML in it is shown as text, never run. */
    public static String html(String markdown) {
        return HTML.render(MARKDOWN.parse(markdown == null ? "" : markdown));
    }

    /** Drafts the notes once the release's target step (deploy) has committed. */
    @TransactionalEventListener(fallbackExecution = true)
    @org.springframework.scheduling.annotation.Async(dev.almanac.operations.FollowUps.EXECUTOR)
    public void stepEnded(MilestoneStepEnded ended) {
        // most steps are not the deploy: no transaction for them
        if (ended.activityId().equals(releaseQueries.latestProcedure().targetActivity())) {
            newTransaction.executeWithoutResult(
                    status -> {
                        if (notes.findByReleaseKey(ended.releaseKey()).isEmpty()) {
                            generate(ended.releaseKey());
                        }
                    });
        }
    }

    @Transactional(readOnly = true)
    public Optional<Note> of(String releaseKey) {
        return notes.findByReleaseKey(releaseKey).map(Note::of);
    }

    /**
     * Writes a draft from what the platform knows (replacing an unpublished draft).
     *
     * @throws CommunicationsRejected when the notes are already published or the release is unknown
     */
    @Transactional
    public Note generate(String releaseKey) {
        ReleaseDetail detail =
                releaseQueries
                        .find(releaseKey)
                        .orElseThrow(
                                () ->
                                        new CommunicationsRejected(
                                                "release", "No release " + releaseKey));
        ReleaseNoteRow row = notes.findByReleaseKey(releaseKey).orElseGet(ReleaseNoteRow::new);
        if (row.publishedAt != null) {
            throw new CommunicationsRejected(
                    "markdown",
                    "The release notes of "
                            + releaseKey
                            + " are published; they are kept as published.");
        }
        row.releaseKey = releaseKey;
        row.markdown = drafts.draft(detail);
        row.generatedAt = clock.instant();
        return Note.of(notes.save(row));
    }

    /**
     * Saves an edit of the draft.
     *
     * @throws CommunicationsRejected naming the field when the text is empty or the notes are
     *     published
     */
    @Transactional
    public Note edit(String releaseKey, String markdown, String by) {
        ReleaseNoteRow row =
                notes.findByReleaseKey(releaseKey)
                        .orElseThrow(
                                () ->
                                        new CommunicationsRejected(
                                                "markdown",
                                                "Release "
                                                        + releaseKey
                                                        + " has no release notes yet; they are written when it deploys."));
        if (row.publishedAt != null) {
            throw new CommunicationsRejected(
                    "markdown",
                    "The release notes of "
                            + releaseKey
                            + " are published and can no longer be edited.");
        }
        if (markdown == null || markdown.isBlank()) {
            throw new CommunicationsRejected("markdown", "Release notes cannot be empty.");
        }
        if (markdown.length() > 100_000) {
            throw new CommunicationsRejected(
                    "markdown", "Release notes are limited to 100,000 characters.");
        }
        row.markdown = markdown.replace("\r\n", "\n");
        row.editedBy = by;
        row.editedAt = clock.instant();
        return Note.of(row);
    }

    /**
     * Publishes the notes and tells the release's stakeholders.
     *
     * @throws CommunicationsRejected when there are none or they are already published
     */
    @Transactional
    public Note publish(String releaseKey, String by) {
        ReleaseNoteRow row =
                notes.findByReleaseKey(releaseKey)
                        .orElseThrow(
                                () ->
                                        new CommunicationsRejected(
                                                "markdown",
                                                "Release "
                                                        + releaseKey
                                                        + " has no release notes yet; they are written when it deploys."));
        if (row.publishedAt != null) {
            throw new CommunicationsRejected(
                    "markdown",
                    "The release notes of "
                            + releaseKey
                            + " were already published by "
                            + row.publishedBy
                            + ".");
        }
        row.publishedBy = by;
        row.publishedAt = clock.instant();
        notices.raise(
                NoticeDraft.about(
                        "release-notes:" + releaseKey,
                        NoticeType.RELEASE_NOTES,
                        releaseKey,
                        "Release notes: " + releaseKey,
                        row.markdown,
                        "/releases/" + releaseKey + "/notes",
                        Map.of(
                                "publishedBy",
                                by,
                                "notes",
                                "/releases/" + releaseKey + "/notes.md")));
        return Note.of(row);
    }
}
