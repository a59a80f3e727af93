package dev.almanac.planning.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MlModelRepository extends JpaRepository<MlModel, Long> {

    Optional<MlModel> findByKey(String key);

    List<MlModel> findAllByOrderByKeyAsc();

    boolean existsByProductLine(String productLine);
}
