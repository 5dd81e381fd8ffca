"""A real `reel serve` on a fresh data directory, seeded with demo content and staff, for browser tests."""

import base64
import hashlib
import hmac
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request


class ReelServer:
    """Seeds a fresh data directory, starts the server on a free port (or `REEL_BROWSER_PORT`)
    serving this checkout's `Web/`, and stops it again. Each region's key custodian runs as its own
    `reel custodian serve` process on a free loopback port, configured through
    `REEL_<REGION>_CUSTODIAN_URL` and `_CREDENTIAL_FILE`, so the test can also append audit entries
    the way the server's gate does."""

    regions = ("us", "eu", "global")

    #: Staff added before the server starts, as (region, role, handle); the moderator console's tests
    #: sign in as them (two in the EU, because an appeal is decided by another moderator).
    staff_members = (("eu", "moderator", "browser_mod_eu"), ("eu", "moderator", "browser_mod2_eu"),
                     ("us", "moderator", "browser_mod_us"))
    staff_password = "staff password for browser tests"

    def __init__(self, binary, users_per_region=3, videos_per_user=None, clip_seconds=2.0):
        self.binary = binary
        self.directory = tempfile.mkdtemp(prefix="reel-browser-")
        self.users_per_region = users_per_region
        # REEL_BROWSER_VIDEOS_PER_USER seeds fewer videos for runs of tests that need no catalogue
        # (e.g. `-k safety`); the full run needs the default 6.
        self.videos_per_user = videos_per_user or int(os.environ.get("REEL_BROWSER_VIDEOS_PER_USER", "6"))
        self.clip_seconds = clip_seconds
        self.port = self._free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log_path = os.path.join(self.directory, "server.log")
        self.custodians = {}
        self.staff = {}

    @classmethod
    def _free_port(cls):
        if os.environ.get("REEL_BROWSER_PORT"):
            return int(os.environ["REEL_BROWSER_PORT"])
        return cls._any_free_port()

    def _custodian_port(self, index):
        """With `REEL_BROWSER_PORT` set, the custodians take the ports right after it (so a shared
        machine can give the whole run one port range); otherwise any free port."""
        if os.environ.get("REEL_BROWSER_PORT"):
            return self.port + 1 + index
        return self._any_free_port()

    def _environment(self):
        environment = dict(os.environ)
        web = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Web")
        environment.update({"REEL_DATA_DIR": self.directory, "REEL_BCRYPT_COST": "4", "REEL_PORT": str(self.port),
                            "REEL_WEB_DIR": os.path.realpath(web)})
        # Rate limits out of reach: the flows sign up and log in far more often than a person would.
        for action in ("LOGIN", "LOGIN_IP", "SIGNUP", "UPLOAD", "COMMENT", "REPORT", "FOLLOW", "STAFF_SIGN_IN"):
            environment[f"REEL_RATE_LIMIT_{action}"] = "1000000/1"
        for region, custodian in self.custodians.items():
            environment[f"REEL_{region.upper()}_CUSTODIAN_URL"] = custodian["url"]
            environment[f"REEL_{region.upper()}_CUSTODIAN_CREDENTIAL_FILE"] = custodian["credential_file"]
        return environment

    def _start_custodians(self):
        """Starts one custodian per region and waits until each answers `/healthz`."""
        for index, region in enumerate(self.regions):
            data = os.path.join(self.directory, "custodians", region)
            os.makedirs(data, exist_ok=True)
            port = self._custodian_port(index)
            log = open(os.path.join(self.directory, f"custodian-{region}.log"), "wb")
            process = subprocess.Popen([self.binary, "custodian", "serve", "--region", region, "--data-dir", data,
                                        "--port", str(port), "--stop-with-parent"],
                                       stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT)
            self.custodians[region] = {"url": f"http://127.0.0.1:{port}", "process": process, "log": log,
                                       "credential_file": os.path.join(data, "app-credential")}
        deadline = time.time() + 120
        for region, custodian in self.custodians.items():
            while True:
                try:
                    with urllib.request.urlopen(custodian["url"] + "/healthz", timeout=5):
                        break
                except (urllib.error.URLError, ConnectionError):
                    if custodian["process"].poll() is not None or time.time() > deadline:
                        raise RuntimeError(f"the {region} custodian did not start; see {self.directory}/custodian-{region}.log")
                    time.sleep(0.2)

    @staticmethod
    def _any_free_port():
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def append_audit_entries(self, region, entries):
        """Appends entries to `region`'s audit log through its custodian, with the app credential
        (as the server's gate does); returns `{firstIndex, count, treeSize}`."""
        custodian = self.custodians[region]
        with open(custodian["credential_file"]) as file:
            credential = file.read().strip()
        request = urllib.request.Request(custodian["url"] + "/v1/audit/entries", method="POST",
                                         data=json.dumps({"entries": entries}).encode(),
                                         headers={"Authorization": f"Bearer {credential}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def start(self):
        self._start_custodians()
        subprocess.run([self.binary, "seed", "--users-per-region", str(self.users_per_region),
                        "--videos-per-user", str(self.videos_per_user), "--clip-seconds", str(self.clip_seconds)],
                       env=self._environment(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for region, role, handle in self.staff_members:
            self._add_staff(region, role, handle)
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen([self.binary, "serve"], env=self._environment(), stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                self.request("GET", "/healthz")
                return self
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None:
                    raise RuntimeError(f"reel serve exited with {self.process.returncode}; see {self.log_path}")
                time.sleep(0.2)
        raise RuntimeError("reel serve did not answer /healthz within 60 s")

    def _add_staff(self, region, role, handle):
        """`reel staff add` (the password on standard input); keeps the TOTP secret of the printed
        otpauth:// URI."""
        result = subprocess.run([self.binary, "staff", "add", "--region", region, "--role", role, "--handle", handle],
                                input=self.staff_password + "\n", env=self._environment(), check=True,
                                capture_output=True, text=True)
        uri = urllib.parse.urlparse(result.stdout.strip().splitlines()[-1])
        secret = urllib.parse.parse_qs(uri.query)["secret"][0]
        self.staff[handle] = {"region": region, "secret": secret, "used": set()}

    def staff_code(self, handle):
        """A TOTP code (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits) for `handle` that has not
        been used yet: the server takes the current step ±1, each once."""
        member = self.staff[handle]
        key = base64.b32decode(member["secret"] + "=" * (-len(member["secret"]) % 8), casefold=True)
        deadline = time.time() + 60
        while True:
            now = int(time.time()) // 30
            step = next((step for step in (now, now + 1, now - 1) if step not in member["used"]), None)
            if step is not None:
                break
            if time.time() > deadline:
                raise RuntimeError(f"no unused TOTP step for {handle}")
            time.sleep(1)  # all three accepted steps are used: poll until the next one starts
        member["used"].add(step)
        mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
        offset = mac[-1] & 0x0F
        return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000)

    def staff_token(self, handle):
        """Signs `handle` in at `POST /v1/staff/sessions`; returns the staff token."""
        member = self.staff[handle]
        answer = self.request("POST", "/v1/staff/sessions", body={
            "region": member["region"], "handle": handle, "password": self.staff_password, "code": self.staff_code(handle)})
        return answer["token"]

    def stop(self):
        for process in [self.process] + [custodian["process"] for custodian in self.custodians.values()]:
            if not process:
                continue
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        for custodian in self.custodians.values():
            custodian["log"].close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def upload(self, token, path, caption, visibility="public"):
        """Uploads the file at `path` as the raw body of `POST /v1/videos` (the API clients' way),
        the caption percent-encoded in the query; returns the VideoView."""
        query = urllib.parse.urlencode({"caption": caption, "visibility": visibility}, quote_via=urllib.parse.quote)
        with open(path, "rb") as file:
            data = file.read()
        request = urllib.request.Request(f"{self.url}/v1/videos?{query}", data=data, method="POST", headers={
            "Authorization": f"Bearer {token}", "Content-Type": "video/mp4", "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    def wait_until_ready(self, video_id, token, seconds=120):
        """Polls the video until it is ready (or failed); returns its VideoView."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            video = self.request("GET", f"/v1/videos/{video_id}", token=token)
            if video["status"] != "processing":
                return video
            time.sleep(0.5)
        raise RuntimeError(f"video {video_id} still processing after {seconds} s")

    def request(self, method, path, token=None, body=None):
        """Calls the API and returns the decoded JSON (None for an empty body); an error status raises
        `urllib.error.HTTPError` whose message carries the answer's JSON error."""
        headers = {"Accept": "application/json"}
        data = None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            error.msg = f"{error.msg} from {method} {path}: {error.read().decode(errors='replace')}"  # the API's sentence, in the failure
            raise
