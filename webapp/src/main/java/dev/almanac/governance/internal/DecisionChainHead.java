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

/** The chain's head, locked for the length of an append. */
@Entity
@Table(name = "decision_chain")
public class DecisionChainHead {

    @Id
    private Integer id;
    @Column(name = "last_hash", nullable = false)
    public String lastHash;

    protected DecisionChainHead() {
    }

    public String lastHash() {
        return lastHash;
    }

    public void advance(String hash) {
        this.lastHash = hash;
    }
}
