package dev.almanac.pipelines.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** A pipeline's API token: its name, its scope and the SHA-256 of the secret, never the secret. */
@Entity
@Table(name = "pipeline_token")
public class PipelineToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "token_hint", nullable = false)
    private String tokenHint;

    @Column(name = "scope_models")
    private String scopeModels;

    @Column(name = "scope_product_lines")
    private String scopeProductLines;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    public PipelineToken() {}

    public PipelineToken(
            String name,
            String tokenHash,
            String tokenHint,
            Set<String> models,
            Set<String> productLines,
            String createdBy,
            Instant createdAt) {
        this.scopeProductLines =
                productLines.isEmpty() ? null : String.join(",", new TreeSet<>(productLines));
        this.name = name;
        this.tokenHash = tokenHash;
        this.tokenHint = tokenHint;
        this.scopeModels = models.isEmpty() ? null : String.join(",", new TreeSet<>(models));
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** The models this token may act on; empty means all. */
    public Set<String> models() {
        return scopeModels == null
                ? Set.of()
                : new TreeSet<>(Arrays.asList(scopeModels.split(",")));
    }

    /** The product lines whose every model this token may act on. */
    public Set<String> productLines() {
        return scopeProductLines == null
                ? Set.of()
                : new TreeSet<>(Arrays.asList(scopeProductLines.split(",")));
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    public void used(Instant at) {
        lastUsedAt = at;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getTokenHint() {
        return tokenHint;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }
}
