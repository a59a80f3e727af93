package dev.almanac.scenarios.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ScenarioRepository extends JpaRepository<Scenario, Long> {

    Optional<Scenario> findByToken(String token);

    List<Scenario> findTop100ByOrderByCreatedAtDesc();
}
