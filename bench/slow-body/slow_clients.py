#!/usr/bin/env python3
"""CLIENTS connections that each POST a 1000-byte body at BYTES_PER_SECOND (default 10), and
start again when the body is done or the proxy hangs up. Prints how many bodies were answered with
each status when stopped (SIGTERM). Usage: slow_clients.py PORT CLIENTS [BYTES_PER_SECOND]"""
import collections
import select
import signal
import socket
import sys
import threading
import time

BODY = 1000
outcomes = collections.Counter()
lock = threading.Lock()


def one_client(port, rate):
    while True:
        status = "closed"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
                conn.sendall(b"POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n" % BODY)
                sent = 0
                while sent < BODY and not select.select([conn], [], [], 0)[0]:
                    conn.sendall(b"x" * 10)
                    sent += 10
                    time.sleep(10 / rate)
                answer = conn.recv(64)
                status = answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/") else "closed"
        except OSError:
            status = "closed"
        with lock:
            outcomes[status] += 1


def main():
    port, clients = int(sys.argv[1]), int(sys.argv[2])
    rate = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
    for _ in range(clients):
        threading.Thread(target=one_client, args=(port, rate), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: (print(dict(outcomes), flush=True), sys.exit(0)))
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main()
