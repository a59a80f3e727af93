package dev.almanac.calendar.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface EventRevisionRepository extends JpaRepository<EventRevision, String> {}
