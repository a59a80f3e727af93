package dev.almanac.pipelines;

import dev.almanac.pipelines.internal.PipelineToken;
import dev.almanac.pipelines.internal.PipelineTokenRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists, revokes and checks the tokens pipelines use on {@code /api/v1}. A token is shown
 * once, when it is issued; only its SHA-256 is stored.
 */
@Service
public class PipelineTokens {

    static final String PREFIX = "alm_";
    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final PipelineTokenRepository tokens;
    private final Clock clock;
    private final org.springframework.transaction.support.TransactionTemplate transaction;
    private final dev.almanac.planning.PlanningCatalog catalog;

    PipelineTokens(
            PipelineTokenRepository tokens,
            Clock clock,
            org.springframework.transaction.support.TransactionTemplate transaction,
            dev.almanac.planning.PlanningCatalog catalog) {
        this.catalog = catalog;
        this.tokens = tokens;
        this.clock = clock;
        this.transaction = transaction;
    }

    /** A new token scoped to models (none: all); its secret is in the result and nowhere else. */
    @Transactional
    public IssuedToken issue(String name, Set<String> models, String issuedBy) {
        return issue(name, models, Set.of(), issuedBy);
    }

    /**
     * A new token scoped to the models and to every model of the product lines (neither: all); its
     * secret is in the result and nowhere else.
     */
    @Transactional
    public IssuedToken issue(
            String name, Set<String> models, Set<String> productLines, String issuedBy) {
        for (String line : productLines) {
            if (catalog.productLine(line).isEmpty()) {
                throw new IllegalArgumentException(
                        "There is no product line '"
                                + (line.length() > 60 ? line.substring(0, 60) + "…" : line)
                                + "'.");
            }
        }
        if (name == null || name.isBlank() || name.length() > 80) {
            throw new IllegalArgumentException(
                    "Give the token a name of up to 80 characters, like 'fraud-scorer nightly training'.");
        }
        for (String model : models) {
            if (!MODEL.matcher(model).matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + model
                                + "' is not a model name (lower-case letters, digits and dashes).");
            }
        }
        String token = PREFIX + dev.almanac.identity.Secrets.newSecret();
        PipelineToken saved =
                tokens.save(
                        new PipelineToken(
                                name.trim(),
                                hash(token),
                                token.substring(0, 8),
                                models,
                                productLines,
                                issuedBy,
                                clock.instant()));
        return new IssuedToken(saved.getId(), saved.getName(), token, saved.models());
    }

    @Transactional
    public void revoke(long id) {
        tokens.findById(id).ifPresent(token -> token.revoke(clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<TokenView> all() {
        return tokens.findAllByOrderByCreatedAtDesc().stream()
                .map(
                        t ->
                                new TokenView(
                                        t.getId(),
                                        t.getName(),
                                        t.getTokenHint() + "…",
                                        t.models(),
                                        t.productLines(),
                                        t.getCreatedBy(),
                                        t.getCreatedAt(),
                                        t.getLastUsedAt(),
                                        t.getRevokedAt()))
                .toList();
    }

    /**
     * The pipeline a presented token belongs to, if the token exists and is not revoked. Looked up
     * on every request (one unique-index read), so a revocation on any node holds on every node at
     * once.
     */
    public Optional<Pipeline> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(presented);
        Instant now = clock.instant();
        // one read, outside a transaction; the last use is written at most once a minute
        Optional<PipelineToken> token =
                tokens.findByTokenHash(hash).filter(t -> t.getRevokedAt() == null);
        token.filter(
                        t ->
                                t.getLastUsedAt() == null
                                        || t.getLastUsedAt()
                                                .plus(LAST_USED_RESOLUTION)
                                                .isBefore(now))
                .ifPresent(
                        t ->
                                transaction.executeWithoutResult(
                                        status ->
                                                tokens.findById(t.getId())
                                                        .ifPresent(used -> used.used(now))));
        return token.map(t -> new Pipeline(t.getId(), t.getName(), t.models(), t.productLines()));
    }

    static String hash(String token) {
        return dev.almanac.identity.Secrets.fingerprint(token);
    }

    public record IssuedToken(long id, String name, String token, Set<String> models) {}

    public record TokenView(
            long id,
            String name,
            String hint,
            Set<String> models,
            Set<String> productLines,
            String createdBy,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }

    /**
     * A pipeline authenticated by its token, and what it may touch: the models it names and every
     * model of the product lines it names (with neither, every model).
     */
    public record Pipeline(long tokenId, String name, Set<String> models, Set<String> productLines)
            implements dev.almanac.identity.ScopedCaller {

        public Pipeline(long tokenId, String name, Set<String> models) {
            this(tokenId, name, models, Set.of());
        }

        /** Whether the token covers the model, which is on the given product line (or none). */
        public boolean mayActOn(String model, String productLine) {
            return covers(new dev.almanac.identity.Subject(model, productLine, null));
        }
    }
}
