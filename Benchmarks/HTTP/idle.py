"""Resident memory of a server holding many idle keep-alive connections (Benchmarks/HTTP/run.sh).

Usage: idle.py PID HOST PORT PATH CONNECTIONS
Reads the server's VmRSS, opens CONNECTIONS connections, sends one keep-alive GET PATH on each and
reads its answer (so each is accepted and has served a request), reads VmRSS again while all are
open and idle, then closes them. Prints: rss_before_kib rss_after_kib connections_open.
"""
import selectors
import socket
import sys


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main():
    pid, host, port, path, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    before = rss_kib(pid)
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode()
    selector = selectors.DefaultSelector()
    sockets = []
    pending = 0
    for _ in range(count):
        connection = socket.create_connection((host, port))
        connection.sendall(request)
        connection.setblocking(False)
        selector.register(connection, selectors.EVENT_READ)
        sockets.append(connection)
        pending += 1
        # Read answers as they come, so the server never holds many unread responses.
        for key, _ in selector.select(timeout=0):
            if b"\r\n\r\n" in key.fileobj.recv(65536):
                selector.unregister(key.fileobj)
                pending -= 1
    while pending:
        events = selector.select(timeout=30)
        if not events:
            raise SystemExit(f"{pending} answers missing after 30 s")
        for key, _ in events:
            if b"\r\n\r\n" in key.fileobj.recv(65536):
                selector.unregister(key.fileobj)
                pending -= 1
    after = rss_kib(pid)
    print(before, after, len(sockets))
    for connection in sockets:
        connection.close()


main()
