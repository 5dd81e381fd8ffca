"""A real `reel serve` on a fresh data directory, seeded with demo content, for browser tests."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request


class ReelServer:
    """Seeds a fresh data directory, starts the server on a free port (or `REEL_BROWSER_PORT`)
    serving this checkout's `Web/`, and stops it again."""

    def __init__(self, binary, users_per_region=3, videos_per_user=6, clip_seconds=2.0):
        self.binary = binary
        self.directory = tempfile.mkdtemp(prefix="reel-browser-")
        self.users_per_region = users_per_region
        self.videos_per_user = videos_per_user
        self.clip_seconds = clip_seconds
        self.port = self._free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log_path = os.path.join(self.directory, "server.log")

    @staticmethod
    def _free_port():
        if os.environ.get("REEL_BROWSER_PORT"):
            return int(os.environ["REEL_BROWSER_PORT"])
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def _environment(self):
        environment = dict(os.environ)
        web = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Web")
        environment.update({"REEL_DATA_DIR": self.directory, "REEL_BCRYPT_COST": "4", "REEL_PORT": str(self.port),
                            "REEL_WEB_DIR": os.path.realpath(web)})
        return environment

    def start(self):
        subprocess.run([self.binary, "seed", "--users-per-region", str(self.users_per_region),
                        "--videos-per-user", str(self.videos_per_user), "--clip-seconds", str(self.clip_seconds)],
                       env=self._environment(), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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

    def stop(self):
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
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
        """Calls the API and returns the decoded JSON (None for an empty body)."""
        headers = {"Accept": "application/json"}
        data = None
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            return json.loads(raw) if raw else None
