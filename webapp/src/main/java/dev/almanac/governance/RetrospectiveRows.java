package dev.almanac.governance;

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

/** A release's retrospective, kept with its history. */
@Entity
@Table(name = "retrospective")
class RetrospectiveRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "release_key", nullable = false)
    String releaseKey;
    @Column(nullable = false)
    String model;
    @Column(name = "went_well", nullable = false)
    String wentWell;
    @Column(nullable = false)
    String slipped;
    @Column(nullable = false)
    String actions;
    @Column(name = "held_by")
    String heldBy;
    @Column(name = "held_at", nullable = false)
    Instant heldAt;
}

/** An action a retrospective left for the model's next release; open until someone closes it in a later release. */
@Entity
@Table(name = "open_item")
class OpenItemRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false)
    String model;
    @Column(name = "from_release", nullable = false)
    String fromRelease;
    @Column(nullable = false)
    String text;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "closed_in")
    String closedIn;
    @Column(name = "closed_by")
    String closedBy;
    @Column(name = "closed_at")
    Instant closedAt;
}

interface RetrospectiveRepository extends JpaRepository<RetrospectiveRow, Long> {

    Optional<RetrospectiveRow> findByReleaseKey(String releaseKey);

    List<RetrospectiveRow> findByModelOrderByHeldAtDesc(String model);
}

interface OpenItemRepository extends JpaRepository<OpenItemRow, Long> {

    List<OpenItemRow> findByModelOrderByIdAsc(String model);
}
