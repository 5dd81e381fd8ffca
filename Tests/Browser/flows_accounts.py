"""Guests, one's own videos, comments and dead ends in the web client (issue 8 items 14, 15 and
17), at phone and desktop sizes."""

import json
import urllib.error

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import PASSWORD, tag_href


class AccountFlows:
    """Mixed into the browser test class."""

    def as_guest(self, driver):
        self.open("/popular", driver)
        driver.execute_script("localStorage.removeItem('reel.session'); sessionStorage.clear()")

    def guest_action_comes_back(self, driver, video_id, button, reason, applied, stays=True):
        """As a guest on `video_id`, taps `button`, sees `reason` on the sign-in page, signs in, and
        lands on the same video with `applied(slide)` true. A video that leaves the feed (`stays`
        false: "Not for me") hands the address on to the video shown instead."""
        self.as_guest(driver)
        self.open(f"/v/{video_id}", driver)
        self.css(f".slide[data-active][data-video-id='{video_id}'] {button}", driver=driver).click()
        self.wait_for_hash("#/login", driver)
        self.assertIn(reason, self.css(".sign-in-reason", driver=driver).text)
        self.sign_in("cook_fan", driver=driver)
        if stays:
            self.wait_for_hash(f"#/v/{video_id}", driver)
        WebDriverWait(driver, 30).until(lambda d: applied(d))
        if not stays:
            shown = self.css(".slide[data-active]", driver=driver).get_attribute("data-video-id")
            self.assertEqual(self.hash(driver), f"#/v/{shown}", "the address names the video shown, not the dismissed one")

    def check_gates(self, driver):
        """For You, Following and Settings tell a guest why to sign in, and come back afterwards."""
        self.as_guest(driver)
        for page in ("foryou", "following", "settings"):
            self.open(f"/{page}", driver)
            gate = self.css(f".guest-gate[data-gate='{page}']", driver=driver)
            reason = gate.find_element(By.CSS_SELECTOR, ".gate-reason").text
            self.assertTrue(reason.startswith("Sign in") or "Sign in" in reason, reason)
            self.assertTrue(reason.endswith("."), reason)
            self.assertEqual(self.hash(driver), f"#/{page}", "no silent bounce")
        gate.find_element(By.XPATH, ".//button[text()='Sign in']").click()
        self.wait_for_hash("#/login", driver)
        self.assertIn("settings", self.css(".sign-in-reason", driver=driver).text)
        self.sign_in("cook_fan", driver=driver)
        self.wait_for_hash("#/settings", driver)
        self.css("input[name=isPersonalisedFeed]", driver=driver)

    def test_10h_guests_sign_in_and_come_back_to_the_same_video(self):
        token = self.token()
        liked, followed, dismissed = None, None, None
        page = self.server.request("GET", "/v1/feed?kind=popular&limit=30", token=token)["items"]
        followed_handles = {"demo_eu_2", "cook_fan"}
        for item in page:
            video = item["video"]
            if liked is None and not video.get("likedByMe") and video["creator"]["handle"] != "cook_fan":
                liked = video["id"]
            elif followed is None and video["creator"]["handle"] not in followed_handles:
                followed = video
            elif dismissed is None and video["creator"]["handle"] != "cook_fan" and video["id"] != liked:
                dismissed = video["id"]
        self.guest_action_comes_back(self.driver, liked, "button.like", "like",
                                     lambda d: d.find_element(By.CSS_SELECTOR, f".slide[data-video-id='{liked}'] button.like").get_attribute("aria-pressed") == "true")
        self.assertTrue(self.server.request("GET", f"/v1/videos/{liked}", token=self.token())["likedByMe"])
        handle = followed["creator"]["handle"]
        self.guest_action_comes_back(self.driver, followed["id"], ".follow", "@" + handle,
                                     lambda d: d.find_element(By.CSS_SELECTOR, f".slide[data-video-id='{followed['id']}'] .follow").get_attribute("aria-pressed") == "true")
        self.assertTrue(self.server.request("GET", f"/v1/users/{handle}", token=self.token())["isFollowedByMe"])
        self.guest_action_comes_back(self.driver, dismissed, ".not-interested", "fewer videos like this",
                                     lambda d: d.find_elements(By.CSS_SELECTOR, ".slide[data-active]")
                                     and not d.find_elements(By.CSS_SELECTOR, f".slide[data-video-id='{dismissed}']"), stays=False)
        export = self.server.request("GET", "/v1/me/export", token=self.token())
        self.assertIn(dismissed, json.dumps(export["notInterested"]))
        self.check_gates(self.driver)
        self.assert_clean_console()

    def test_10i_guests_on_desktop(self):
        video_id = self.unliked_popular_video(self.desktop)
        self.guest_action_comes_back(self.desktop, video_id, "button.like", "like",
                                     lambda d: d.find_element(By.CSS_SELECTOR, f".slide[data-video-id='{video_id}'] button.like").get_attribute("aria-pressed") == "true")
        self.check_gates(self.desktop)
        self.assert_clean_console(self.desktop)

    def test_10j_own_videos_edit_delete_and_not_for_me(self):
        # Edit the caption and visibility of one's own video.
        self.open(f"/v/{self.uploaded_id}")
        slide = self.css(f".slide[data-active][data-video-id='{self.uploaded_id}']")
        self.assertEqual(slide.find_elements(By.CSS_SELECTOR, ".not-interested"), [], "no 'Not for me' on one's own video")
        slide.find_element(By.CSS_SELECTOR, "button.manage").click()
        box = self.css("dialog[open] textarea[name=caption]")
        self.assertEqual(box.get_attribute("value"), "My first clip #café")
        box.clear()
        box.send_keys("Edited on my phone #café")
        Select(self.css("dialog[open] select[name=visibility]")).select_by_value("followers")
        self.css("dialog[open] form[aria-label='Edit video'] button[type=submit]").click()
        self.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
        self.wait.until(lambda _: slide.find_element(By.CSS_SELECTOR, ".caption").text == "Edited on my phone #café")
        stored = self.server.request("GET", f"/v1/videos/{self.uploaded_id}", token=self.token())
        self.assertEqual((stored["caption"], stored["visibility"]), ("Edited on my phone #café", "followers"))

        # Delete one, after a confirmation.
        self.open(f"/v/{self.emoji_id}")
        self.css(f".slide[data-active][data-video-id='{self.emoji_id}'] button.manage").click()
        self.driver.execute_script("window.confirm = () => true")
        self.css("dialog[open] .delete-video").click()
        self.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, f".slide[data-video-id='{self.emoji_id}']"))
        with self.assertRaises(urllib.error.HTTPError) as gone:
            self.server.request("GET", f"/v1/videos/{self.emoji_id}", token=self.token())
        self.assertEqual(gone.exception.code, 404)

        # "Not for me" takes a video out of Popular at once, and for good.
        self.open("/popular")
        first = self.css(".slide[data-active]").get_attribute("data-video-id")
        self.css(".slide[data-active] .not-interested").click()
        self.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, f".slide[data-video-id='{first}']"))
        self.assertNotEqual(self.css(".slide[data-active]").get_attribute("data-video-id"), first)
        self.open("/popular")
        self.assertNotIn(first, self.feed_ids())
        self.assert_clean_console()

    def test_10k_own_video_on_desktop(self):
        self.share_session(self.desktop)
        self.open(f"/v/{self.unicode_id}", self.desktop)
        slide = self.css(f".slide[data-active][data-video-id='{self.unicode_id}']", driver=self.desktop)
        self.assertEqual(slide.find_elements(By.CSS_SELECTOR, ".not-interested"), [])
        slide.find_element(By.CSS_SELECTOR, "button.manage").click()
        self.css("dialog[open] form[aria-label='Edit video']", driver=self.desktop)
        self.assertTrue(self.css("dialog[open] .delete-video", driver=self.desktop).is_displayed())
        self.assert_clean_console(self.desktop)

    def test_10l_comments_post_on_enter_and_link_people_and_tags(self):
        self.open(f"/v/{self.uploaded_id}")
        self.css(f".slide[data-video-id='{self.uploaded_id}'] button.comments").click()
        box = self.css("dialog[open] textarea[name=body]")
        box.send_keys("Ask @demo_eu_2 about #cooking")
        ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
        box.send_keys("second line", Keys.ENTER)
        body = self.wait.until(lambda d: next((element for element in d.find_elements(By.CSS_SELECTOR, "dialog[open] .comment-body")
                                               if "second line" in element.text), None))
        self.assertEqual(body.get_attribute("textContent"), "Ask @demo_eu_2 about #cooking\nsecond line")
        self.assertEqual(self.raw_href(body.find_element(By.CSS_SELECTOR, "a.mention")), "#/u/demo_eu_2")
        self.assertEqual(self.raw_href(body.find_element(By.CSS_SELECTOR, "a.tag")), tag_href("cooking"))
        self.assertEqual(box.get_attribute("value"), "")
        comments = self.server.request("GET", f"/v1/videos/{self.uploaded_id}/comments", token=self.token())["items"]
        self.assertEqual(comments[0]["body"], "Ask @demo_eu_2 about #cooking\nsecond line")
        body.find_element(By.CSS_SELECTOR, "a.tag").click()
        self.wait_for_hash(tag_href("cooking"))
        self.css(".tile")
        self.assert_clean_console()

    def test_10p_deleting_from_a_profile_player_moves_the_address_on(self):
        """After deleting one's own video from #/u/<me>/watch/<id>, the address names the video now
        shown (or the profile when none is left), so a reload never points at the deleted one."""
        token = self.token()
        videos = self.server.request("GET", "/v1/users/cook_fan/videos?limit=50", token=token)["items"]
        others = [video["id"] for video in videos if video["id"] != self.unicode_id and video["status"] == "ready"]
        self.open(f"/u/cook_fan/watch/{self.unicode_id}")
        self.css(f".slide[data-active][data-video-id='{self.unicode_id}'] button.manage").click()
        self.driver.execute_script("window.confirm = () => true")
        self.css("dialog[open] .delete-video").click()
        self.wait.until(lambda d: not d.find_elements(By.CSS_SELECTOR, f".slide[data-video-id='{self.unicode_id}']"))
        self.assertTrue(others, "the user has another video to move on to")
        shown = self.css(".slide[data-active]").get_attribute("data-video-id")
        self.assertIn(shown, others)
        self.assertEqual(self.hash(), f"#/u/cook_fan/watch/{shown}")
        self.open(self.hash()[1:])
        self.css(f".slide[data-active][data-video-id='{shown}']")
        self.assert_clean_console()

    def check_dead_ends(self, driver):
        self.open("/v/zzzzzzzzzzzz", driver)
        page = self.css(".dead-end", driver=driver)
        self.assertEqual(page.find_element(By.TAG_NAME, "h1").text, "This video is not available")
        self.assertTrue(page.find_element(By.CSS_SELECTOR, "h1 + p").text.endswith("."))
        self.assertEqual(self.raw_href(page.find_element(By.XPATH, ".//a[text()='Home']")), "#/")
        page.find_element(By.XPATH, ".//a[text()='Watch Popular']").click()
        self.wait_for_hash("#/popular", driver)
        self.css(".slide[data-active]", driver=driver)
        self.open("/u/nobody_here_x", driver)
        page = self.css(".dead-end", driver=driver)
        self.assertEqual(page.find_element(By.TAG_NAME, "h1").text, "No such user")
        self.assertIn("@nobody_here_x", page.text)
        page.find_element(By.XPATH, ".//a[text()='Watch Popular']").click()
        self.wait_for_hash("#/popular", driver)
        # Server messages are shown as sentences, whatever their case.
        shown = driver.execute_script("return import('/js/api.js').then(api => [api.sentence('user not found'), new api.ApiError(404, 'x', 'Gone!').message])")
        self.assertEqual(shown, ["User not found.", "Gone!"])
        self.assert_clean_console(driver, expected=("/v1/videos/zzzzzzzzzzzz", "/v1/users/nobody_here_x"))

    def test_10q_one_email_in_two_regions_asks_which_region_at_sign_in(self):
        """Log-in by an email with accounts in two regions offers those regions (409 choose_region),
        then opens the account of the region picked (issue 12)."""
        for handle, country in (("twin_us", "US"), ("twin_eu", "DE")):
            self.server.request("POST", "/v1/accounts", body={"handle": handle, "email": "twin@example.com", "password": PASSWORD,
                                                               "country": country, "birthDate": "1990-01-01"})
        driver = self.driver
        self.as_guest(driver)
        self.open("/login", driver)
        self.sign_in("twin@example.com", driver=driver)
        choice = self.css(".region-choice", EC.visibility_of_element_located, driver=driver)
        options = choice.find_elements(By.CSS_SELECTOR, "input[name=region]")
        self.assertEqual(sorted(option.get_attribute("value") for option in options), ["eu", "us"])
        self.assertIn("several regions", self.css(".form-error", driver=driver).text)
        choice.find_element(By.CSS_SELECTOR, "input[value=eu]").click()
        self.css("form[aria-label='Sign in'] button[type=submit]", driver=driver).click()
        WebDriverWait(driver, 30).until(lambda d: d.execute_script(
            "return JSON.parse(localStorage.getItem('reel.session') || 'null')?.user?.region") == "eu")
        self.assert_clean_console(driver, expected=("/v1/sessions",))

    def test_10m_dead_ends_have_a_way_on(self):
        self.check_dead_ends(self.driver)
        self.check_dead_ends(self.desktop)
