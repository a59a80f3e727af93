package dev.almanac.communications.notices;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface NoticeRepository extends JpaRepository<NoticeRow, Long> {

    boolean existsBySourceKey(String sourceKey);

    Optional<NoticeRow> findBySourceKey(String sourceKey);

    List<NoticeRow> findByIdIn(Collection<Long> ids);

    List<NoticeRow> findBySourceKeyStartingWith(String prefix);

    List<NoticeRow> findTop50ByReleaseKeyOrderByIdDesc(String releaseKey);
}
