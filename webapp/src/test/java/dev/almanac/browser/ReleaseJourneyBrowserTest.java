package dev.almanac.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.almanac.planning.Lane;
import dev.almanac.planning.RiskTier;
import dev.almanac.processes.ModelRelease;
import dev.almanac.releases.NewRelease;
import dev.almanac.releases.ReleaseQueries;
import dev.almanac.releases.Releases;
import dev.almanac.support.HeadlessChromium;
import dev.almanac.support.TestAccounts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a person does in a real browser: sign in, plan a release, see its diagram, decide a task in
 * Tasklist.
 */
@ExtendWith(HeadlessChromium.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ReleaseJourneyBrowserTest {

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired Releases releases;
    @Autowired ReleaseQueries releaseQueries;
    @Autowired ExternalTaskService externalTasks;
    @Autowired dev.almanac.dependencies.Dependencies dependencies;
    @Autowired dev.almanac.planning.Resources resources;
    @Autowired dev.almanac.schedule.ReleaseCalendar calendar;
    @Autowired org.operaton.bpm.engine.ProcessEngine engine;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() throws Exception {
        TestAccounts.ensure(identity);
        browser = HeadlessChromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser(org.junit.jupiter.api.TestInfo test) throws Exception {
        if (browser != null) {
            // the last screen of every journey, to look at when one fails
            screenshot(test.getTestMethod().orElseThrow().getName());
            browser.quit();
        }
    }

    /** Keeps what the person saw, next to the last screen of each journey. */
    private void screenshot(String name) {
        try {
            java.nio.file.Path shots =
                    java.nio.file.Files.createDirectories(
                            java.nio.file.Path.of("target", "browser"));
            java.nio.file.Files.write(
                    shots.resolve(name + ".png"),
                    ((org.openqa.selenium.TakesScreenshot) browser)
                            .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void signIn(String user) {
        browser.get(url("/releases"));
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/releases"));
    }

    @Test
    void releaseManagerPlansAReleaseAndSeesWhereItStands() {
        signIn("rita");
        browser.get(url("/releases/new"));

        browser.findElement(By.id("model")).sendKeys("Credit Limit");
        browser.findElement(By.id("version")).sendKeys("2027.02");
        new Select(browser.findElement(By.id("lane"))).selectByVisibleText("production");
        new Select(browser.findElement(By.id("ownerTeam"))).selectByValue("fraud-ml");
        setDate(browser.findElement(By.id("targetDate")), LocalDate.now().plusDays(20));
        browser.findElement(By.cssSelector("main button[type=submit]")).click();

        assertThat(
                        wait.until(
                                        ExpectedConditions.visibilityOfElementLocated(
                                                By.cssSelector(".field-error")))
                                .getText())
                .contains("lower-case letters");
        assertThat(browser.getCurrentUrl()).doesNotContain("/releases/credit");

        WebElement model = browser.findElement(By.id("model"));
        model.clear();
        model.sendKeys("credit-limit");
        browser.findElement(By.cssSelector("main button[type=submit]")).click();

        wait.until(ExpectedConditions.urlContains("/releases/credit-limit-2027.02"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .contains("credit-limit-2027.02 is planned");
        assertThat(browser.findElement(By.id("current-steps")).getText())
                .contains("Check data feeds")
                .contains("worker (topic data-readiness)");
        wait.until(ExpectedConditions.attributeToBe(By.id("diagram"), "data-rendered", "true"));
        assertThat(browser.findElements(By.cssSelector("#diagram .djs-element.active")))
                .isNotEmpty();
        assertThat(
                        browser.findElement(
                                        By.cssSelector(
                                                "#diagram [data-element-id='check-data-feeds']"))
                                .getAttribute("class"))
                .contains("active");

        browser.get(url("/releases"));
        assertThat(
                        browser.findElement(
                                        By.cssSelector("tr[data-release='credit-limit-2027.02']"))
                                .getText())
                .contains("production")
                .contains("Check data feeds");
    }

    @Test
    void plannerFiltersTheCalendarAndSeesAReleaseBarWithItsMilestones() {
        String suffix = String.valueOf(System.nanoTime() % 100000);
        String fraud =
                releases.plan(
                                new NewRelease(
                                        "fraud-scorer",
                                        "cal." + suffix,
                                        Lane.PRODUCTION,
                                        RiskTier.HIGH,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(30),
                                        "transactions"),
                                "rita")
                        .key();
        String search =
                releases.plan(
                                new NewRelease(
                                        "search-ranker",
                                        "cal." + suffix,
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "ml-engineers",
                                        LocalDate.now().plusDays(30),
                                        ""),
                                "rita")
                        .key();
        signIn("rita");

        browser.get(url("/calendar"));
        By fraudBar = By.cssSelector(".row[data-release='" + fraud + "'] a.bar");
        By searchBar = By.cssSelector(".row[data-release='" + search + "'] a.bar");
        wait.until(ExpectedConditions.presenceOfElementLocated(fraudBar));
        assertThat(browser.findElements(searchBar)).isNotEmpty();
        assertThat(
                        browser.findElement(By.cssSelector(".swimlane[data-lane='production']"))
                                .getText())
                .contains(fraud);

        new Select(browser.findElement(By.cssSelector(".filters select[name=team]")))
                .selectByValue("fraud-ml");

        wait.until(ExpectedConditions.urlContains("team=fraud-ml"));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(searchBar));
        WebElement bar = browser.findElement(fraudBar);
        assertThat(bar.getAttribute("title")).contains(fraud).contains("deploy");
        assertThat(bar.getAttribute("class")).containsAnyOf("on-track", "at-risk", "late");
        var milestones =
                browser
                        .findElements(By.cssSelector(".row[data-release='" + fraud + "'] .segment"))
                        .stream()
                        .map(e -> e.getAttribute("data-milestone"))
                        .toList();
        assertThat(milestones).first().isEqualTo("Data readiness");
        assertThat(milestones).hasSizeGreaterThanOrEqualTo(2);
        assertThat(
                        browser.findElement(
                                        By.cssSelector(
                                                ".row[data-release='"
                                                        + fraud
                                                        + "'] .segment[data-milestone='Data readiness']"))
                                .getAttribute("class"))
                .contains("active");

        screenshot("calendar-filtered-by-team");
        browser.navigate().refresh();
        assertThat(
                        new Select(
                                        browser.findElement(
                                                By.cssSelector(".filters select[name=team]")))
                                .getFirstSelectedOption()
                                .getAttribute("value"))
                .as("the filter is kept in the URL")
                .isEqualTo("fraud-ml");
        assertThat(browser.findElements(searchBar)).isEmpty();

        browser.get(url("/releases/" + fraud));
        wait.until(
                ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#projection tr[data-milestone='Deploy']")));
        assertThat(browser.findElement(By.id("projection")).getText())
                .contains("Projected dates")
                .contains("Data readiness")
                .contains("P90");
        assertThat(browser.findElements(By.cssSelector("#projection svg rect.column")))
                .isNotEmpty();
    }

    @Test
    void riskOfficerDecidesTheRiskReviewInTasklistWithItsForm() {
        String key = releaseAtRiskReview();
        String taskId =
                releaseQueries.openTasksOf(key).entrySet().stream()
                        .filter(e -> e.getValue().equals("risk-review"))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
        signIn("oscar");

        browser.get(url("/operaton/app/tasklist/default/#/?task=" + taskId));

        WebElement form =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector(".fjs-container")));
        wait.until(d -> inputValues().contains(key));
        assertThat(inputValues()).contains("browser-model", "low", "staging");
        assertThat(form.getText())
                .contains("Decision")
                .contains("Rationale")
                .contains("Approve")
                .contains("Request changes");

        wait.until(
                        ExpectedConditions.elementToBeClickable(
                                By.xpath(
                                        "//*[self::a or self::button][normalize-space(.)='Claim']")))
                .click();
        click(By.xpath("//label[contains(., 'Approve')]"));
        WebElement rationale =
                browser.findElement(
                        By.xpath("//label[contains(., 'Rationale')]/following::textarea[1]"));
        scrollTo(rationale);
        rationale.sendKeys("Fairness report reviewed");
        click(By.xpath("//button[normalize-space(.)='Complete']"));

        wait.until(d -> releaseQueries.openTasksOf(key).containsValue("deploy-approval"));
        assertThat(releaseQueries.find(key).orElseThrow().variables())
                .containsEntry("riskDecision", "approve")
                .containsEntry("riskRationale", "Fairness report reviewed");
    }

    @Test
    void dataEngineerSeesOnlyDataEngineeringTasksInTasklist() {
        String riskReview = releaseAtRiskReview();
        String feeds = releaseWaitingForItsFeeds();
        signIn("dana");

        browser.get(url("/operaton/app/tasklist/default/"));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.tagName("body"), "My group's approvals"));
        // the first shared filter opens by itself, with the release and model as columns
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.tagName("body"), "Resolve missing data feeds · " + feeds));
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page)
                .contains("Resolve missing data feeds · " + feeds)
                .contains("Due soon")
                .contains("Overdue")
                .doesNotContain(riskReview)
                .doesNotContain("All tasks");
        // nor can she open the other group's task by its address
        String riskTask =
                releaseQueries.openTasksOf(riskReview).entrySet().stream()
                        .filter(e -> e.getValue().equals("risk-review"))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
        Object status =
                ((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + "fetch('/operaton/api/engine/engine/default/task/' + arguments[0],"
                                        + " {headers: {'Accept': 'application/json'}}).then(r => done(r.status));",
                                riskTask);
        assertThat(((Number) status).intValue()).isEqualTo(404);
    }

    @Test
    void releaseManagerSeesReleasesInCockpitButCannotDeleteThem() {
        String key = releaseAtRiskReview();
        String instance = releaseQueries.plannedRelease(key).orElseThrow().processInstanceId();
        signIn("rita");

        browser.get(
                url("/operaton/app/cockpit/default/#/process-instance/" + instance + "/runtime"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), key));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Risk review");

        // Cockpit sends the deletion with its own session and XSRF token: the engine refuses it
        Object answer =
                ((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + "const xsrf = (document.cookie.match(/XSRF-TOKEN=([^;]+)/) || [])[1];"
                                        + "fetch('/operaton/api/engine/engine/default/process-instance/' + arguments[0],"
                                        + " {method: 'DELETE', headers: {'X-XSRF-TOKEN': xsrf, 'Accept': 'application/json'}})"
                                        + ".then(r => r.text().then(t => done(r.status + ' ' + t)));",
                                instance);
        assertThat(answer.toString()).startsWith("403").contains("DELETE");
        assertThat(releaseQueries.plannedRelease(key).orElseThrow().processInstanceId())
                .isEqualTo(instance);
        assertThat(
                        engine.getRuntimeService()
                                .createProcessInstanceQuery()
                                .processInstanceId(instance)
                                .count())
                .isOne();
    }

    private String releaseWaitingForItsFeeds() {
        String version = String.valueOf(System.nanoTime());
        String key =
                releases.plan(
                                new NewRelease(
                                        "feeds-model",
                                        version,
                                        Lane.STAGING,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(9),
                                        null),
                                "rita")
                        .key();
        dev.almanac.processes.ReleaseDriver.of(
                        engine,
                        releaseQueries.plannedRelease(key).orElseThrow().processInstanceId())
                .failExternalWithBpmnError(
                        ModelRelease.Topics.DATA_READINESS,
                        ModelRelease.Errors.DATA_FEED_MISSING,
                        Map.of());
        return key;
    }

    @Test
    void ownerEditsTheDraftedReleaseNotesAndPublishesThem() {
        String model = "notes-browser-" + (System.nanoTime() % 100000);
        String key =
                releases.plan(
                                new NewRelease(
                                        model,
                                        "1",
                                        Lane.PRODUCTION,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(30),
                                        "transactions"),
                                "rita")
                        .key();
        dev.almanac.processes.ReleaseDriver.of(
                        engine,
                        releaseQueries.plannedRelease(key).orElseThrow().processInstanceId())
                .throughTraining(0.95, 100, 0.92)
                .completeTask(
                        "risk-review",
                        Map.of(
                                ModelRelease.Variables.RISK_DECISION,
                                "approve",
                                ModelRelease.Variables.RISK_RATIONALE,
                                "fair"))
                .completeTask(
                        "deploy-approval",
                        Map.of(
                                ModelRelease.Variables.DEPLOY_DECISION,
                                "go",
                                ModelRelease.Variables.DEPLOY_NOTE,
                                "go"))
                .fireTimer("wait-release-window")
                .completeExternal(
                        ModelRelease.Topics.DEPLOY,
                        Map.of(ModelRelease.Variables.DEPLOYMENT_ID, "dep-browser"));
        signIn("mel");

        browser.get(url("/releases/" + key));
        WebElement notesLink =
                wait.until(ExpectedConditions.elementToBeClickable(By.id("notes-link")));
        assertThat(browser.findElement(By.id("governance")).getText())
                .contains("draft, not yet published");
        notesLink.click();

        wait.until(ExpectedConditions.urlContains("/releases/" + key + "/notes"));
        assertThat(browser.findElement(By.cssSelector("#notes-html h1")).getText())
                .isEqualTo(model + " 1 — release notes");
        assertThat(browser.findElement(By.cssSelector("#notes-html table")).getText())
                .contains("accuracy 0.95");
        WebElement markdown = browser.findElement(By.id("markdown"));
        assertThat(markdown.getAttribute("value")).contains("## Approvals").contains("dep-browser");

        markdown.clear();
        markdown.sendKeys(
                "# "
                        + model
                        + " 1\n\nCatches 3% more fraud at the same review load.\n\n- Deployment: dep-browser\n");
        click(By.cssSelector("#notes-form button[name=publish]"));

        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.id("notes-status"), "Published by mel"));
        assertThat(browser.findElement(By.cssSelector("#notes-html h1")).getText())
                .isEqualTo(model + " 1");
        assertThat(browser.findElement(By.id("notes-html")).getText())
                .contains("Catches 3% more fraud at the same review load.");
        assertThat(browser.findElements(By.id("notes-form"))).isEmpty();

        browser.get(url("/releases/" + key));
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(
                        By.id("governance"), "published by mel"));
    }

    @Test
    void releaseManagerGrantsAFreezeOverrideInTasklistWithAReasonAndAnExpiry() {
        String key =
                releases.plan(
                                new NewRelease(
                                        "override-browser-" + (System.nanoTime() % 100000),
                                        "1",
                                        Lane.PRODUCTION,
                                        RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(30),
                                        "transactions"),
                                "dana")
                        .key();
        var release =
                dev.almanac.processes.ReleaseDriver.of(
                                engine,
                                releaseQueries
                                        .plannedRelease(key)
                                        .orElseThrow()
                                        .processInstanceId())
                        .throughTraining(0.95, 100, 0.92)
                        .completeTask(
                                "risk-review",
                                Map.of(
                                        ModelRelease.Variables.RISK_DECISION,
                                        "approve",
                                        ModelRelease.Variables.RISK_RATIONALE,
                                        "fair"))
                        .completeTask(
                                "deploy-approval",
                                Map.of(
                                        ModelRelease.Variables.DEPLOY_DECISION,
                                        "go",
                                        ModelRelease.Variables.DEPLOY_NOTE,
                                        "go"));
        releases.requestFreezeOverride(key, "mel", "chargebacks doubled overnight");
        String taskId =
                releaseQueries.openTasksOf(key).entrySet().stream()
                        .filter(e -> e.getValue().equals("override-freeze"))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
        signIn("rita");

        browser.get(url("/operaton/app/tasklist/default/#/?task=" + taskId));
        WebElement form =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector(".fjs-container")));
        wait.until(d -> inputValues().contains(key));
        assertThat(form.getText()).contains("Grant the override").contains("Reason");
        wait.until(
                d ->
                        browser.findElements(By.tagName("textarea")).stream()
                                .anyMatch(
                                        t ->
                                                "chargebacks doubled overnight"
                                                        .equals(t.getAttribute("value"))));

        wait.until(
                        ExpectedConditions.elementToBeClickable(
                                By.xpath(
                                        "//*[self::a or self::button][normalize-space(.)='Claim']")))
                .click();
        click(By.xpath("//label[contains(., 'Grant the override')]"));
        WebElement reason =
                browser.findElement(
                        By.xpath(
                                "//label[starts-with(normalize-space(.), 'Reason')]/following::textarea[1]"));
        scrollTo(reason);
        reason.sendKeys("Losses exceed the risk the freeze protects against");
        WebElement expiry =
                wait.until(
                        ExpectedConditions.visibilityOfElementLocated(
                                By.cssSelector(".fjs-form-field-datetime input")));
        scrollTo(expiry);
        expiry.click();
        expiry.sendKeys("01/15/2099");
        expiry.sendKeys(org.openqa.selenium.Keys.ENTER);
        click(By.xpath("//button[normalize-space(.)='Complete']"));

        wait.until(d -> !releaseQueries.openTasksOf(key).containsValue("override-freeze"));
        assertThat(release.variable(ModelRelease.Variables.OVERRIDE_EXPIRY))
                .isEqualTo("2099-01-15");
        assertThat(release.variable(ModelRelease.Variables.OVERRIDE_REASON))
                .isEqualTo("Losses exceed the risk the freeze protects against");
        assertThat(release.timer("wait-release-window").getDuedate().toInstant())
                .isBefore(java.time.Instant.now().plusSeconds(1));
    }

    private String releaseAtRiskReview() {
        String key = "browser-model-" + System.nanoTime();
        releases.plan(
                new NewRelease(
                        "browser-model",
                        String.valueOf(System.nanoTime()),
                        Lane.STAGING,
                        RiskTier.LOW,
                        "fraud-ml",
                        LocalDate.now().plusDays(9),
                        null),
                "rita");
        key =
                releaseQueries.list().stream()
                        .filter(r -> r.model().equals("browser-model"))
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .key();
        completeWork(key, ModelRelease.Topics.DATA_READINESS, Map.of());
        releases.deliver(key, ModelRelease.Messages.DATA_READY, Map.of());
        completeWork(key, ModelRelease.Topics.TRAINING_TRIGGER, Map.of());
        releases.deliver(
                key,
                ModelRelease.Messages.TRAINING_FINISHED,
                Map.of("accuracy", 0.95, "latencyP95Ms", 90.0, "modelUri", "s3://m"));
        completeWork(
                key,
                ModelRelease.Topics.VALIDATION_METRICS,
                Map.of("baselineAccuracy", 0.93, "accuracyDelta", 0.02));
        return key;
    }

    private void completeWork(String key, String topic, Map<String, Object> variables) {
        List<LockedExternalTask> locked =
                externalTasks
                        .fetchAndLock(1, "browser-test")
                        .topic(topic, 30_000)
                        .businessKey(key)
                        .execute();
        assertThat(locked).hasSize(1);
        externalTasks.complete(locked.get(0).getId(), "browser-test", variables);
    }

    private void click(By locator) {
        WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(locator));
        scrollTo(element);
        try {
            wait.until(ExpectedConditions.elementToBeClickable(element)).click();
        } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
            // Tasklist's fixed footer can cover the lower edge of its scrolling form pane
            ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("arguments[0].click()", element);
        }
    }

    private void scrollTo(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    }

    @SuppressWarnings("unchecked")
    private List<String> inputValues() {
        return (List<String>)
                ((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeScript(
                                "return Array.from(document.querySelectorAll('.fjs-container input')).map(i => i.value)");
    }

    private void setDate(WebElement input, LocalDate date) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1]", input, date.toString());
    }

    @Test
    void plannerDraftsADelayInAScenarioAndSeesTheDownstreamReleaseMove() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 6);
        String upstream =
                releases.plan(
                                new dev.almanac.releases.NewRelease(
                                        "features-" + run,
                                        "1",
                                        dev.almanac.planning.Lane.STAGING,
                                        dev.almanac.planning.RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(60),
                                        ""),
                                "rita")
                        .key();
        String downstream =
                releases.plan(
                                new dev.almanac.releases.NewRelease(
                                        "reco-" + run,
                                        "1",
                                        dev.almanac.planning.Lane.STAGING,
                                        dev.almanac.planning.RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(60),
                                        ""),
                                "rita")
                        .key();
        dependencies.add(
                new dev.almanac.dependencies.Dependencies.NewDependency(
                        upstream,
                        "deploy",
                        downstream,
                        "trigger-training",
                        dev.almanac.dependencies.DependencyKind.FEATURE_STORE,
                        Duration.ZERO,
                        "session features"),
                "rita");
        signIn("mel");

        browser.get(url("/releases/" + downstream));
        wait.until(
                d ->
                        !d.findElements(
                                        By.cssSelector(
                                                "#dependencies li[data-release='"
                                                        + upstream
                                                        + "']"))
                                .isEmpty());
        assertThat(
                        browser.findElement(
                                        By.cssSelector(
                                                "#dependencies li[data-release='"
                                                        + upstream
                                                        + "']"))
                                .getText())
                .contains("session features");

        browser.get(url("/scenarios"));
        browser.findElement(By.id("name")).sendKeys("Features slip");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().matches(".*/scenarios/[0-9a-f]{24}$"));
        assertThat(browser.findElement(By.cssSelector(".diff .summary")).getText())
                .contains("0 of");

        browser.findElement(By.cssSelector("#add-delay_release summary")).click();
        new Select(browser.findElement(By.id("DELAY_RELEASE-release"))).selectByValue(upstream);
        WebElement days = browser.findElement(By.id("DELAY_RELEASE-days"));
        days.clear();
        days.sendKeys("5");
        browser.findElement(By.cssSelector("#add-delay_release button[type=submit]")).click();

        By downstreamRow = By.cssSelector(".diff-table tr[data-release='" + downstream + "']");
        wait.until(d -> !d.findElements(downstreamRow).isEmpty());
        assertThat(browser.findElement(By.cssSelector("ol.changes")).getText())
                .contains("Delay " + upstream + " by 5 days");
        assertThat(
                        browser.findElement(downstreamRow)
                                .findElement(By.cssSelector("td.shift"))
                                .getText())
                .startsWith("+");
        assertThat(browser.findElement(downstreamRow).getText()).contains("Training");
        assertThat(browser.findElement(By.id("apply")).getText())
                .contains("Only release managers may apply");
    }

    @Test
    void plannerOpensTheUtilisationViewAndDrillsIntoAnOverAllocatedWeek() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 6);
        String gpu = "gpu-" + run;
        resources.save(
                new dev.almanac.planning.Resources.ResourceChange(
                        gpu,
                        "GPU pool " + run,
                        "GPUs",
                        dev.almanac.projection.Capacity.ResourceKind.CONCURRENT,
                        dev.almanac.projection.Capacity.Granularity.DAY,
                        12.0,
                        java.util.List.of()),
                "rita");
        String first =
                releases.plan(
                                new dev.almanac.releases.NewRelease(
                                        "vision-" + run,
                                        "1",
                                        dev.almanac.planning.Lane.PRODUCTION,
                                        dev.almanac.planning.RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(60),
                                        ""),
                                "rita")
                        .key();
        String second =
                releases.plan(
                                new dev.almanac.releases.NewRelease(
                                        "speech-" + run,
                                        "1",
                                        dev.almanac.planning.Lane.PRODUCTION,
                                        dev.almanac.planning.RiskTier.LOW,
                                        "fraud-ml",
                                        LocalDate.now().plusDays(60),
                                        ""),
                                "rita")
                        .key();
        for (String release : java.util.List.of(first, second)) {
            resources.setDemand(
                    "RELEASE",
                    release,
                    "wait-training-finished",
                    gpu,
                    8.0); // two trainings of 8 on a pool of 12
        }
        calendar.refresh();
        signIn("mel");

        browser.get(url("/utilisation"));
        By overCell = By.cssSelector("tr[data-resource='" + gpu + "'] td.cell.over a");
        wait.until(d -> !d.findElements(overCell).isEmpty());
        assertThat(browser.findElement(By.cssSelector("tr[data-resource='" + gpu + "']")).getText())
                .contains("GPU pool " + run);
        String label = browser.findElement(overCell).getText();
        assertThat(label).matches("\\d+(\\.\\d)? / \\d+(\\.\\d)?");
        screenshot("utilisation-heat-map");

        browser.findElement(overCell).click();
        wait.until(d -> d.getCurrentUrl().contains("/utilisation/" + gpu + "/"));
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .startsWith("GPU pool " + run + ", week of");
        var overDays = browser.findElements(By.cssSelector("table.buckets tr[data-over='true']"));
        assertThat(overDays).isNotEmpty();
        assertThat(overDays.get(0).getText())
                .contains(first)
                .contains(second)
                .contains("wait-training-finished 8");
        assertThat(browser.findElement(By.cssSelector("table.buckets")).getText())
                .doesNotContain("fraud-scorer");
        assertThat(browser.findElement(By.cssSelector("ul.conflicts")).getText())
                .contains("Over-allocated from");
    }
}
