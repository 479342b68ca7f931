#!/usr/bin/env python3
"""An app server like gunicorn's sync workers or Unicorn: WORKERS threads, each takes one
connection, reads the whole request (head and Content-Length body), answers, and closes. A client
that sends its body slowly holds a worker for as long as it takes. Usage: upstream.py PORT WORKERS"""
import socket
import sys
import threading

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"


def read_request(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        body += chunk
    return True


def worker(listener):
    while True:
        conn, _ = listener.accept()
        try:
            if read_request(conn):
                conn.sendall(RESPONSE)
        except OSError:
            pass
        finally:
            conn.close()


def main():
    port, workers = int(sys.argv[1]), int(sys.argv[2])
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(1024)
    threads = [threading.Thread(target=worker, args=(listener,), daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    threads[0].join()


if __name__ == "__main__":
    main()
