package dev.almanac.planning.internal;

import dev.almanac.planning.PlanningCatalog;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A team as the calendar knows it: an engine group (it owns releases and claims tasks) with a name
 * and a contact.
 */
@Entity
@Table(name = "team")
public class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "team_key", nullable = false, unique = true)
    private String key;

    @Column(nullable = false)
    private String name;

    @Column(name = "engine_group", nullable = false)
    private String engineGroup;

    private String email;

    /** The product lines the team works on: its owner rights hold there only. */
    @jakarta.persistence.ElementCollection(fetch = jakarta.persistence.FetchType.EAGER)
    @jakarta.persistence.CollectionTable(
            name = "team_product_line",
            joinColumns = @jakarta.persistence.JoinColumn(name = "team_id"))
    @Column(name = "line_key")
    private java.util.Set<String> productLines = new java.util.TreeSet<>();

    public Team() {}

    public Team(String key) {
        this.key = key;
    }

    public void update(
            String name, String engineGroup, String email, java.util.Set<String> productLines) {
        this.name = name;
        this.engineGroup = engineGroup;
        this.email = email;
        if (productLines != null) {
            this.productLines.clear();
            this.productLines.addAll(productLines);
        }
    }

    public PlanningCatalog.TeamInfo info() {
        return new PlanningCatalog.TeamInfo(
                key, name, engineGroup, email, java.util.Set.copyOf(productLines));
    }

    public String getEngineGroup() {
        return engineGroup;
    }

    String getKey() {
        return key;
    }
}
