package dev.almanac.governance.internal;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface OpenItemRepository extends JpaRepository<OpenItemRow, Long> {

    List<OpenItemRow> findByModelOrderByIdAsc(String model);
}
