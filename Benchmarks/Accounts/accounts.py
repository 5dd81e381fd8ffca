#!/usr/bin/env python3
"""Sign-up, log-in and GET /v1/me on several `reel` builds in one run (Benchmarks/Accounts/run.sh).

Python 3 standard library only. Usage:

    accounts.py --variant NAME BINARY CONFIG_JSON [--variant …] --out-json FILE
                [--rounds 3] [--concurrency 8] [--costs 10,4] [--signups 10:300,4:2000]
                [--logins 10:300,4:2000] [--me 4000] [--port 18600]

CONFIG_JSON is a JSON object written to a configuration file passed with `--config` (`{}`: none).

For each bcrypt cost in --costs, for each round, the variants run one after another (before, after,
before, after, … interleaved, so a change in the machine's load falls on every variant alike). Each
time the binary is started afresh (`reel serve` on a new, empty embedded data directory: SQLite
stores, media on disk, and whatever child processes that binary starts by itself, such as the
custodians), and four phases run at a fixed concurrency (one worker process per in-flight request,
each on its own keep-alive connection, so the client is not serialised by one interpreter lock):

1. sign-up: POST /v1/accounts, every request a new handle and email (countries alternate US, DE);
2. log-in by handle: POST /v1/sessions {handle, password}, round robin over the new accounts;
3. log-in by email: POST /v1/sessions {email, password}, the same;
4. GET /v1/me: one unmeasured pass over every account's token (fills whatever the server caches
   per user), then the measured requests, round robin over the tokens.

Per request the client records the latency (send to last byte); a phase's throughput is its
requests divided by the time from the first worker's start to the last worker's end. Server CPU per
request is the user + system time, from /proc, of the server process and all its descendants (so a
custodian child's work counts) over the phase, divided by its requests. Any unexpected status
aborts the run. Writes the per-round figures to --out-json.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time

PASSWORD = "reel-bench-password-42"
COUNTRIES = ["US", "DE"]
HZ = os.sysconf("SC_CLK_TCK")


def process_ticks(pid):
    """utime + stime of a process and all its living descendants, in clock ticks."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append((int(entry), int(fields[11]) + int(fields[12])))
    total, stack = 0, [pid]
    try:
        with open(f"/proc/{pid}/stat") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        total = int(fields[11]) + int(fields[12])
    except OSError:
        return 0
    while stack:
        for child, ticks in children.get(stack.pop(), []):
            total += ticks
            stack.append(child)
    return total


