package dev.almanac.planning.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProductLineRepository extends JpaRepository<ProductLine, Long> {

    Optional<ProductLine> findByKey(String key);

    List<ProductLine> findAllByOrderByKeyAsc();
}
