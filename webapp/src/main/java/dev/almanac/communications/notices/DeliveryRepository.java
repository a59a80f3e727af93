package dev.almanac.communications.notices;

import dev.almanac.communications.Channel;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface DeliveryRepository extends JpaRepository<DeliveryRow, Long> {

    boolean existsByDedupeKey(String dedupeKey);

    @Query(
            """
            select d.id from DeliveryRow d
            where (d.status = 'PENDING' and d.nextAttemptAt <= :now) or (d.status = 'SENDING' and d.claimedUntil < :now)
            order by d.nextAttemptAt""")
    List<Long> due(@Param("now") Instant now, Pageable page);

    /** Claims one delivery for this node; 1 when it got it, 0 when another node was first. */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query(
            """
            update DeliveryRow d set d.status = 'SENDING', d.claimedBy = :node, d.claimedUntil = :until, d.attempts = d.attempts + 1
            where d.id = :id and ((d.status = 'PENDING' and d.nextAttemptAt <= :now) or (d.status = 'SENDING' and d.claimedUntil < :now))""")
    int claim(
            @Param("id") long id,
            @Param("node") String node,
            @Param("now") Instant now,
            @Param("until") Instant until);

    List<DeliveryRow> findByStatusInOrderByIdDesc(
            Collection<DeliveryRow.Status> statuses, Pageable page);

    List<DeliveryRow> findByRecipientAndChannelOrderByIdDesc(
            String recipient, Channel channel, Pageable page);

    long countByRecipientAndChannelAndStatusAndReadAtIsNull(
            String recipient, Channel channel, DeliveryRow.Status status);

    List<DeliveryRow> findByRecipientAndStatusAndNextAttemptAtLessThanOrderById(
            String recipient, DeliveryRow.Status status, Instant before);

    @Query(
            "select distinct d.recipient from DeliveryRow d where d.status = 'HELD' and d.nextAttemptAt < :before")
    List<String> recipientsWithHeld(@Param("before") Instant before);

    List<DeliveryRow> findByNoticeIdIn(Collection<Long> noticeIds);

    long countByStatus(DeliveryRow.Status status);
}
