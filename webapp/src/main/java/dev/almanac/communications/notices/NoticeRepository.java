package dev.almanac.communications.notices;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NoticeRepository extends JpaRepository<NoticeRow, Long> {

    boolean existsBySourceKey(String sourceKey);

    Optional<NoticeRow> findBySourceKey(String sourceKey);

    List<NoticeRow> findByIdIn(Collection<Long> ids);

    List<NoticeRow> findBySourceKeyStartingWith(String prefix);

    List<NoticeRow> findTop50ByReleaseKeyOrderByIdDesc(String releaseKey);
}
