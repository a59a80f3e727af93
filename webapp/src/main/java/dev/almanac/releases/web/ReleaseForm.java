package dev.almanac.releases.web;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseSummary;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** The "new release" form as a person fills it in. */
public class ReleaseForm {

    private String model;
    private String version;
    private Lane lane = Lane.STAGING;
    private RiskTier riskTier = RiskTier.MEDIUM;
    private String ownerTeam;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate targetDate;

    private String dataFeeds;

    /** Why the plan changes (the change form only). */
    private String reason;

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    static ReleaseForm of(ReleaseSummary release) {
        ReleaseForm form = new ReleaseForm();
        form.model = release.model();
        form.version = release.version();
        form.lane = release.lane();
        form.riskTier = release.riskTier();
        form.ownerTeam = release.ownerTeam();
        form.targetDate = release.targetDate();
        form.dataFeeds = release.dataFeeds();
        return form;
    }

    NewRelease toRequest() {
        return new NewRelease(
                trim(model), trim(version), lane, riskTier, trim(ownerTeam), targetDate, dataFeeds);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public Lane getLane() {
        return lane;
    }

    public void setLane(Lane lane) {
        this.lane = lane;
    }

    public RiskTier getRiskTier() {
        return riskTier;
    }

    public void setRiskTier(RiskTier riskTier) {
        this.riskTier = riskTier;
    }

    public String getOwnerTeam() {
        return ownerTeam;
    }

    public void setOwnerTeam(String ownerTeam) {
        this.ownerTeam = ownerTeam;
    }

    public LocalDate getTargetDate() {
        return targetDate;
    }

    public void setTargetDate(LocalDate targetDate) {
        this.targetDate = targetDate;
    }

    public String getDataFeeds() {
        return dataFeeds;
    }

    public void setDataFeeds(String dataFeeds) {
        this.dataFeeds = dataFeeds;
    }
}
