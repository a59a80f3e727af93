package dev.almanac.planning.internal;

import dev.almanac.planning.PlanningCatalog;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A family of models planned and reported together. */
@Entity
@Table(name = "product_line")
public class ProductLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "line_key", nullable = false, unique = true)
    private String key;

    @Column(nullable = false)
    private String name;

    private String description;

    public ProductLine() {}

    public ProductLine(String key) {
        this.key = key;
    }

    public void update(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public PlanningCatalog.ProductLineInfo info() {
        return new PlanningCatalog.ProductLineInfo(key, name, description);
    }

    String getKey() {
        return key;
    }
}
