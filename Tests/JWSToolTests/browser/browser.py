"""A headless Chromium driven by Selenium, for jwstool's web UI tests: Debian's chromium and chromedriver, never a
downloaded browser. Each test script imports `Browser`, runs its steps and exits 0 only when every check held."""

import json
import pathlib
import sys
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait


class Browser:
    def __init__(self, base_url, screenshots, downloads=None):
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400",
                         "--disable-gpu", "--lang=en-US"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        if downloads is not None:
            pathlib.Path(downloads).mkdir(parents=True, exist_ok=True)
            options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
        self.driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(60)
        self.base = base_url.rstrip("/")
        self.screenshots = pathlib.Path(screenshots)
        self.screenshots.mkdir(parents=True, exist_ok=True)
        self.failures = []
        self.passed = 0

    def open(self, path):
        self.driver.get(self.base + path)

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def wait_for(self, selector, seconds=45):
        return WebDriverWait(self.driver, seconds).until(lambda driver: driver.find_element(By.CSS_SELECTOR, selector))

    def submit(self, selector, then, key=None):
        """Clicks (or sends `key` to) the control at `selector`, waits until the browser is on a new, loaded page — a
        mark set on the old page's window is gone — so nothing is read from the old page, then for `then`."""
        self.driver.execute_script("window.jwstoolOldPage = true;")
        control = self.find(selector)
        if key is None:
            control.click()
        else:
            control.send_keys(key)

        def navigated(driver):
            try:
                return driver.execute_script("return window.jwstoolOldPage === undefined && document.readyState === 'complete';")
            except WebDriverException:  # the old page is going away under the script
                return False

        WebDriverWait(self.driver, 45).until(navigated)
        return self.wait_for(then)

    def set_text(self, selector, text):
        """Types into a field as a person pasting would (the field emptied first)."""
        field = self.find(selector)
        field.clear()
        # send_keys types character by character; a long token is pasted through the clipboard-free DOM instead,
        # then one key is typed so the page sees input.
        self.driver.execute_script("arguments[0].value = arguments[1];", field, text[:-1])
        field.send_keys(text[-1:])

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
        else:
            self.failures.append(f"{name}: {detail}")

    def screenshot(self, name):
        height = self.driver.execute_script("return document.body.scrollHeight")
        self.driver.set_window_size(1280, max(900, min(int(height) + 40, 6000)))
        self.driver.save_screenshot(str(self.screenshots / f"{name}.png"))

    def policy_violations(self):
        return [entry["message"] for entry in self.driver.get_log("browser")
                if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]]

    def unlabelled_controls(self):
        return self.driver.execute_script(
            "return Array.from(document.querySelectorAll('input:not([type=hidden]), textarea, select, button'))"
            ".filter(c => c.tagName !== 'BUTTON' ? c.labels.length === 0 : !c.textContent.trim()).map(c => c.outerHTML)")

    def failed(self, error):
        """Records an exception that ended the steps early (the browser's or a check's)."""
        self.failures.append("stopped by " + "".join(traceback.format_exception(error)).strip())

    def finish(self):
        self.driver.quit()
        print(json.dumps({"passed": self.passed, "failures": self.failures}, indent=2))
        sys.exit(1 if self.failures else 0)
