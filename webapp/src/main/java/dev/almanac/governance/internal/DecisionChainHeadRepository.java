package dev.almanac.governance.internal;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

public interface DecisionChainHeadRepository extends Repository<DecisionChainHead, Integer> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from DecisionChainHead h where h.id = 1")
    Optional<DecisionChainHead> lockHead();

    @Query("select h.lastHash from DecisionChainHead h where h.id = 1")
    String lockHeadForRead();
}
