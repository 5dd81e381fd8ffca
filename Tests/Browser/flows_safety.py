"""Trust and safety in the web client (issue 13 item 9): reports on videos, comments and accounts,
the moderator console, the unverified banner and the question before sharing, follow requests,
blocks and mutes, and statements of reasons with appeals.

These tests make their own users (EU region), video and staff sign-ins, in a browser of their own,
so they also run alone: `Tests/Browser/run.sh .build/debug/reel -k safety`."""

import json
import urllib.error

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser_support import DESKTOP, PASSWORD, make_driver, new_clip


class SafetyFlows:
    """Mixed into the ordered web client tests."""

    safety = None
    safety_driver = None

    # Fixtures

    def safety_browser(self):
        """A desktop browser for these tests only (the others' signed-in sessions stay as they are);
        its console log starts empty for each test."""
        if type(self).safety_driver is None:
            type(self).safety_driver = make_driver(DESKTOP["width"], DESKTOP["height"], mobile=False)
            type(self).addClassCleanup(type(self).safety_driver.quit)
        self.console_errors(type(self).safety_driver)
        return type(self).safety_driver

    def sign_up(self, handle, country="DE"):
        """A new account made through the API: `{token, user}`."""
        return self.server.request("POST", "/v1/accounts", body={
            "handle": handle, "displayName": handle.replace("_", " ").title(), "email": f"{handle}@example.com",
            "password": PASSWORD, "country": country, "birthDate": "1990-01-01"})

    def act_as(self, driver, account):
        """Signs `driver` in as `account` (`{token, user}`, or None for a guest)."""
        self.open("/login", driver)
        if account:
            driver.execute_script("localStorage.setItem('reel.session', arguments[0])", json.dumps(account))
        else:
            driver.execute_script("localStorage.removeItem('reel.session'); sessionStorage.clear()")

    def safety_world(self):
        """Made once: an EU creator with a ready public video and a comment on it, and an EU reporter."""
        if type(self).safety is None:
            creator = self.sign_up("sf_creator")
            reporter = self.sign_up("sf_reporter")
            video = self.server.upload(creator["token"], new_clip(), "A miracle cure, trust me #health")
            video = self.server.wait_until_ready(video["id"], creator["token"])
            self.assertEqual(video["status"], "ready")
            comment = self.server.request("POST", f"/v1/videos/{video['id']}/comments", token=creator["token"],
                                          body={"body": "Buy the cure at my shop"})
            type(self).safety = {"creator": creator, "reporter": reporter, "video": video, "comment": comment}
        return type(self).safety

    def reported_case(self):
        """The case of the reporter's report of the world's video (reported through the API unless
        the report flow already did)."""
        world = self.safety_world()
        report = self.server.request("POST", "/v1/reports", token=world["reporter"]["token"], body={
            "targetType": "video", "targetID": world["video"]["id"], "category": "misinformation",
            "explanation": "It claims a cure that does not exist.", "goodFaith": True})
        return report["caseID"]

    def labelled_video(self):
        """The world's video, labelled unverified by browser_mod_eu (through the API unless the
        console test already did)."""
        world = self.safety_world()
        video = self.server.request("GET", f"/v1/videos/{world['video']['id']}", token=world["reporter"]["token"])
        if "unverified" not in (video.get("labels") or []):
            case_id = self.reported_case()
            token = self.server.staff_token("browser_mod_eu")
            rule = self.misinformation_rule()["id"]
            self.server.request("POST", f"/v1/moderation/cases/{case_id}/actions", token=token, body={
                "action": "label_unverified", "ruleID": rule, "facts": "The cure it claims is not backed by any source.",
                "territorialScope": ["worldwide"]})
        return world["video"]["id"]

    def misinformation_rule(self):
        """The EU guidelines' misinformation rule (or their first rule, should they have none)."""
        rules = self.server.request("GET", "/v1/guidelines?region=eu")["rules"]
        return next((rule for rule in rules if "misinfo" in rule["id"]), rules[0])

    def staff_sign_in(self, driver, handle):
        """Signs into the moderator console as `handle` through its form."""
        self.open("/moderation", driver)
        driver.execute_script("sessionStorage.removeItem('reel.staff')")
        self.open("/moderation", driver)
        member = self.server.staff[handle]
        Select(self.css("form[aria-label='Staff sign-in'] select[name=region]", driver=driver)).select_by_value(member["region"])
        self.css("form[aria-label='Staff sign-in'] input[name=handle]", driver=driver).send_keys(handle)
        self.css("form[aria-label='Staff sign-in'] input[name=password]", driver=driver).send_keys(self.server.staff_password)
        self.css("form[aria-label='Staff sign-in'] input[name=code]", driver=driver).send_keys(self.server.staff_code(handle))
        self.css("form[aria-label='Staff sign-in'] button[type=submit]", driver=driver).click()
        WebDriverWait(driver, 30).until(lambda d: handle in d.find_element(By.CSS_SELECTOR, ".staff-identity").text)

    def report_through_sheet(self, driver, category, explanation):
        """Fills in the open report sheet: refuses without good faith, then sends; returns the report ID."""
        form = self.css("dialog[open].report-dialog form", driver=driver)
        form.find_element(By.CSS_SELECTOR, f"input[name=category][value='{category}']").click()
        form.find_element(By.CSS_SELECTOR, "textarea[name=explanation]").send_keys(explanation)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda _: "good faith" in form.find_element(By.CSS_SELECTOR, ".form-error").text)
        form.find_element(By.CSS_SELECTOR, "input[name=goodFaith]").click()
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        thanks = self.css("dialog[open] .report-thanks", driver=driver)
        self.assertIn("Your report was received", thanks.text)
        report_id = thanks.get_attribute("data-report-id")
        thanks.find_element(By.XPATH, ".//button[text()='Done']").click()
        return report_id

    # Tests

    def test_10u_safety_report_a_video_a_comment_and_an_account(self):
        world = self.safety_world()
        driver = self.safety_browser()
        video_id, comment_id = world["video"]["id"], world["comment"]["id"]
        categories = self.server.request("GET", "/v1/guidelines?region=eu")["reportCategories"]

        # A video, from the player's Report button: the reasons are the guidelines' categories.
        self.act_as(driver, world["reporter"])
        self.open(f"/v/{video_id}", driver)
        self.css(f".slide[data-active][data-video-id='{video_id}'] button.report", driver=driver).click()
        self.css("dialog[open].report-dialog form", driver=driver)
        offered = [radio.get_attribute("value") for radio in driver.find_elements(By.CSS_SELECTOR, "dialog[open] input[name=category]")]
        self.assertEqual(offered, [category["id"] for category in categories])
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "dialog[open] input[name=category]:disabled"), "signed in: every reason")
        video_report = self.report_through_sheet(driver, "misinformation", "It claims a cure that does not exist.")

        # A comment, from the comment sheet.
        self.css(f".slide[data-active][data-video-id='{video_id}'] button.comments", driver=driver).click()
        self.css(f"dialog[open] .comment[data-comment-id='{comment_id}'] .report-comment", driver=driver).click()
        comment_report = self.report_through_sheet(driver, "spam", "Advertises a shop.")

        # An account, from the profile.
        self.open("/u/sf_creator", driver)
        self.css(".report-account", driver=driver).click()
        account_report = self.report_through_sheet(driver, "harassment", "Posts insults under my videos.")

        reports = {report["id"]: report for report in self.server.request("GET", "/v1/me/reports", token=world["reporter"]["token"])["items"]}
        self.assertEqual((reports[video_report]["targetType"], reports[video_report]["targetID"], reports[video_report]["category"]),
                         ("video", video_id, "misinformation"))
        self.assertEqual(reports[video_report]["explanation"], "It claims a cure that does not exist.")
        self.assertEqual((reports[comment_report]["targetType"], reports[comment_report]["targetID"]), ("comment", comment_id))
        self.assertEqual((reports[account_report]["targetType"], reports[account_report]["targetID"]), ("account", world["creator"]["user"]["id"]))

        # Settings → My reports shows each with its status.
        self.open("/settings", driver)
        for report_id in (video_report, comment_report, account_report):
            row = self.css(f".my-report[data-report-id='{report_id}']", driver=driver)
            self.assertIn("Status: Under review", row.text)
        self.screenshot("safety-my-reports", driver)

        # A guest may report only in the categories that allow anonymous reports.
        self.act_as(driver, None)
        self.open(f"/v/{video_id}", driver)
        self.css(f".slide[data-active][data-video-id='{video_id}'] button.report", driver=driver).click()
        self.css("dialog[open].report-dialog form", driver=driver)
        disabled = {radio.get_attribute("value") for radio in driver.find_elements(By.CSS_SELECTOR, "dialog[open] input[name=category]:disabled")}
        self.assertEqual(disabled, {category["id"] for category in categories if not category["anonymousAllowed"]})
        anonymous = next(category["id"] for category in categories if category["anonymousAllowed"])
        self.screenshot("safety-report-guest", driver)
        self.report_through_sheet(driver, anonymous, "Reported without an account.")
        self.assert_clean_console(driver)

    def test_10v_safety_moderator_console_acts_on_a_case(self):
        world = self.safety_world()
        driver = self.safety_browser()
        case_id = self.reported_case()

        # A wrong code is refused with a sentence; the right one signs in.
        self.open("/moderation", driver)
        driver.execute_script("sessionStorage.removeItem('reel.staff')")
        self.open("/moderation", driver)
        self.css("form[aria-label='Staff sign-in'] input[name=handle]", driver=driver).send_keys("browser_mod_eu")
        Select(self.css("select[name=region]", driver=driver)).select_by_value("eu")
        self.css("input[name=password]", driver=driver).send_keys("not the password")
        self.css("input[name=code]", driver=driver).send_keys("000000")
        self.css("form[aria-label='Staff sign-in'] button[type=submit]", driver=driver).click()
        error = WebDriverWait(driver, 30).until(lambda d: d.find_element(By.CSS_SELECTOR, "form[aria-label='Staff sign-in'] .form-error").text)
        self.assertTrue(error[0].isupper() and error.endswith("."), error)
        self.console_errors(driver)  # the refused sign-in is an expected 401
        self.staff_sign_in(driver, "browser_mod_eu")

        # The queue lists the case; the case view plays the video through the staff media route.
        self.css(f".case-row[data-case-id='{case_id}'] a", driver=driver).click()
        self.wait_for_hash(f"#/moderation/cases/{case_id}", driver)
        media = self.css(".case-media", driver=driver)
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return arguments[0].videoWidth", media) > 0)
        self.assertIn("misinformation", self.css(".case-reports", driver=driver).text)

        # The action form offers the actions that apply to a video and the rules of the EU guidelines.
        actions = [option.get_attribute("value") for option in self.css("select[name=action]", driver=driver).find_elements(By.TAG_NAME, "option")]
        self.assertEqual(actions, ["remove", "restrict_adults", "label_unverified", "demote", "dismiss"])
        rules = self.server.request("GET", "/v1/guidelines?region=eu")["rules"]
        rule_select = self.css("select[name=ruleID]", driver=driver)
        WebDriverWait(driver, 30).until(lambda _: len(rule_select.find_elements(By.TAG_NAME, "option")) == len(rules) + 1)
        Select(self.css("select[name=action]", driver=driver)).select_by_value("label_unverified")
        rule = self.misinformation_rule()
        Select(rule_select).select_by_value(rule["id"])
        self.css("textarea[name=facts]", driver=driver).send_keys("The cure it claims is not backed by any source.")
        self.screenshot("safety-console-case", driver)
        self.css("form[aria-label='Take action'] button[type=submit]", driver=driver).click()
        entry = self.css(".case-history .case-action[data-action='label_unverified']", driver=driver)
        self.assertIn(rule["id"], entry.text)
        video = self.server.request("GET", f"/v1/videos/{world['video']['id']}", token=world["reporter"]["token"])
        self.assertEqual(video.get("labels"), ["unverified"])

        # A US moderator does not see the EU case.
        self.staff_sign_in(driver, "browser_mod_us")
        self.open(f"/moderation/cases/{case_id}", driver)
        self.assertIn("no such case in your region", self.css(".moderation-case .form-error", driver=driver).text)
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, ".case-media"))
        self.assert_clean_console(driver, expected=(f"/v1/moderation/cases/{case_id}",))

    def test_10w_safety_unverified_banner_and_share_confirmation(self):
        world = self.safety_world()
        driver = self.safety_browser()
        video_id = self.labelled_video()
        viewer = self.sign_up("sf_viewer")
        self.act_as(driver, viewer)
        shares = lambda: self.server.request("GET", f"/v1/videos/{video_id}")["shareCount"]
        before = shares()

        self.open(f"/v/{video_id}", driver)
        slide = self.css(f".slide[data-active][data-video-id='{video_id}']", driver=driver)
        banner = slide.find_element(By.CSS_SELECTOR, ".unverified-banner")
        self.assertTrue(banner.is_displayed())
        self.assertIn("Unverified", banner.text)
        self.screenshot("safety-unverified-banner", driver)

        # Share asks first; Cancel shares nothing.
        slide.find_element(By.CSS_SELECTOR, "button.share").click()
        dialog = self.css("dialog[open].share-confirm", driver=driver)
        self.assertIn("unverified", dialog.text)
        dialog.find_element(By.XPATH, ".//button[text()='Cancel']").click()
        WebDriverWait(driver, 30).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "dialog[open].share-confirm"))
        self.assertEqual(shares(), before)
        # "Share anyway" shares.
        slide.find_element(By.CSS_SELECTOR, "button.share").click()
        self.css("dialog[open].share-confirm .share-anyway", driver=driver).click()
        WebDriverWait(driver, 30, poll_frequency=0.5).until(lambda _: shares() == before + 1)

        # A video without the label has no banner and shares without asking.
        other = next(item["video"] for item in self.server.request("GET", "/v1/feed?kind=popular&limit=10")["items"]
                     if item["video"]["id"] != video_id)
        self.open(f"/v/{other['id']}", driver)
        slide = self.css(f".slide[data-active][data-video-id='{other['id']}']", driver=driver)
        self.assertFalse(slide.find_elements(By.CSS_SELECTOR, ".unverified-banner"))
        slide.find_element(By.CSS_SELECTOR, "button.share").click()
        WebDriverWait(driver, 30, poll_frequency=0.5).until(
            lambda _: self.server.request("GET", f"/v1/videos/{other['id']}")["shareCount"] == other["shareCount"] + 1)
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, "dialog[open].share-confirm"))
        self.assert_clean_console(driver)

    def test_10x_safety_follow_requests_are_approved_or_declined(self):
        driver = self.safety_browser()
        owner = self.sign_up("sf_private")
        self.server.request("PATCH", "/v1/me", token=owner["token"], body={"isPrivate": True})
        follower, other = self.sign_up("sf_follower"), self.sign_up("sf_hopeful")

        # Following a private account is a request: the button says so.
        self.act_as(driver, follower)
        self.open("/u/sf_private", driver)
        button = self.css(".follow-button", driver=driver)
        self.assertEqual(button.text, "Follow")
        button.click()
        WebDriverWait(driver, 30).until(lambda _: button.get_attribute("data-follow-state") == "requested")
        self.assertEqual((button.text, button.get_attribute("aria-pressed")), ("Requested", "true"))
        self.open("/u/sf_private", driver)
        self.assertEqual(self.css(".follow-button", driver=driver).text, "Requested", "the state survives a reload")
        self.server.request("PUT", "/v1/users/sf_private/follow", token=other["token"])

        # The owner's inbox: approve one, decline the other.
        self.act_as(driver, owner)
        self.open("/settings", driver)
        self.css(".follow-request[data-handle='sf_follower'] button.approve", driver=driver).click()
        decline = self.css(".follow-request[data-handle='sf_hopeful'] button.decline", driver=driver)
        self.screenshot("safety-follow-requests", driver)
        decline.click()
        WebDriverWait(driver, 30).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".follow-request"))
        state = lambda account: self.server.request("GET", "/v1/users/sf_private", token=account["token"])["followState"]
        self.assertEqual(state(follower), "following")
        self.assertEqual(state(other), "none")
        self.assertEqual(self.server.request("GET", "/v1/me/follow-requests", token=owner["token"])["items"], [])

        self.act_as(driver, follower)
        self.open("/u/sf_private", driver)
        self.assertEqual(self.css(".follow-button", driver=driver).text, "Following")
        self.assert_clean_console(driver)

    def test_10y_safety_block_and_mute_from_a_profile(self):
        driver = self.safety_browser()
        blocker, blocked = self.sign_up("sf_blocker"), self.sign_up("sf_pest")
        self.act_as(driver, blocker)
        self.open("/u/sf_pest", driver)
        profile = lambda account, handle: self.server.request("GET", f"/v1/users/{handle}", token=account["token"])

        mute = self.css(".mute-button", driver=driver)
        mute.click()
        WebDriverWait(driver, 30).until(lambda _: mute.get_attribute("aria-pressed") == "true")
        self.assertEqual(mute.text, "Unmute")
        self.assertTrue(profile(blocker, "sf_pest")["isMutedByMe"])

        driver.execute_script("window.confirm = () => true")
        block = self.css(".block-button", driver=driver)
        block.click()
        WebDriverWait(driver, 30).until(lambda _: block.get_attribute("aria-pressed") == "true")
        self.assertEqual(block.text, "Unblock")
        self.assertIn("You blocked @sf_pest", self.css(".blocked-note", driver=driver).text)
        blocks = self.server.request("GET", "/v1/me/blocks", token=blocker["token"])["items"]
        self.assertEqual([item["user"]["handle"] for item in blocks], ["sf_pest"])
        self.assertTrue(profile(blocker, "sf_pest")["isBlockedByMe"])
        with self.assertRaises(urllib.error.HTTPError) as refused:
            profile(blocked, "sf_blocker")
        self.assertEqual(refused.exception.code, 404, "the blocked account no longer finds the blocker")
        # After a reload the blocker still sees the header only, with the way to undo it.
        self.open("/u/sf_pest", driver)
        self.assertIn("You blocked @sf_pest", self.css(".blocked-note", driver=driver).text)
        self.assertEqual(self.css(".block-button", driver=driver).text, "Unblock")
        self.assertFalse(driver.find_elements(By.CSS_SELECTOR, ".profile .grid"), "no videos of a blocked account")

        # Settings lists blocked and muted accounts, each undone there.
        self.open("/settings", driver)
        self.css(".blocked-accounts [data-handle='sf_pest'] button", driver=driver).click()
        self.css(".muted-accounts [data-handle='sf_pest'] button", driver=driver).click()
        WebDriverWait(driver, 30).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-handle='sf_pest']"))
        after = profile(blocker, "sf_pest")
        self.assertEqual((after["isBlockedByMe"], after["isMutedByMe"]), (False, False))
        self.assertEqual(profile(blocked, "sf_blocker")["handle"], "sf_blocker")
        self.assert_clean_console(driver)

    def test_10z_safety_statement_appeal_and_decision(self):
        world = self.safety_world()
        driver = self.safety_browser()
        video_id = self.labelled_video()
        creator = world["creator"]

        # The creator sees the statement of reasons with every field, and appeals it.
        self.act_as(driver, creator)
        self.open("/settings", driver)
        statement = self.css(".statement[data-status='active']", driver=driver)
        statement_id = statement.get_attribute("data-statement-id")
        for words in ("labelled unverified", "Facts", "not backed by any source", "Rule", "Detected automatically",
                      "Decided automatically", "How to appeal"):
            self.assertIn(words, statement.text)
        statement.find_element(By.CSS_SELECTOR, ".appeal-button").click()
        self.css("dialog[open] form[aria-label='Appeal'] textarea[name=explanation]", driver=driver).send_keys(
            "The video cites its sources in the description.")
        self.css("dialog[open] form[aria-label='Appeal'] button[type=submit]", driver=driver).click()
        WebDriverWait(driver, 30).until(lambda _: "You appealed" in statement.text)
        appeal = self.server.request("GET", "/v1/me/appeals", token=creator["token"])["items"][0]
        self.assertEqual((appeal["statementID"], appeal["status"]), (statement_id, "pending"))
        self.open("/settings", driver)
        self.assertIn("Pending", self.css(f".my-appeal[data-appeal-id='{appeal['id']}']", driver=driver).text)

        # The moderator who took the action may not decide the appeal; another one upholds it.
        self.staff_sign_in(driver, "browser_mod_eu")
        self.open("/moderation/appeals", driver)
        row = self.css(f".appeal-row[data-appeal-id='{appeal['id']}']", driver=driver)
        row.find_element(By.CSS_SELECTOR, "input[value=uphold]").click()
        row.find_element(By.CSS_SELECTOR, "textarea[name=explanation]").send_keys("The sources check out.")
        row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda _: row.find_element(By.CSS_SELECTOR, ".form-error").text)
        self.console_errors(driver)  # the refusal (403 same_moderator) is expected
        self.staff_sign_in(driver, "browser_mod2_eu")
        self.open("/moderation/appeals", driver)
        row = self.css(f".appeal-row[data-appeal-id='{appeal['id']}']", driver=driver)
        row.find_element(By.CSS_SELECTOR, "input[value=uphold]").click()
        row.find_element(By.CSS_SELECTOR, "textarea[name=explanation]").send_keys("The sources check out.")
        self.screenshot("safety-console-appeal", driver)
        row.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 30).until(lambda _: "upheld" in row.text)

        # The label is gone everywhere, and the creator is told.
        video = self.server.request("GET", f"/v1/videos/{video_id}")
        self.assertFalse(video.get("labels"))
        self.act_as(driver, creator)
        self.open("/settings", driver)
        self.assertIn("Upheld", self.css(f".my-appeal[data-appeal-id='{appeal['id']}']", driver=driver).text)
        self.css(f".statement[data-statement-id='{statement_id}'][data-status='reversed']", driver=driver)
        self.css(".notification[data-kind='appeal_decided']", driver=driver)
        self.screenshot("safety-settings-appeal", driver)
        self.assert_clean_console(driver)