def worker(port, requests, barrier, connection_end):
    """Sends `requests` ((method, path, body, token, expected status), …) on one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    latencies, tokens = [], []
    barrier.wait()
    started = time.monotonic()
    for method, path, body, token, expected in requests:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = "Bearer " + token
        payload = None if body is None else json.dumps(body)
        before = time.monotonic()
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        data = response.read()
        latencies.append(time.monotonic() - before)
        if response.status != expected:
            connection_end.send(("error", f"{method} {path}: {response.status} {data[:300]!r}"))
            return
        if path in ("/v1/accounts", "/v1/sessions"):
            tokens.append(json.loads(data)["token"])
    ended = time.monotonic()
    connection_end.send(("ok", started, ended, latencies, tokens))


def run_phase(port, server_pid, requests, concurrency):
    """Runs requests over `concurrency` workers; returns (latencies, seconds, cpu ms per request, tokens)."""
    chunks = [requests[index::concurrency] for index in range(concurrency)]
    chunks = [chunk for chunk in chunks if chunk]
    barrier = multiprocessing.Barrier(len(chunks) + 1)
    workers, ends = [], []
    for chunk in chunks:
        receiving, sending = multiprocessing.Pipe(duplex=False)
        process = multiprocessing.Process(target=worker, args=(port, chunk, barrier, sending))
        process.start()
        workers.append(process)
        ends.append(receiving)
    ticks_before = process_ticks(server_pid)
    barrier.wait()
    results = [end.recv() for end in ends]
    ticks_after = process_ticks(server_pid)
    for process in workers:
        process.join()
    errors = [result[1] for result in results if result[0] == "error"]
    if errors:
        raise SystemExit("unexpected answer: " + errors[0])
    started = min(result[1] for result in results)
    ended = max(result[2] for result in results)
    latencies = [latency for result in results for latency in result[3]]
    # Tokens in request order again (worker k had requests k, k + c, k + 2c, …).
    tokens = [None] * len(requests)
    for index, result in enumerate(results):
        tokens[index::len(chunks)] = result[4] if result[4] else [None] * len(range(index, len(requests), len(chunks)))
    cpu = (ticks_after - ticks_before) / HZ * 1000 / len(requests)
    return latencies, ended - started, cpu, tokens


def wait_ready(port, process, seconds=300):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server stopped before it answered (status {process.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"no answer on port {port} within {seconds} s")


def wait_accepting_signups(port, request, process, seconds=120):
    method, path, body, _, expected = request
    deadline = time.monotonic() + seconds
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request(method, path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        if response.status == expected:
            return
        if response.status != 503 or time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit(f"the first sign-up got {response.status}: {data[:300]!r}")
        time.sleep(0.2)


def start_server(binary, config, work, port, cost):
    data = tempfile.mkdtemp(prefix="data-", dir=work)
    arguments = [binary, "serve", "--data-dir", data, "--port", str(port)]
    if config:
        path = os.path.join(data + ".json")
        with open(path, "w") as file:
            json.dump(config, file)
        arguments += ["--config", path]
    environment = dict(os.environ, LOG_LEVEL="warning", REEL_WEB_DIR="", REEL_RETRAIN_INTERVAL_SECONDS="86400")
    # Rate limits out of reach: the benchmark signs up and logs in thousands of times from one address.
    for action in ("LOGIN", "LOGIN_IP", "SIGNUP", "UPLOAD", "COMMENT", "REPORT", "FOLLOW"):
        environment[f"REEL_RATE_LIMIT_{action}"] = "1000000/1"
    if cost is not None:
        environment["REEL_BCRYPT_COST"] = str(cost)
    log = open(data + ".log", "w")
    # Its own process group, so the server and any child it starts are stopped together.
    process = subprocess.Popen(arguments, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return process, data


def stop_server(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    try:
        os.killpg(process.pid, signal.SIGKILL)  # any child left behind
    except ProcessLookupError:
        pass


def measure(variant, binary, config, work, port, cost, signups, logins, me_requests, concurrency, tag):
    process, data = start_server(binary, config, work, port, cost)
    try:
        wait_ready(port, process)
        pid = process.pid
        accounts = [(f"b{tag}_{index}", f"b{tag}_{index}@bench.example", COUNTRIES[index % 2]) for index in range(signups + concurrency)]

        def signup(account):
            handle, email, country = account
            body = {"handle": handle, "email": email, "password": PASSWORD, "country": country,
                    "birthDate": "1990-05-01", "displayName": "Bench " + handle}
            return ("POST", "/v1/accounts", body, None, 201)

        # Warm-up (unmeasured): a server may answer /healthz before its custodians are up (503
        # custodian_unavailable until then); then a few sign-ups open connections to the stores and
        # any custodian.
        wait_accepting_signups(port, signup((f"w{tag}", f"w{tag}@bench.example", "US")), process)
        run_phase(port, pid, [signup(account) for account in accounts[:concurrency]], concurrency)
        accounts = accounts[concurrency:]
        phases = {}
        latencies, seconds, cpu, tokens = run_phase(port, pid, [signup(account) for account in accounts], concurrency)
        phases["signup"] = (latencies, seconds, cpu)
        by_handle = [("POST", "/v1/sessions", {"handle": accounts[index % len(accounts)][0], "password": PASSWORD}, None, 200)
                     for index in range(logins)]
        latencies, seconds, cpu, _ = run_phase(port, pid, by_handle, concurrency)
        phases["login_handle"] = (latencies, seconds, cpu)
        by_email = [("POST", "/v1/sessions", {"email": accounts[index % len(accounts)][1], "password": PASSWORD}, None, 200)
                    for index in range(logins)]
        latencies, seconds, cpu, _ = run_phase(port, pid, by_email, concurrency)
        phases["login_email"] = (latencies, seconds, cpu)
        run_phase(port, pid, [("GET", "/v1/me", None, token, 200) for token in tokens], concurrency)
        me = [("GET", "/v1/me", None, tokens[index % len(tokens)], 200) for index in range(me_requests)]
        latencies, seconds, cpu, _ = run_phase(port, pid, me, concurrency)
        phases["me"] = (latencies, seconds, cpu)
        return {name: {"latencies": values[0], "seconds": values[1], "cpu_ms": values[2], "requests": len(values[0])}
                for name, values in phases.items()}
    finally:
        stop_server(process)


def counts(text, default):
    """'10:300,4:2000' → {10: 300, 4: 2000}; a bare number applies to every cost."""
    if text.isdigit():
        return lambda cost: int(text)
    table = {int(key): int(value) for key, value in (pair.split(":") for pair in text.split(","))}
    return lambda cost: table.get(cost, default)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variant", nargs=3, action="append", metavar=("NAME", "BINARY", "CONFIG_JSON"), required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--costs", default="10,4")
    parser.add_argument("--signups", default="10:300,4:2000")
    parser.add_argument("--logins", default="10:300,4:2000")
    parser.add_argument("--me", type=int, default=4000)
    parser.add_argument("--port", type=int, default=18600)
    parser.add_argument("--out-json", required=True)
    arguments = parser.parse_args()
    signups, logins = counts(arguments.signups, 300), counts(arguments.logins, 300)
    work = tempfile.mkdtemp(prefix="reel-accounts-bench.")
    results = {"started": time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime()), "concurrency": arguments.concurrency,
               "rounds": arguments.rounds, "variants": [name for name, _, _ in arguments.variant], "runs": []}
    port = arguments.port
    for cost in (int(value) for value in arguments.costs.split(",")):
        for round_number in range(arguments.rounds):
            for name, binary, config in arguments.variant:
                load = open("/proc/loadavg").read().split()[:3]
                tag = f"{cost}{round_number}{len(results['runs'])}"
                print(f"cost {cost}, round {round_number + 1}/{arguments.rounds}: {name} (load {' '.join(load)})", file=sys.stderr, flush=True)
                phases = measure(name, os.path.abspath(binary), json.loads(config), work, port, cost,
                                 signups(cost), logins(cost), arguments.me, arguments.concurrency, tag)
                results["runs"].append({"variant": name, "cost": cost, "round": round_number, "load": load, "phases": phases})
                for phase, figures in phases.items():
                    ordered = sorted(figures["latencies"])
                    print(f"  {phase}: {figures['requests'] / figures['seconds']:.0f} req/s, p50 {ordered[len(ordered) // 2] * 1000:.2f} ms, "
                          f"CPU {figures['cpu_ms']:.3f} ms/req", file=sys.stderr, flush=True)
                # A new port for every server: no wait for the last one's socket to be released.
                port += 1
    results["ended"] = time.strftime("%Y-%m-%dT%H:%MZ", time.gmtime())
    with open(arguments.out_json, "w") as file:
        json.dump(results, file)
    subprocess.run(["rm", "-rf", work], check=False)


if __name__ == "__main__":
    main()
