package io.github.luaactor.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.github.luaactor.core.LuaActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven through {@code /usr/bin/chromedriver} (never a
 * driver downloaded by Selenium Manager) against the demo on a random port, with the event generator on.
 * <p>
 * A failing test leaves {@code target/screenshots/<test>.png}. The last test saves
 * {@code target/screenshots/dashboard.png}; with {@code -Ddashboard.screenshot=<path>} it also copies it there
 * (that is how {@code docs/dashboard.png} is made: {@code -Ddashboard.screenshot=../docs/dashboard.png}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "demo.generator.rate=50", "demo.generator.sensors=6",
                // Selenium warns that it has no CDP binding for this Chromium version; the test does not use CDP
                "logging.level.org.openqa.selenium.devtools=ERROR", "logging.level.org.openqa.selenium.chromium=ERROR" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(DashboardBrowserTests.BrowserInstalled.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTests {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    LuaActorSystem actors;

    @Value("${spring.security.user.name}")
    String user;

    @Value("${spring.security.user.password}")
    String password;

    private ChromeDriverService service;

    private WebDriver driver;

    private Path profile;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = this::screenshotOnFailure;

    @BeforeAll
    void startBrowser() throws IOException {
        requireBrowser();
        profile = Files.createTempDirectory("demo-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1200", "--user-data-dir=" + profile);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Why the test cannot run here, or {@code null} when Chromium and its driver are installed. */
    static String missingBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return null;
        }
        return "The dashboard's browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                + ". Install them with: apt-get install chromium chromium-driver (.ci/run does this), or point"
                + " -Dchromium.binary and -Dchromedriver.binary at them.";
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Without Chromium and its driver the test is skipped on a developer's machine, so that {@code ./mvnw verify}
     * passes where nobody installed a browser (and no application context is started for nothing), but on CI
     * ({@code CI=true}) it runs and fails in {@link #startBrowser}: there the dashboard must be tested.
     */
    static final class BrowserInstalled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = missingBrowser();
            if (missing == null || onCi()) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed, or CI=true");
            }
            String reason = missing + " Skipped: without CI=true the browser test is optional.";
            // Surefire counts a skipped class but does not print why: say it where a developer looks
            System.err.println("[WARNING] DashboardBrowserTests: " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }

    static void requireBrowser() {
        String missing = missingBrowser();
        if (missing != null) {
            fail(missing + " With CI=true this test is mandatory.");
        }
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    @Test
    @Order(1)
    void theTableListsTheActorsAndTheNumbersMove() {
        open();
        waitFor(By.cssSelector("#actors tr[data-actor='router']"));
        waitFor(By.cssSelector("#actors tr[data-actor='window-s-1']"));
        // The table is redrawn every second: look elements up afresh inside waits that ignore stale references.
        waiting(Duration.ofSeconds(10)).until(d -> "RUNNING".equals(
                d.findElement(By.cssSelector("#actors tr[data-actor='router'] td.state")).getText()));
        assertThat(driver.findElements(By.cssSelector("#actors tr[data-actor^='window-s-']")))
            .hasSizeGreaterThanOrEqualTo(1);
        waiting(Duration.ofSeconds(10)).until(d -> d.findElement(
                By.cssSelector("#actors tr[data-actor='router'] .bar .label")).getText().endsWith("/ 5000"));

        long first = processed("router");
        long[] latest = { first };
        waiting(Duration.ofSeconds(10)).until(d -> (latest[0] = processed("router")) > first);
        assertThat(latest[0]).isGreaterThan(first);

        // the chart has been fed several samples, and the generator's rate shows up in it
        waiting(Duration.ofSeconds(10))
            .until(d -> d.findElement(By.id("line-rate")).getDomAttribute("points").split(" ").length >= 3);
        waiting(Duration.ofSeconds(10))
            .until(d -> Double.parseDouble(d.findElement(By.id("rate")).getText()) > 0);
        // the sensors panel shows the window actors' statistics
        waitFor(By.cssSelector("#sensors tr[data-sensor='s-1']"));
    }

    @Test
    @Order(2)
    void sendingAMessageShowsTheReply() {
        open();
        String reply = send("router", "{\"sensor\": \"browser-1\", \"value\": 42}", true);
        assertThat(reply).contains("router replied").contains("\"window-browser-1\"");
        waitFor(By.cssSelector("#actors tr[data-actor='window-browser-1']"));

        String stats = send("window-browser-1", "\"stats\"", true);
        assertThat(stats).contains("window-browser-1 replied").contains("\"count\": 1").contains("\"mean\": 42");

        // a value over the threshold: the window actor asks the Java "alerts" recipient, the alert shows up
        send("router", "{\"sensor\": \"browser-1\", \"value\": 123.4}", true);
        waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("alerts"), "browser-1 at 123.4"));
    }

    @Test
    @Order(3)
    void aLuaErrorShowsAnError() {
        open();
        String error = send("router", "\"oops\"", false);
        assertThat(error).contains("Error 422").contains("lua-error")
            .contains("router expects an event {sensor = <name>, value = <number>}, got a string")
            .contains("router.lua");
        waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#actors tr[data-actor='router'] td.error"), "router expects an event"));
        assertThat(processedText("router", "failed")).isGreaterThanOrEqualTo(1);

        String notJson = send("router", "{not json", false);
        assertThat(notJson).startsWith("Not valid JSON");
    }

    @Test
    @Order(4)
    void screenshotOfTheDashboard() throws IOException {
        open();
        send("window-s-1", "\"stats\"", true);
        // a few seconds of history in the chart and at least one alert make a useful picture
        waiting(Duration.ofSeconds(15))
            .until(d -> d.findElement(By.id("line-rate")).getDomAttribute("points").split(" ").length >= 12);
        waitFor(By.cssSelector("#alerts li"));
        Path shot = screenshot("dashboard");
        assertThat(shot).isNotEmptyFile();
        String copyTo = System.getProperty("dashboard.screenshot");
        if (copyTo != null && !copyTo.isBlank()) {
            Path target = Path.of(copyTo);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(actors.actors()).extracting(a -> a.name()).contains("router", "window-s-1");
    }

    @Test
    @Order(5)
    void sendingWithoutCredentialsIsRefused() {
        open();
        String refused = send("router", "\"sensors\"", false, "", "");
        assertThat(refused).contains("Error 401").contains("LUA_ADMIN");
        String wrong = send("router", "\"sensors\"", false, user, password + "-wrong");
        assertThat(wrong).contains("Error 401");
    }

    private void open() {
        driver.get("http://localhost:" + port + "/");
        waiting(Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                "actors"));
    }

    /** Sends through the page's form as the demo's admin; returns the text shown, as a reply or as an error. */
    private String send(String actor, String json, boolean expectOk) {
        return send(actor, json, expectOk, user, password);
    }

    private String send(String actor, String json, boolean expectOk, String name, String secret) {
        type(By.id("send-user"), name);
        type(By.id("send-password"), secret);
        waiting(Duration.ofSeconds(10)).until(d -> new Select(d.findElement(By.id("send-actor"))).getOptions()
            .stream().anyMatch(o -> actor.equals(o.getAttribute("value"))));
        new Select(driver.findElement(By.id("send-actor"))).selectByValue(actor);
        WebElement message = driver.findElement(By.id("send-message"));
        message.clear();
        message.sendKeys(json);
        WebElement result = driver.findElement(By.id("send-result"));
        String before = result.getText();
        ((org.openqa.selenium.JavascriptExecutor) driver)
            .executeScript("var r = document.getElementById('send-result'); r.textContent = ''; r.className = 'result';");
        driver.findElement(By.id("send-button")).click();
        String expected = expectOk ? "ok" : "error";
        waiting(Duration.ofSeconds(10)).until(d -> {
            WebElement r = d.findElement(By.id("send-result"));
            String css = r.getDomAttribute("class");
            return css != null && (css.contains(" ok") || css.contains(" error")) && !r.getText().isEmpty();
        });
        String css = result.getDomAttribute("class");
        assertThat(css).as("result of sending %s to %s (before: %s): %s", json, actor, before, result.getText())
            .contains(expected);
        return result.getText();
    }

    private void type(By field, String text) {
        WebElement input = driver.findElement(field);
        input.clear();
        if (!text.isEmpty()) {
            input.sendKeys(text);
        }
    }

    private long processed(String actor) {
        return processedText(actor, "processed");
    }

    private long processedText(String actor, String column) {
        for (int attempt = 0; ; attempt++) {
            try {
                return Long.parseLong(driver.findElement(
                        By.cssSelector("#actors tr[data-actor='" + actor + "'] td." + column)).getText());
            }
            catch (org.openqa.selenium.StaleElementReferenceException ex) {
                // the table is redrawn every second
                if (attempt > 5) {
                    throw ex;
                }
            }
        }
    }

    private WebElement waitFor(By locator) {
        return waiting(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    private WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.ignoring(NumberFormatException.class);
        return wait;
    }

    private Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.copy(file.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private void screenshotOnFailure(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && driver != null) {
            try {
                Path shot = screenshot("failed-" + context.getRequiredTestMethod().getName());
                System.err.println("Screenshot of the failed browser test: " + shot.toAbsolutePath());
            }
            catch (IOException | RuntimeException ex) {
                System.err.println("Could not take a screenshot: " + ex);
            }
        }
    }

}
