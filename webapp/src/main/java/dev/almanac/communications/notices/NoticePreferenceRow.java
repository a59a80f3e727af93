package dev.almanac.communications.notices;

import dev.almanac.communications.Delivery;
import dev.almanac.communications.NoticeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "notice_preference")
public class NoticePreferenceRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Enumerated(EnumType.STRING)
    @Column(name = "notice_type", nullable = false)
    public NoticeType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Delivery delivery;
}
