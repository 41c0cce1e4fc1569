"""What the server benchmarks share (tools/bench-*.py): the binary to measure, the command line
on a data dir, and a server on a free loopback port for as long as a `with` lasts. Standard
library only."""

import contextlib
import os
import socket
import subprocess
import sys
import time

BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.environ.get("CARGO_TARGET_DIR", "target"), "release", "tourcentre")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(data, *args, stdin=None):
    """`tourcentre --data-dir DATA ARGS...`: its standard output, trimmed."""
    out = subprocess.run([BINARY, "--data-dir", data, *args], capture_output=True, text=True,
                         input=stdin, check=True)
    return out.stdout.strip()


@contextlib.contextmanager
def serving(data):
    """`tourcentre serve` on DATA at a free loopback port: its base URL, once it answers."""
    port = free_port()
    server = subprocess.Popen([BINARY, "--data-dir", data, "serve", "--listen",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("the server did not start")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.kill()
        server.wait()
