package dev.almanac.calendar;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ScenarioRepository extends JpaRepository<Scenario, Long> {

    Optional<Scenario> findByToken(String token);

    List<Scenario> findTop100ByOrderByCreatedAtDesc();
}

