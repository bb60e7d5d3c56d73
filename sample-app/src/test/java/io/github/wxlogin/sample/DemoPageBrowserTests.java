package io.github.wxlogin.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo page at {@code /}, clicked through in a real headless Chromium: the whole
 * mini-program flow against the app in demo mode (embedded WeChat simulator). Needs
 * Debian's {@code chromium} and {@code chromium-driver}; skipped without them, unless
 * {@code wx.requireExternalTools=true} (CI), which makes their absence a failure.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoPageBrowserTests {

	static final String INSTALL_MESSAGE = "install Debian's chromium and chromium-driver "
			+ "(apt-get install chromium chromium-driver) to run the demo page browser test";

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target");

	static Path profile;

	static WebDriver driver;

	@LocalServerPort
	int port;

	WebDriverWait wait;

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && Boolean.getBoolean("wx.requireExternalTools")) {
			fail(INSTALL_MESSAGE);
		}
		assumeTrue(installed, INSTALL_MESSAGE);
		// the system's driver and browser: Selenium Manager must not download anything
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		profile = Files.createTempDirectory("wx-login-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1600");
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, java.util.logging.Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (profile != null) {
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	@BeforeEach
	void openPage() {
		this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
		driver.get("http://127.0.0.1:" + this.port + "/");
		this.wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
	}

	@Test
	void wholeFlowWhenClickedThroughThenEveryStepShowsItsResponse() {
		try {
			// only the first step is possible at first
			assertThat(button("btn-code").isEnabled()).isTrue();
			for (String later : List.of("btn-login", "btn-me", "btn-refresh", "btn-phone", "btn-logout")) {
				assertThat(button(later).isEnabled()).as(later + " before login").isFalse();
			}
			assertThat(field("openid").getDomProperty("value")).startsWith("o-demo-");

			// 1. wx.login(): a code for the typed openid
			String openid = "o-demo-browser";
			field("openid").clear();
			field("openid").sendKeys(openid);
			act("btn-code");
			assertThat(text("code-result")).contains("200").contains("wx-demo-sample");
			assertThat(driver.findElement(By.id("code")).getDomAttribute("data-code")).isNotBlank();
			assertThat(button("btn-me").isEnabled()).isFalse();

			// 2. log in: tokens, and the access token's claims decoded
			act("btn-login");
			assertThat(text("login-result")).contains("200").contains(openid);
			assertThat(claim("sub")).isEqualTo(openid);
			assertThat(claim("iss")).isEqualTo("wx-login");
			assertThat(claim("aud")).isEqualTo("wx-demo-sample");
			assertThat(claim("scope")).contains("ROLE_USER");
			assertThat(claim("sid")).isNotBlank();
			assertThat(claim("exp")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}.*");
			String accessToken = driver.findElement(By.id("access-token")).getDomAttribute("data-token");
			assertThat(accessToken).startsWith("eyJ").contains(".");
			assertThat(text("access-token")).contains("…").hasSizeLessThan(accessToken.length());
			assertThat(logEntry("/wx/login").getText()).contains("200").containsIgnoringCase("cache-control: no-store");
			assertThat(text("status")).contains(openid);
			assertThat(button("btn-login").isEnabled()).as("a used code cannot log in again").isFalse();

			// 3. the API with the bearer token
			act("btn-me");
			assertThat(text("me-result")).contains("200").contains(openid).contains("ROLE_USER");

			// 4. refresh: a new refresh token
			String refreshToken = driver.findElement(By.id("refresh-token")).getDomAttribute("data-token");
			assertThat(refreshToken).isNotBlank();
			act("btn-refresh");
			assertThat(text("refresh-result")).contains("200");
			assertThat(text("refresh-changed")).contains("changed");
			assertThat(driver.findElement(By.id("refresh-token")).getDomAttribute("data-token")).isNotBlank()
				.isNotEqualTo(refreshToken);
			assertThat(claim("sub")).isEqualTo(openid);
			act("btn-me");
			assertThat(text("me-result")).as("the refreshed access token works").contains("200").contains(openid);

			// 5. phone number: the button's code traded at /wx/phone
			field("phone").clear();
			field("phone").sendKeys("13800138000");
			act("btn-phone");
			assertThat(logEntry("/wx/phone").getDomAttribute("data-status")).as(text("phone-result")).isEqualTo("200");
			assertThat(text("phone-result")).contains("13800138000");
			assertThat(driver.findElement(By.cssSelector("#phone-result [data-field='purePhoneNumber']")).getText())
				.isEqualTo("13800138000");

			// 6. log out, then the same access token is refused
			act("btn-logout");
			assertThat(text("logout-result")).contains("204");
			assertThat(button("btn-logout").isEnabled()).isFalse();
			assertThat(text("status")).contains("Logged out");
			act("btn-me");
			assertThat(text("me-result")).contains("401")
				.contains("invalid_token")
				.contains("application/problem+json");
			assertThat(logEntry("/api/me").getText()).contains("application/problem+json")
				.contains("Bearer error=\"invalid_token\"");

			assertNoScriptErrors();
		}
		finally {
			screenshotQuietly("demo-page.png");
		}
	}

	@Test
	void replayOfRotatedRefreshTokenWhenClickedThenLoginRevoked() {
		try {
			assertThat(button("btn-replay").isEnabled()).isFalse();
			act("btn-code");
			act("btn-login");
			act("btn-refresh");
			assertThat(text("refresh-changed")).contains("changed");

			act("btn-replay");
			assertThat(text("refresh-result")).contains("401").contains("invalid_token");
			assertThat(text("status")).contains("revoked");
			act("btn-me");
			assertThat(text("me-result")).as("theft detection revoked the whole login")
				.contains("401")
				.contains("invalid_token");

			assertNoScriptErrors();
		}
		finally {
			screenshotQuietly("demo-page-replay.png");
		}
	}

	/**
	 * Clicks a button once it is enabled, and waits for its requests to be answered.
	 */
	void act(String buttonId) {
		By entries = By.cssSelector("#log article.entry");
		int before = driver.findElements(entries).size();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id(buttonId))).click();
		this.wait.withMessage(() -> buttonId + " got no answer")
			.until((d) -> d.findElements(entries).size() > before
					&& "false".equals(d.findElement(By.tagName("body")).getDomAttribute("data-busy")));
	}

	WebElement button(String id) {
		return driver.findElement(By.id(id));
	}

	WebElement field(String id) {
		return driver.findElement(By.id(id));
	}

	String text(String id) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
	}

	String claim(String name) {
		return driver.findElement(By.cssSelector("#claims tr[data-claim='" + name + "'] td.value")).getText();
	}

	/**
	 * The newest log entry for a path.
	 */
	WebElement logEntry(String path) {
		return driver.findElement(By.cssSelector("#log article.entry[data-path='" + path + "']"));
	}

	/**
	 * No JavaScript error in the console; failed requests (the 401s the flow provokes)
	 * are logged by Chromium too, and are expected.
	 */
	void assertNoScriptErrors() {
		List<String> errors = driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> !message.contains("Failed to load resource"))
			.toList();
		assertThat(errors).as("JavaScript errors").isEmpty();
		assertThat(text("status")).doesNotContain("page error");
	}

	static void screenshot(String name) throws IOException {
		if (driver == null) {
			return;
		}
		// grow the window to the whole page, so the screenshot shows every step
		Object height = ((JavascriptExecutor) driver)
			.executeScript("window.scrollTo(0, 0); return Math.ceil(document.documentElement.scrollHeight)");
		if (height instanceof Number number && number.intValue() > 1600) {
			driver.manage().window().setSize(new Dimension(1280, Math.min(number.intValue() + 140, 4000)));
		}
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		driver.manage().window().setSize(new Dimension(1280, 1600));
	}

	/**
	 * A screenshot whatever happened, without hiding a test failure behind a screenshot
	 * failure.
	 */
	static void screenshotQuietly(String name) {
		try {
			screenshot(name);
		}
		catch (IOException | WebDriverException ex) {
			System.err.println("No screenshot " + name + ": " + ex);
		}
	}

}
