package dev.almanac.calendar;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface CadenceRepository extends JpaRepository<Cadence, Long> {

    List<Cadence> findAllByOrderByNameAsc();

    List<Cadence> findByActiveTrue();
}
