package dev.almanac.communications.stakeholders;

import dev.almanac.communications.StakeholderRole;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface StakeholderRepository extends JpaRepository<StakeholderRow, Long> {

    List<StakeholderRow> findAllByOrderByScopeKindAscScopeAscRoleAscPartyAsc();

    @Query(
            "select s from StakeholderRow s where (s.scopeKind = 'PRODUCT_LINE' and s.scope = :productLine) or (s.scopeKind = 'MODEL' and s.scope = :model)")
    List<StakeholderRow> forScope(
            @Param("productLine") String productLine, @Param("model") String model);

    List<StakeholderRow> findByRole(StakeholderRole role);

    boolean existsByScopeKindAndScopeAndPartyKindAndPartyAndRole(
            StakeholderRow.ScopeKind scopeKind,
            String scope,
            StakeholderRow.PartyKind partyKind,
            String party,
            StakeholderRole role);
}
