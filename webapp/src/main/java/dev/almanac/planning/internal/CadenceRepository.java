package dev.almanac.planning.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CadenceRepository extends JpaRepository<Cadence, Long> {

    List<Cadence> findAllByOrderByNameAsc();

    List<Cadence> findByActiveTrue();
}
