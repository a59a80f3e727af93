package dev.almanac.planning.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CalendarWindowRepository extends JpaRepository<CalendarWindow, Long> {

    List<CalendarWindow> findAllByOrderByStartAsc();
}
