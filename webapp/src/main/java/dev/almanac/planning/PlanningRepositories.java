package dev.almanac.planning;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProductLineRepository extends JpaRepository<ProductLine, Long> {

    Optional<ProductLine> findByKey(String key);

    List<ProductLine> findAllByOrderByKeyAsc();
}

interface TeamRepository extends JpaRepository<Team, Long> {

    Optional<Team> findByKey(String key);

    List<Team> findAllByOrderByKeyAsc();
}

interface MlModelRepository extends JpaRepository<MlModel, Long> {

    Optional<MlModel> findByKey(String key);

    List<MlModel> findAllByOrderByKeyAsc();

    boolean existsByProductLine(String productLine);
}

interface CalendarWindowRepository extends JpaRepository<CalendarWindow, Long> {

    List<CalendarWindow> findAllByOrderByStartAsc();
}
