"""The player and the layout in the web client (issue 8 items 9, 13 and 17), at phone and desktop
sizes: sound toggle, paused sign, seeking, double tap to like, rendition choice, and action
buttons that are whole and reachable; For You with personalisation off brings videos back marked
(issue 10 item 9)."""

import json

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

COUNT_HEARTS = """
window.__hearts = 0;
new MutationObserver((changes) => { for (const change of changes) for (const node of change.addedNodes)
  if (node.classList?.contains('heart-burst')) window.__hearts += 1; }).observe(document.body, {childList: true, subtree: true});"""

RAIL_PROBLEMS = """
const feed = document.querySelector('.feed').getBoundingClientRect();
const slide = document.querySelector('.slide[data-active]');
const seek = slide.querySelector('.seek').getBoundingClientRect();
const media = slide.querySelector('video');
const mediaBox = media.getBoundingClientRect();
const scale = Math.min(mediaBox.width / media.videoWidth, mediaBox.height / media.videoHeight);
const inset = (mediaBox.width - media.videoWidth * scale) / 2;
const picture = {left: mediaBox.left + inset, right: mediaBox.right - inset};
const problems = [];
for (const button of slide.querySelectorAll('.rail button, .sound-toggle')) {
  const box = button.getBoundingClientRect();
  const name = button.getAttribute('aria-label');
  if (box.left < feed.left + 4 || box.right > feed.right - 4 || box.top < feed.top + 4 || box.bottom > feed.bottom - 4)
    problems.push(`${name} is on or over the edge: ${JSON.stringify(box)} in ${JSON.stringify(feed)}`);
  if (box.right > innerWidth - 8 || box.bottom > innerHeight - 24) problems.push(`${name} is on the window's edge`);
  for (const edge of [picture.left, picture.right]) {
    const icon = (button.querySelector('.rail-icon') ?? button).getBoundingClientRect();
    if (icon.left < edge - 1 && icon.right > edge + 1) problems.push(`${name} straddles the picture's edge at ${edge}`);
  }
  if (box.bottom > seek.top && box.top < seek.bottom && button.closest('.rail')) problems.push(`${name} overlaps the seek bar`);
  for (const part of button.querySelectorAll('.rail-count, .rail-icon')) {
    const inner = part.getBoundingClientRect();
    if (inner.left < feed.left || inner.right > feed.right) problems.push(`${name}: "${part.textContent}" is cut off`);
  }
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (!button.contains(hit)) problems.push(`${name} is covered by ${hit?.className}`);
}
return problems;"""

PICKS = """
const { pickRendition } = await import('/js/rendition.js');
const ladder = [
  {name: '1080p', width: 1080, height: 1920, bitrate: 6000000, url: '/r/1080p'},
  {name: '360p', width: 360, height: 640, bitrate: 800000, url: '/r/360p'},
  {name: '720p', width: 720, height: 1280, bitrate: 3000000, url: '/r/720p'},
  {name: '540p', width: 540, height: 960, bitrate: 1500000, url: '/r/540p'}];
const video = {mediaURL: '/m', renditions: ladder};
const phone = {width: 390, height: 792, pixelRatio: 2};
return {
  none: pickRendition({mediaURL: '/m'}, phone),
  empty: pickRendition({mediaURL: '/m', renditions: []}, phone),
  phoneFast: pickRendition(video, {...phone, bandwidth: 50e6}).name,
  phoneUnknown: pickRendition(video, {...phone, bandwidth: null}).name,
  phoneSlow: pickRendition(video, {...phone, bandwidth: 2e6}).name,
  phoneCrawl: pickRendition(video, {...phone, bandwidth: 0.3e6}).name,
  desktop: pickRendition(video, {width: 540, height: 748, pixelRatio: 1, bandwidth: 50e6}).name,
  desktopRetina: pickRendition(video, {width: 540, height: 748, pixelRatio: 2, bandwidth: 50e6}).name,
};"""


