package dev.almanac.communications.notices;

import dev.almanac.communications.NoticeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface NoticePreferenceRepository extends JpaRepository<NoticePreferenceRow, Long> {

    List<NoticePreferenceRow> findByUserId(String userId);

    Optional<NoticePreferenceRow> findByUserIdAndType(String userId, NoticeType type);

    List<NoticePreferenceRow> findByType(NoticeType type);
}
