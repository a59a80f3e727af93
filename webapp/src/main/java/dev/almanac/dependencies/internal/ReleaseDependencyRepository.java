package dev.almanac.dependencies.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ReleaseDependencyRepository extends JpaRepository<ReleaseDependency, Long> {

    List<ReleaseDependency> findByDownstreamReleaseOrUpstreamReleaseOrderByIdAsc(
            String downstream, String upstream);

    List<ReleaseDependency> findByDownstreamReleaseAndDownstreamActivity(
            String downstreamRelease, String downstreamActivity);

    List<ReleaseDependency> findByUpstreamReleaseAndUpstreamActivity(
            String upstreamRelease, String upstreamActivity);

    boolean existsByUpstreamReleaseAndUpstreamActivityAndDownstreamReleaseAndDownstreamActivity(
            String upstreamRelease,
            String upstreamActivity,
            String downstreamRelease,
            String downstreamActivity);

    List<ReleaseDependency> findByDownstreamReleaseIn(java.util.Collection<String> releases);
}
