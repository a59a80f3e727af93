package dev.almanac.communications.digests;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface DigestRunRepository extends JpaRepository<DigestRunRow, Long> {

    Optional<DigestRunRow> findTopByRoleOrderByPeriodEndDesc(String role);
}
