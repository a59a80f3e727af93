-- Teams belong to product lines: a team's owner rights hold on its product lines only.
CREATE TABLE team_product_line (
    team_id  BIGINT      NOT NULL,
    line_key VARCHAR(60) NOT NULL,
    PRIMARY KEY (team_id, line_key),
    CONSTRAINT fk_team_product_line_team FOREIGN KEY (team_id) REFERENCES team (id) ON DELETE CASCADE
);

-- Pipeline tokens can be scoped to product lines as well as to models.
ALTER TABLE pipeline_token ADD COLUMN scope_product_lines VARCHAR(1000);

-- The release list filters and pages in the database.
CREATE INDEX ix_release_plan_owner ON release_plan (owner_team);
CREATE INDEX ix_release_plan_lane ON release_plan (lane);
CREATE INDEX ix_release_plan_target ON release_plan (target_date, release_key);
