"""Text in the web client (issue 8 items 2, 4 and 5): the caption counter, hashtags linked
exactly as the server returns them, and search; every limited text field counts grapheme clusters
and never cuts one in half; malformed addresses are not found."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import new_clip, tag_href

SET_CAPTION = """
const box = document.querySelector('textarea[name=caption]');
box.value = arguments[0];
box.dispatchEvent(new Event('input', {bubbles: true}));"""


class TextFlows:
    """Mixed into the browser test class; runs after the account exists and has uploaded."""

    emoji_id = None
    unicode_id = None

    def test_10a_caption_counter_counts_what_the_server_counts(self):
        """2,200 emoji (4,400 UTF-16 units) are accepted and stored; 2,201 are flagged and not sent."""
        self.open("/upload")
        box = self.css("textarea[name=caption]")
        self.assertIsNone(box.get_attribute("maxlength"), "a UTF-16 maxlength would stop at 1,100 emoji")
        counter = self.css(".caption-counter")
        self.driver.execute_script(SET_CAPTION, "😀" * 2201)
        self.assertTrue(counter.get_attribute("data-over") is not None, counter.text)
        self.assertEqual(box.get_attribute("aria-invalid"), "true")
        self.assertTrue(counter.text.startswith("2201 / 2200"), counter.text)
        self.css("input[type=file]").send_keys(new_clip())
        self.css("form[aria-label='Upload a video'] button[type=submit]").click()
        self.assertIn("at most 2200", self.css("form .form-error").text)
        self.assertFalse(self.css(".progress-box").is_displayed(), "an over-long caption is not uploaded")

        self.driver.execute_script(SET_CAPTION, "😀" * 2200)
        self.assertEqual(counter.text, "2200 / 2200")
        self.assertIsNone(counter.get_attribute("data-over"))
        self.assertIsNone(box.get_attribute("aria-invalid"))
        self.css("form[aria-label='Upload a video'] button[type=submit]").click()
        WebDriverWait(self.driver, 90).until(
            lambda driver: driver.find_element(By.CSS_SELECTOR, ".upload-status").get_attribute("data-status") in ("ready", "failed"))
        self.assertEqual(self.css(".upload-status").get_attribute("data-status"), "ready", self.css(".upload-status").text)
        watch = self.css(".upload-result a[href^='#/v/']")
        type(self).emoji_id = watch.get_attribute("href").rsplit("/", 1)[1]
        stored = self.server.request("GET", f"/v1/videos/{self.emoji_id}", token=self.token())
        self.assertEqual(stored["caption"], "😀" * 2200)
        self.assert_clean_console()

    def test_10b_hashtags_link_to_the_whole_tag(self):
        """Tags with combining marks (Devanagari) and a zero-width non-joiner (Persian) are linked
        whole, exactly as the server returned them, and their pages list the video."""
        token = self.token()
        hindi, persian = "नमस्ते", "نرم\u200cافزار"
        video = self.server.upload(token, new_clip(), f"Hello #{hindi} and #{persian}!")
        video = self.server.wait_until_ready(video["id"], token)
        self.assertEqual(video["status"], "ready")
        type(self).unicode_id = video["id"]
        tags = {tag["display"]: tag["key"] for tag in video["hashtags"]}
        self.assertEqual(set(tags), {hindi, persian}, video["hashtags"])

        self.open(f"/v/{video['id']}")
        caption = self.css(f".slide[data-video-id='{video['id']}'] .caption")
        links = [(link.text, self.raw_href(link)) for link in caption.find_elements(By.CSS_SELECTOR, "a.tag")]
        self.assertEqual(links, [("#" + hindi, tag_href(tags[hindi])), ("#" + persian, tag_href(tags[persian]))])
        self.assertEqual(caption.get_attribute("textContent"), f"Hello #{hindi} and #{persian}!")
        caption.find_element(By.CSS_SELECTOR, "a.tag").click()
        self.wait_for_hash(tag_href(tags[hindi]))
        self.css(f".tile[data-video-id='{video['id']}']")
        self.assertEqual(self.css(".tag-page h1").text, "#" + hindi)
        self.open(tag_href(tags[persian])[1:])
        self.css(f".tile[data-video-id='{video['id']}']")
        self.assert_clean_console()

    def search_for(self, text):
        box = self.css(".search-form input[name=q]")
        box.clear()
        box.send_keys(text, Keys.ENTER)

    def section(self, kind):
        return self.css(f".search-section[data-type='{kind}']")

    def test_10c_search_finds_accounts_hashtags_and_videos(self):
        self.open("/popular")
        self.css(".nav-search").click()
        self.wait_for_hash("#/search")
        self.search_for("first clip")
        self.wait_for_hash("#/search?q=first%20clip")
        tile = self.css(f".search-section[data-type='videos'] .tile[data-video-id='{self.uploaded_id}']")
        self.assertEqual(tile.find_element(By.CSS_SELECTOR, ".tile-caption").text, "My first clip #café")
        self.assertEqual(tile.find_element(By.CSS_SELECTOR, ".tile-creator").text, "@cook_fan")

        self.search_for("CAFÉ")
        tag = self.css(f".search-section[data-type='hashtags'] a[href='{tag_href('café')}']")
        self.assertIn("#café", tag.text)
        self.search_for("cook")
        self.css(".search-section[data-type='accounts'] a[href='#/u/cook_fan']")

        # Pages: 18 demo captions hold "the"; the first page shows 12, "Load more" the rest, no repeats.
        self.search_for("the")
        videos = self.section("videos")
        WebDriverWait(self.driver, 30).until(lambda _: len(videos.find_elements(By.CSS_SELECTOR, ".tile")) == 12)
        more = videos.find_element(By.CSS_SELECTOR, ".grid-wrap > .button")
        self.assertTrue(more.is_displayed())
        more.click()
        WebDriverWait(self.driver, 30).until(lambda _: len(videos.find_elements(By.CSS_SELECTOR, ".tile")) > 12)
        ids = [tile.get_attribute("data-video-id") for tile in videos.find_elements(By.CSS_SELECTOR, ".tile")]
        self.assertEqual(len(ids), len(set(ids)), "a search page repeated a video")
        self.assertGreaterEqual(len(ids), 18)
        self.screenshot("search")
        self.assert_clean_console()

    def insert_text(self, element, text):
        """Types `text` into `element` the way a keyboard or IME commits it (CDP Input.insertText),
        so the browser's own limits such as `maxlength` apply; send_keys cannot type emoji."""
        self.driver.execute_script("arguments[0].focus(); arguments[0].select()", element)
        self.driver.execute_cdp_cmd("Input.insertText", {"text": text})

    def counter_of(self, element):
        return element.find_element(By.XPATH, "following-sibling::small[contains(@class, 'char-counter')]")

    def test_10n_text_fields_count_graphemes(self):
        """Comments, display names, bios and search text are limited in grapheme clusters as the
        server counts them: 300 emoji are all kept and posted, 50 flags are never cut to half a flag,
        and text over the limit is flagged and not sent."""
        token = self.token()
        self.open(f"/v/{self.uploaded_id}")
        self.css(f".slide[data-video-id='{self.uploaded_id}'] button.comments").click()
        box = self.css("dialog[open] textarea[name=body]")
        self.assertIsNone(box.get_attribute("maxlength"), "a UTF-16 maxlength keeps 250 of 300 emoji")
        before = len(self.server.request("GET", f"/v1/videos/{self.uploaded_id}/comments?limit=50", token=token)["items"])
        self.insert_text(box, "😀" * 501)
        self.assertEqual(box.get_attribute("value"), "😀" * 501)
        self.assertTrue(self.counter_of(box).text.startswith("501 / 500"), self.counter_of(box).text)
        self.assertEqual(box.get_attribute("aria-invalid"), "true")
        box.send_keys(Keys.ENTER)
        self.css(".toast")
        self.insert_text(box, "😀" * 300)
        self.assertIsNone(box.get_attribute("aria-invalid"))
        box.send_keys(Keys.ENTER)
        self.wait.until(lambda d: any(body.text == "😀" * 300 for body in d.find_elements(By.CSS_SELECTOR, "dialog[open] .comment-body")))
        comments = self.server.request("GET", f"/v1/videos/{self.uploaded_id}/comments?limit=50", token=token)["items"]
        self.assertEqual(len(comments), before + 1, "the over-long comment was not sent")
        self.assertEqual(comments[0]["body"], "😀" * 300)

        self.open("/settings")
        name, bio = self.css("input[name=displayName]"), self.css("textarea[name=bio]")
        self.assertIsNone(name.get_attribute("maxlength"))
        self.assertIsNone(bio.get_attribute("maxlength"))
        self.insert_text(name, "🇫🇷" * 51)
        self.assertEqual(name.get_attribute("value"), "🇫🇷" * 51, "never half a flag")
        self.assertTrue(self.counter_of(name).text.startswith("51 / 50"), self.counter_of(name).text)
        self.css("form[aria-label='Profile'] button[type=submit]").click()
        self.css(".toast")
        self.assertEqual(self.server.request("GET", "/v1/me", token=token)["displayName"], "Cook Fan", "51 flags are not sent")
        self.insert_text(name, "🇫🇷" * 50)
        self.assertEqual(self.counter_of(name).text, "50 / 50")
        self.insert_text(bio, "😀" * 300)
        self.assertEqual(self.counter_of(bio).text, "300 / 300")
        self.css("form[aria-label='Profile'] button[type=submit]").click()
        self.wait.until(lambda _: self.server.request("GET", "/v1/me", token=token)["displayName"] == "🇫🇷" * 50)
        self.assertEqual(self.server.request("GET", "/v1/me", token=token)["bio"], "😀" * 300)
        self.server.request("PATCH", "/v1/me", token=token, body={"displayName": "Cook Fan", "bio": ""})

        self.open("/signup")
        name = self.css("input[name=displayName]")
        self.assertIsNone(name.get_attribute("maxlength"))
        self.insert_text(name, "🇫🇷" * 50)
        self.assertEqual(name.get_attribute("value"), "🇫🇷" * 50)
        self.assertEqual(self.counter_of(name).text, "50 / 50")

        self.open("/search")
        box = self.css(".search-form input[name=q]")
        self.assertIsNone(box.get_attribute("maxlength"))
        self.insert_text(box, "👍🏽" * 101)
        box.send_keys(Keys.ENTER)
        self.assertTrue(self.css(".search-page .char-counter").text.startswith("101 / 100"))
        self.assertEqual(self.hash(), "#/search", "an over-long search is not sent")
        self.insert_text(box, "👍🏽" * 100)
        self.assertEqual(box.get_attribute("value"), "👍🏽" * 100)
        box.send_keys(Keys.ENTER)
        self.wait.until(lambda d: d.execute_script("return location.hash").startswith("#/search?q="))
        self.wait.until(lambda d: "No videos match." in self.section("videos").text)
        self.assert_clean_console()

    def test_10o_malformed_addresses_are_not_found(self):
        """A route with malformed percent-encoding shows Page not found with a way back, and no error."""
        for route in ("/tag/%E0", "/tag/%E0/watch/abc", "/u/%E0", "/tag/%ZZ"):
            self.open(route)
            page = self.css(".dead-end")
            self.assertEqual(page.find_element(By.TAG_NAME, "h1").text, "Page not found", route)
        page.find_element(By.XPATH, ".//a[text()='Back to the feed']").click()
        self.wait_for_hash("#/")
        self.css(".slide[data-active]")
        self.assert_clean_console()
