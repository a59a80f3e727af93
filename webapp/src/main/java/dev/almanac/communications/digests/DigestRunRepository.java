package dev.almanac.communications.digests;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface DigestRunRepository extends JpaRepository<DigestRunRow, Long> {

    Optional<DigestRunRow> findTopByRoleOrderByPeriodEndDesc(String role);
}
