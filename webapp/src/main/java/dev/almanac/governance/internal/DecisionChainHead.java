package dev.almanac.governance.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The chain's head, locked for the length of an append. */
@Entity
@Table(name = "decision_chain")
public class DecisionChainHead {

    @Id private Integer id;

    @Column(name = "last_hash", nullable = false)
    public String lastHash;

    protected DecisionChainHead() {}

    public String lastHash() {
        return lastHash;
    }

    public void advance(String hash) {
        this.lastHash = hash;
    }
}
