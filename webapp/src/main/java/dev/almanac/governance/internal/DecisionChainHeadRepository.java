package dev.almanac.governance.internal;

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

public interface DecisionChainHeadRepository extends Repository<DecisionChainHead, Integer> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from DecisionChainHead h where h.id = 1")
    Optional<DecisionChainHead> lockHead();

    @Query("select h.lastHash from DecisionChainHead h where h.id = 1")
    String lockHeadForRead();
}
