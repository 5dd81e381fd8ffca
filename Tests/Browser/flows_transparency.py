"""Settings → "Who accessed my data": the access log in plain sentences, each verified in the browser;
and the moderator console's sign-out, which revokes the staff session at the server."""

import datetime
import urllib.error

from selenium.webdriver.common.by import By


def audit_entry(region, subject, principal, purpose, justification, decision="allowed", resource="account.email"):
    """An audit entry as the custodian's `POST /v1/audit/entries` takes it (a gate decision)."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return {"version": 1, "kind": "gateDecision", "time": now, "region": region, "principal": principal,
            "purpose": purpose, "justification": justification, "decision": decision, "subject": subject,
            "resource": resource}


class TransparencyFlows:
    """Mixed into the ordered web client tests; runs as the user signed up in test_01 (EU region)."""

    def test_10t_settings_show_who_accessed_my_data_verified(self):
        self.open("/settings")
        status = self.css(".access-status")
        self.wait.until(lambda _: "Nobody but you" in status.text)

        page = self.server.request("GET", "/v1/me/access-log", token=self.token())
        region, subject = page["region"], page["subject"]
        self.assertEqual(page["items"], [])
        # As the gate would record them: an allowed support look-up, a refused cross-region request,
        # and the person's own request (which the access log leaves out).
        self.server.append_audit_entries(region, [
            audit_entry(region, subject, {"kind": "staff", "role": "support", "jurisdiction": region},
                        "support-ticket", "Ticket T-1234"),
            audit_entry(region, subject, {"kind": "staff", "role": "engineer", "jurisdiction": "us"},
                        "debugging", "Incident INC-9", decision="denied"),
            audit_entry(region, subject, {"kind": "user", "role": "user", "jurisdiction": region},
                        "own-account", "GET /v1/me"),
        ])

        self.open("/settings")
        self.wait.until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, ".access-item")) == 2)
        items = self.driver.find_elements(By.CSS_SELECTOR, ".access-item")
        texts = [item.text for item in items]
        self.assertIn("An engineer staff member (US) asked to read your account.email and was refused", texts[0], "newest first")
        self.assertIn("“Incident INC-9”", texts[0])
        self.assertIn("Denied", texts[0])
        self.assertIn("A support staff member (EU) read your account.email", texts[1])
        self.assertIn("“Ticket T-1234”", texts[1])
        self.assertIn("Allowed", texts[1])
        self.assertEqual([item.get_attribute("data-verified") for item in items], ["true", "true"])
        self.assertTrue(all("Verified in the public log" in text for text in texts), texts)
        self.assertFalse(any("GET /v1/me" in text for text in texts), "own requests are not listed")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", items[0])
        self.screenshot("access-log")

        # The check is real: the same proof fails for an altered entry or a wrong root.
        page = self.server.request("GET", "/v1/me/access-log", token=self.token())
        item, head = page["items"][0], page["treeHead"]
        results = self.driver.execute_async_script("""
            const [item, head, done] = arguments;
            import('/js/access-log.js').then(async (module) => done([
              await module.verifyInclusion(item.entry, item.index, head.treeSize, item.auditPath, head.rootHash),
              await module.verifyInclusion(item.entry.replace('INC-9', 'INC-8'), item.index, head.treeSize, item.auditPath, head.rootHash),
              await module.verifyInclusion(item.entry, item.index, head.treeSize, item.auditPath, '0'.repeat(64)),
            ]));
            """, item, head)
        self.assertEqual(results, [True, False, False])
        self.assert_clean_console()

    def test_10t_staff_sign_out_in_the_console_revokes_the_staff_token(self):
        driver = self.safety_browser()
        self.staff_sign_in(driver, "browser_mod_us")
        token = driver.execute_script("return JSON.parse(sessionStorage.getItem('reel.staff')).token")
        self.assertIsNotNone(self.server.request("GET", "/v1/moderation/cases", token=token))
        self.css(".staff-sign-out", driver=driver).click()
        self.css("form[aria-label='Staff sign-in']", driver=driver)
        # Signed out at the server, not only forgotten by the tab: a copy of the token is refused.
        with self.assertRaises(urllib.error.HTTPError) as refused:
            self.server.request("GET", "/v1/moderation/cases", token=token)
        self.assertEqual(refused.exception.code, 401)
        self.assertIn("session_revoked", refused.exception.msg)
        self.assert_clean_console(driver)
