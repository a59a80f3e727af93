package dev.almanac.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Reads and appends; the log has no update or delete path (it is a {@link Repository}, not a CrudRepository). */
interface DecisionRecordRepository extends Repository<DecisionRecord, Long> {

    DecisionRecord save(DecisionRecord entry);

    List<DecisionRecord> findAllByOrderByIdAsc();

    List<DecisionRecord> findByReleaseKeyOrderByIdAsc(String releaseKey);

    @Query("""
            select d from DecisionRecord d
            where (:kind is null or d.kind = :kind)
              and (:release is null or d.releaseKey = :release)
              and (:from is null or d.decidedAt >= :from)
              and (:to is null or d.decidedAt < :to)
              and (:text is null or lower(d.subject) like :text or lower(d.outcome) like :text or lower(d.rationale) like :text
                   or lower(d.decidedBy) like :text or lower(d.releaseKey) like :text)
            order by d.id desc""")
    List<DecisionRecord> search(@Param("kind") DecisionKind kind, @Param("release") String release, @Param("from") Instant from,
            @Param("to") Instant to, @Param("text") String text, Pageable page);
}

/** The chain's head, locked for the length of an append. */
@Entity
@Table(name = "decision_chain")
class DecisionChainHead {

    @Id
    private Integer id;
    @Column(name = "last_hash", nullable = false)
    private String lastHash;

    protected DecisionChainHead() {
    }

    String lastHash() {
        return lastHash;
    }

    void advance(String hash) {
        this.lastHash = hash;
    }
}

interface DecisionChainHeadRepository extends Repository<DecisionChainHead, Integer> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from DecisionChainHead h where h.id = 1")
    Optional<DecisionChainHead> lockHead();

    @Query("select h.lastHash from DecisionChainHead h where h.id = 1")
    String lockHeadForRead();
}
