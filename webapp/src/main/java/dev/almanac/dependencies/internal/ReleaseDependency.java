package dev.almanac.dependencies.internal;

import dev.almanac.dependencies.Dependencies;
import dev.almanac.dependencies.DependencyKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * One edge between releases: the downstream step starts no earlier than {@code lag} after the
 * upstream step ends.
 */
@Entity
@Table(name = "release_dependency")
public class ReleaseDependency {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "upstream_release", nullable = false)
    private String upstreamRelease;

    @Column(name = "upstream_activity", nullable = false)
    private String upstreamActivity;

    @Column(name = "downstream_release", nullable = false)
    public String downstreamRelease;

    @Column(name = "downstream_activity", nullable = false)
    private String downstreamActivity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DependencyKind kind;

    @Column(name = "lag_minutes", nullable = false)
    private long lagMinutes;

    private String note;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    public ReleaseDependency() {}

    public ReleaseDependency(Dependencies.NewDependency request, String by, Instant at) {
        this.upstreamRelease = request.upstreamRelease();
        this.upstreamActivity = request.upstreamActivity();
        this.downstreamRelease = request.downstreamRelease();
        this.downstreamActivity = request.downstreamActivity();
        this.kind = request.kind();
        this.lagMinutes = request.lag().toMinutes();
        this.note = request.note();
        this.createdBy = by;
        this.createdAt = at;
    }

    String upstreamRelease() {
        return upstreamRelease;
    }

    String upstreamActivity() {
        return upstreamActivity;
    }

    public String downstreamRelease() {
        return downstreamRelease;
    }

    Duration lag() {
        return Duration.ofMinutes(lagMinutes);
    }

    public dev.almanac.projection.Dependency edge() {
        return new dev.almanac.projection.Dependency(
                upstreamRelease,
                upstreamActivity,
                downstreamRelease,
                downstreamActivity,
                Duration.ofMinutes(lagMinutes));
    }

    public Dependencies.DependencyInfo info() {
        return new Dependencies.DependencyInfo(
                id,
                upstreamRelease,
                upstreamActivity,
                downstreamRelease,
                downstreamActivity,
                kind,
                Duration.ofMinutes(lagMinutes),
                note,
                createdBy,
                createdAt);
    }
}
