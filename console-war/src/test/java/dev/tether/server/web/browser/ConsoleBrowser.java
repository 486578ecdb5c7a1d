package dev.tether.server.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium session on the console. Uses {@code /usr/bin/chromium} and {@code
 * /usr/bin/chromedriver} explicitly, so Selenium Manager never runs and nothing is fetched.
 */
public final class ConsoleBrowser implements AutoCloseable {
  /** Debian's browser and driver. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final String base;
  private final Path screenshots;

  private ConsoleBrowser(WebDriver driver, String base, Path screenshots) {
    this.driver = driver;
    this.base = base;
    this.screenshots = screenshots;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /** Why the browser cannot run here, or null when both binaries are present. */
  public static String missingPrerequisite() {
    for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(binary)) {
        return binary + " is missing (apt-get install -y chromium chromium-driver)";
      }
    }
    return null;
  }

  /**
   * Starts headless Chromium.
   *
   * @param base the console's URL, ending in {@code /console/}
   */
  public static ConsoleBrowser start(String base, Path screenshots) throws IOException {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Files.createDirectories(screenshots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1440,1000",
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-sync",
        "--disable-component-update",
        "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new ConsoleBrowser(driver, base, screenshots);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Loads {@code relative} (e.g. {@code login.html} or {@code index.html#/fleet}). */
  public void open(String relative) {
    driver.get(base + relative);
  }

  /**
   * Navigates within the single-page console and waits until the page rendered anew (the shown page
   * loses its marker first, so an earlier rendering never satisfies the wait).
   */
  public void page(String hash, String pageName) {
    ((JavascriptExecutor) driver)
        .executeScript(
            "document.querySelectorAll('[data-page]').forEach(e => e.removeAttribute('data-page'));"
                + " if (location.hash === arguments[0]) {"
                + " window.dispatchEvent(new HashChangeEvent('hashchange')); }"
                + " else { location.hash = arguments[0]; }",
            hash);
    waitFor("[data-page='" + pageName + "']");
  }

  public WebElement waitPresent(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  public WebElement waitFor(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  public void waitForText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  public void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
    wait.until(condition::apply);
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  public void type(String css, String text) {
    WebElement el = waitFor(css);
    el.clear();
    el.sendKeys(text);
  }

  public void choose(String css, String value) {
    new Select(waitFor(css)).selectByValue(value);
  }

  public String text(String css) {
    return waitFor(css).getText();
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Saves a PNG of the viewport (full page height) as {@code name.png}. */
  public Path screenshot(String name) {
    script("window.scrollTo(0, 0)");
    Number height =
        (Number) script("return Math.max(document.body.scrollHeight, window.innerHeight)");
    driver
        .manage()
        .window()
        .setSize(
            new org.openqa.selenium.Dimension(
                1440, Math.min(3000, Math.max(1000, height.intValue() + 40))));
    try {
      File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path target = screenshots.resolve(name + ".png");
      Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
    }
  }

  /** Browser console messages since the last call (CSP violations and script errors show here). */
  public List<String> consoleMessages() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .toList();
  }

  /** The values of this tab's sessionStorage. */
  @SuppressWarnings("unchecked")
  public Map<String, String> sessionStorage() {
    return (Map<String, String>)
        script(
            "const o = {}; for (let i = 0; i < sessionStorage.length; i++) {"
                + " const k = sessionStorage.key(i); o[k] = sessionStorage.getItem(k); } return o;");
  }

  @Override
  public void close() {
    driver.quit();
  }
}
