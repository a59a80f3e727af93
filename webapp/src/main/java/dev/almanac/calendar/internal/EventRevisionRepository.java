package dev.almanac.calendar.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface EventRevisionRepository extends JpaRepository<EventRevision, String> {
}
