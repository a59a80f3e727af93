package dev.almanac.governance.internal;

import dev.almanac.governance.DecisionKind;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * Reads and appends; the log has no update or delete path (it is a {@link Repository}, not a
 * CrudRepository).
 */
public interface DecisionRecordRepository extends Repository<DecisionRecord, Long> {

    DecisionRecord save(DecisionRecord entry);

    List<DecisionRecord> findAllByOrderByIdAsc();

    List<DecisionRecord> findByReleaseKeyOrderByIdAsc(String releaseKey);

    @Query(
            """
            select d from DecisionRecord d
            where (:kind is null or d.kind = :kind)
              and (:release is null or d.releaseKey = :release)
              and (:from is null or d.decidedAt >= :from)
              and (:to is null or d.decidedAt < :to)
              and (:text is null or lower(d.subject) like :text or lower(d.outcome) like :text or lower(d.rationale) like :text
                   or lower(d.decidedBy) like :text or lower(d.releaseKey) like :text)
            order by d.id desc""")
    List<DecisionRecord> search(
            @Param("kind") DecisionKind kind,
            @Param("release") String release,
            @Param("from") Instant from,
            @Param("to") Instant to,
            @Param("text") String text,
            Pageable page);
}
