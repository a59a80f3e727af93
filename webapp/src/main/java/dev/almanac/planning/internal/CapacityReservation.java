package dev.almanac.planning.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An experimentation window's hold on a share of a resource. */
@Entity
@Table(name = "capacity_reservation")
public class CapacityReservation {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "window_id", nullable = false)
    public Long windowId;

    @Column(name = "resource_key", nullable = false)
    public String resourceKey;

    @Column(nullable = false)
    public double share;
}
