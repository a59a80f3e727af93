package dev.almanac.communications.releasenotes;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReleaseNoteRepository extends JpaRepository<ReleaseNoteRow, Long> {

    Optional<ReleaseNoteRow> findByReleaseKey(String releaseKey);
}
