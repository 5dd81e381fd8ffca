"""What every browser test uses: Chromium drivers at phone and desktop sizes, ffmpeg clips, and a
mixin of page helpers (open a route, wait for elements, check the console)."""

import json
import os
import subprocess
import tempfile
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ARTIFACTS = os.environ.get("REEL_BROWSER_ARTIFACTS", os.path.join(tempfile.gettempdir(), "reel-browser-artifacts"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "correct horse battery"


def make_driver(width, height, mobile):
    """Headless Debian Chromium; `mobile` emulates a touch phone at device pixel ratio 2."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--mute-audio", f"--window-size={width},{height}"):
        options.add_argument(argument)
    if mobile:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2.0, "touch": True}})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(30)
    return driver


def make_clip(path, seconds=2):
    """A real H.264/AAC vertical clip made by ffmpeg."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size=360x640:rate=30:duration={seconds}",
                    "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-shortest", path], check=True)
    return path


def new_clip(seconds=2):
    """A fresh clip in a new temporary directory; returns its path."""
    return make_clip(os.path.join(tempfile.mkdtemp(), "clip.mp4"), seconds)


def tag_keys(video):
    """The keys of a VideoView's hashtags (`[{display, key}]`; an older server's plain strings too)."""
    return [tag["key"] if isinstance(tag, dict) else tag for tag in video["hashtags"]]


def tag_href(key):
    """The client's route of a tag page, as JavaScript's encodeURIComponent spells it."""
    return "#/tag/" + urllib.parse.quote(key, safe="-_.!~*'()")


class BrowserHelpers:
    """Page helpers over `self.driver`, `self.wait` and `self.server` (set up by the test class)."""

    loads = 0

    def open(self, route, driver=None):
        """Loads the app afresh (a new query string forces a real page load) at `route`."""
        driver = driver or self.driver
        type(self).loads += 1
        driver.get(f"{self.server.url}/?load={self.loads}#{route}")
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def css(self, selector, condition=EC.presence_of_element_located, driver=None):
        return WebDriverWait(driver or self.driver, 30).until(condition((By.CSS_SELECTOR, selector)))

    def hash(self, driver=None):
        return (driver or self.driver).execute_script("return location.hash")

    def wait_for_hash(self, expected, driver=None):
        WebDriverWait(driver or self.driver, 30).until(lambda d: d.execute_script("return location.hash") == expected)

    def screenshot(self, name, driver=None):
        (driver or self.driver).save_screenshot(os.path.join(ARTIFACTS, f"{name}.png"))

    def console_errors(self, driver=None):
        """The SEVERE console entries since the last call (all entries are appended to console.log)."""
        entries = (driver or self.driver).get_log("browser")
        with open(os.path.join(ARTIFACTS, "console.log"), "a") as log:
            for entry in entries:
                log.write(json.dumps(entry) + "\n")
        return [entry["message"] for entry in entries if entry["level"] == "SEVERE"]

    def assert_clean_console(self, driver=None, expected=()):
        """No error was logged by the page (script errors, failed requests, media errors) since the
        last check, except failed requests whose message contains one of `expected`."""
        errors = [message for message in self.console_errors(driver) if not any(part in message for part in expected)]
        self.assertEqual(errors, [], "console errors")

    def token(self, driver=None):
        return (driver or self.driver).execute_script("return JSON.parse(localStorage.getItem('reel.session')).token")

    def active_video(self, driver=None):
        return self.css(".slide[data-active] video", driver=driver)

    def feed_ids(self, driver=None):
        self.css(".slide[data-active]", driver=driver)
        return (driver or self.driver).execute_script("return [...document.querySelectorAll('.slide')].map(slide => slide.dataset.videoId)")

    @staticmethod
    def raw_href(element):
        """An element's `href` attribute as written (the route, not the resolved URL)."""
        return element.parent.execute_script("return arguments[0].getAttribute('href')", element)

    def sign_in(self, identifier, password=PASSWORD, driver=None):
        """Fills in and submits the sign-in form already on screen."""
        self.css("input[name=identifier]", driver=driver).send_keys(identifier)
        self.css("input[name=password]", driver=driver).send_keys(password)
        self.css("form[aria-label='Sign in'] button[type=submit]", driver=driver).click()