class PlayerFlows:
    """Mixed into the browser test class."""

    def share_session(self, driver):
        """Signs `driver` in as the phone's user (same token)."""
        session = self.driver.execute_script("return localStorage.getItem('reel.session')")
        self.open("/popular", driver)
        driver.execute_script("localStorage.setItem('reel.session', arguments[0])", session)

    def unliked_popular_video(self, driver, skip=()):
        """The ID of a Popular video the user has not liked (and is not theirs)."""
        page = self.server.request("GET", "/v1/feed?kind=popular&limit=30", token=self.token())
        for item in page["items"]:
            video = item["video"]
            if not video.get("likedByMe") and video["creator"]["handle"] != "cook_fan" and video["id"] not in skip:
                return video["id"]
        self.fail("no unliked Popular video")

    def check_player_controls(self, driver, video_id):
        wait = WebDriverWait(driver, 30)
        self.open(f"/v/{video_id}", driver)
        slide = self.css(f".slide[data-active][data-video-id='{video_id}']", driver=driver)
        video = slide.find_element("css selector", "video")
        wait.until(lambda d: d.execute_script("return arguments[0].currentTime", video) > 0.2)
        state = lambda: driver.execute_script("return {muted: arguments[0].muted, paused: arguments[0].paused}", video)
        sound = slide.find_element("css selector", ".sound-toggle")

        # Sound: "Tap to unmute", then a toggle that stays, so a phone can mute again.
        self.assertTrue(state()["muted"])
        slide.find_element("css selector", ".unmute").click()
        self.assertFalse(state()["muted"])
        self.assertTrue(sound.is_displayed())
        self.assertEqual(sound.get_attribute("aria-label"), "Mute")
        sound.click()
        self.assertTrue(state()["muted"])
        self.assertEqual(sound.get_attribute("aria-label"), "Unmute")
        sound.click()
        self.assertFalse(state()["muted"])

        # A single tap pauses, with a visible sign; another plays on.
        video.click()
        wait.until(lambda _: state()["paused"])
        self.assertIsNotNone(slide.get_attribute("data-paused"))
        self.assertTrue(slide.find_element("css selector", ".paused-sign").is_displayed())

        # The seek bar: a tap at three quarters of its width seeks there.
        seek = slide.find_element("css selector", ".seek")
        self.assertTrue(seek.is_displayed())
        ActionChains(driver).move_to_element_with_offset(seek, int(seek.size["width"] * 0.25), 0).click().perform()
        wait.until(lambda d: abs(d.execute_script("return arguments[0].currentTime / arguments[0].duration", video) - 0.75) < 0.1)
        video.click()
        wait.until(lambda _: not state()["paused"])
        self.assertIsNone(slide.get_attribute("data-paused"))
        self.assertFalse(slide.find_element("css selector", ".paused-sign").is_displayed())

        # A double tap likes, with a heart; it does not pause.
        driver.execute_script(COUNT_HEARTS)
        like = slide.find_element("css selector", "button.like")
        self.assertEqual(like.get_attribute("aria-pressed"), "false")
        ActionChains(driver).double_click(video).perform()
        wait.until(lambda _: like.get_attribute("aria-pressed") == "true")
        self.assertEqual(driver.execute_script("return window.__hearts"), 1)
        driver.execute_script("return new Promise(resolve => setTimeout(resolve, 500))")
        self.assertFalse(state()["paused"], "the first tap of a double tap must not pause")
        self.assertTrue(self.server.request("GET", f"/v1/videos/{video_id}", token=self.token())["likedByMe"])

    def check_layout(self, driver, name):
        self.open("/popular", driver)
        video = self.css(".slide[data-active] video", driver=driver)
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return arguments[0].videoWidth", video) > 0)
        problems = driver.execute_script(RAIL_PROBLEMS)
        self.screenshot(f"layout-{name}", driver)
        self.assertEqual(problems, [], name)

    def test_10d_player_controls_on_a_phone(self):
        self.check_player_controls(self.driver, self.unliked_popular_video(self.driver))
        self.screenshot("player-phone")
        self.assert_clean_console()

    def test_10e_player_controls_on_desktop(self):
        self.share_session(self.desktop)
        self.check_player_controls(self.desktop, self.unliked_popular_video(self.desktop))
        self.assert_clean_console(self.desktop)

    def test_10f_renditions_by_screen_and_bandwidth(self):
        """The pick: the smallest rendition that fills the screen at its pixel density, capped by
        bandwidth; no renditions → mediaURL. In the player, a video with renditions plays one."""
        self.open("/popular")
        picks = self.driver.execute_script(f"return (async () => {{ {PICKS} }})()")
        self.assertEqual(picks["none"], {"url": "/m", "name": None})
        self.assertEqual(picks["empty"], {"url": "/m", "name": None})
        self.assertEqual((picks["phoneFast"], picks["phoneUnknown"], picks["phoneSlow"], picks["phoneCrawl"]), ("720p", "720p", "540p", "360p"))
        self.assertEqual((picks["desktop"], picks["desktopRetina"]), ("540p", "1080p"))
        slide = self.css(".slide[data-active]")
        video = self.server.request("GET", f"/v1/videos/{slide.get_attribute('data-video-id')}")
        source = self.driver.execute_script("return arguments[0].querySelector('video').getAttribute('src')", slide)
        if video.get("renditions"):
            names = [rendition["name"] for rendition in video["renditions"]]
            self.assertIn(slide.get_attribute("data-rendition"), names)
            self.assertIn("rendition=" + slide.get_attribute("data-rendition"), source)
        else:
            self.assertTrue(source.startswith(video["mediaURL"]), (source, json.dumps(video)))
        self.assert_clean_console()

    def test_10g_action_buttons_are_whole_and_reachable(self):
        self.check_layout(self.driver, "phone")
        self.check_layout(self.desktop, "desktop")
        self.assert_clean_console()
        self.assert_clean_console(self.desktop)

    ACTIVE_INDEX = "return [...document.querySelectorAll('.slide')].indexOf(document.querySelector('.slide[data-active]'))"

    def test_10r_for_you_with_personalisation_off_brings_videos_back_marked(self):
        """Scrolled past every video, For You with personalisation off goes on with the earlier ones,
        each with a "Seen before" chip and a why sentence that claims no profiling. (Uses the safety
        flows' `sign_up`, `act_as` and browser.)"""
        viewer = self.sign_up("pl_rounds")
        self.server.request("PATCH", "/v1/me", token=viewer["token"], body={"isPersonalisedFeed": False})
        # The first round's length, read through the API: the items before the first one shown again.
        first_round, cursor = 0, None
        while True:
            page = self.server.request("GET", "/v1/feed?kind=foryou&limit=10" + (f"&cursor={cursor}" if cursor else ""),
                                       token=viewer["token"])
            self.assertTrue(page["items"] and page["nextCursor"], page)
            again = [item["source"] == "seen_before" for item in page["items"]]
            if any(again):
                first_round += again.index(True)
                break
            first_round += len(page["items"])
            cursor = page["nextCursor"]
        driver = self.safety_browser()
        self.act_as(driver, viewer)
        self.open("/foryou", driver)
        self.css(".slide[data-active]", driver=driver)
        body = driver.find_element(By.TAG_NAME, "body")
        for index in range(1, first_round + 1):
            body.send_keys("j")
            WebDriverWait(driver, 30).until(lambda d: d.execute_script(self.ACTIVE_INDEX) == index)
        slide = self.css(".slide[data-active]", driver=driver)
        self.assertEqual(slide.find_element(By.CSS_SELECTOR, ".chip.shown-again").text, "Seen before")
        earlier = driver.execute_script(f"return [...document.querySelectorAll('.slide')].slice(0, {first_round}).map(s => s.dataset.videoId)")
        self.assertIn(slide.get_attribute("data-video-id"), earlier, "a video of the first round, shown again")
        slide.find_element(By.CSS_SELECTOR, ".rail-button.why").click()
        self.assertEqual(self.css(".why-reason", driver=driver).text,
                         "Personalisation is off: shown again from earlier in this session, because you have scrolled through every popular video.")
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, ".why-settings"), "no offer to turn off what is off")
        self.screenshot("for-you-seen-before", driver)
        self.assert_clean_console(driver)
