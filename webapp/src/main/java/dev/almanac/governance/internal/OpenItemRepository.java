package dev.almanac.governance.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OpenItemRepository extends JpaRepository<OpenItemRow, Long> {

    List<OpenItemRow> findByModelOrderByIdAsc(String model);
}
