package dev.almanac.communications.notices;

import dev.almanac.communications.NoticeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NoticePreferenceRepository extends JpaRepository<NoticePreferenceRow, Long> {

    List<NoticePreferenceRow> findByUserId(String userId);

    Optional<NoticePreferenceRow> findByUserIdAndType(String userId, NoticeType type);

    List<NoticePreferenceRow> findByType(NoticeType type);
}
