package dev.almanac.calendar.internal;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface FeedTokenRepository extends JpaRepository<FeedToken, Long> {

    Optional<FeedToken> findByUserId(String userId);

    Optional<FeedToken> findByToken(String token);
}
