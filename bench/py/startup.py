"""Start-up of a Hub client process: the time from process start to its first HTTP request, its wall time to
exit, and its CPU time (user + system, from wait4, which other load on the machine skews less than wall time).

A loopback proxy in front of the Hub (the emulator) notes when the first connection arrives and forwards
everything. Each command runs RUNS times; prints one JSON object with min / median / max of each measure.

  python startup.py --hub http://127.0.0.1:PORT --runs 7 -- cli/bin/hf4j auth whoami

In the command, {hub} stands for the proxy's URL; HF_ENDPOINT is set to it too.
"""
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse


def pump(src, dst):
    try:
        while True:
            b = src.recv(65536)
            if not b:
                break
            dst.sendall(b)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class Proxy:
    def __init__(self, target):
        u = urlparse(target)
        self.target = (u.hostname, u.port)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.first = None
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            c, _ = self.sock.accept()
            if self.first is None:
                self.first = time.perf_counter()
            up = socket.create_connection(self.target)
            threading.Thread(target=pump, args=(c, up), daemon=True).start()
            threading.Thread(target=pump, args=(up, c), daemon=True).start()


def run_once(proxy, cmd, env):
    proxy.first = None
    t0 = time.perf_counter()
    p = subprocess.Popen([a.replace("{hub}", proxy.url) for a in cmd], env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("%s failed: %s" % (" ".join(cmd), err.decode(errors="replace")[-2000:]))
    first = proxy.first - t0 if proxy.first is not None else float("nan")
    return first, wall, ru.ru_utime + ru.ru_stime


def spread(v):
    return {"min": min(v), "median": statistics.median(v), "max": max(v), "all": v}


def main(argv):
    hub, runs = None, 5
    i = 0
    while argv[i] != "--":
        if argv[i] == "--hub":
            hub = argv[i + 1]
        elif argv[i] == "--runs":
            runs = int(argv[i + 1])
        else:
            raise SystemExit("unknown option " + argv[i])
        i += 2
    cmd = argv[i + 1:]
    proxy = Proxy(hub)
    env = dict(os.environ, HF_ENDPOINT=proxy.url)
    out = {"firstRequest": [], "wall": [], "cpu": []}
    for _ in range(runs):
        f, w, c = run_once(proxy, cmd, env)
        out["firstRequest"].append(f)
        out["wall"].append(w)
        out["cpu"].append(c)
    print(json.dumps({k: spread(v) for k, v in out.items()}))


if __name__ == "__main__":
    main(sys.argv[1:])
