#!/usr/bin/env python3
"""Usage reports against the cheapest request, on one server in one run, and what recording costs the token endpoint.

    Benchmarks/reports.py [--requests 1000000] [--days 30] [--clients 200] [--samples 300] [--tokens 2000]

1. `usagebench seed` records --requests synthetic requests (spread over --days days, from --clients clients) into a
   fresh server state through the server's own recording path, and prints its rate.
2. `jwstool-dcr serve` runs on that state. Over one keep-alive connection, GET /.well-known/jwks.json and
   GET /cmu/v2/year/month/day (the last --days days, admin token) alternate --samples times each, and the median and
   90th percentile latencies are printed with their ratio; two other reports (one that groups by a dimension that is
   not time, and the root aggregate) are timed too, for the record.
3. --tokens client_credentials token requests go to a server that records usage and to one started with --no-usage
   (the same seeded state, twice each, alternating); the server's CPU time (utime + stime from /proc) per token
   request is compared.

Uses .build/release/jwstool-dcr and .build/release/usagebench (built with `swift build -c release` when missing;
$JWSTOOL_DCR / $USAGEBENCH to use others). Nothing is asserted: the table is printed for README.
"""
import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

from release_binary import binary


class Server:
    """`jwstool-dcr serve` on a free loopback port, throttling lifted (the benchmark is one client IP)."""

    def __init__(self, dcr, state, *extra):
        self.process = subprocess.Popen(
            [dcr, "serve", "--state-dir", state, "--port", "0", "--rate", "1000000", "--burst", "1000000",
             "--usage-retention", "400", *extra],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in self.process.stderr:
            found = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if found:
                self.port = int(found.group(1))
                break
        else:
            sys.exit("jwstool serve did not start")
        with open(os.path.join(state, "admin-token")) as token:
            self.admin = token.read().strip()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port)

    def request(self, method, path, body=None, headers=None):
        self.connection.request(method, path, body=body, headers=headers or {})
        response = self.connection.getresponse()
        data = response.read()
        if response.status >= 300:
            sys.exit(f"{method} {path}: {response.status} {data[:300]!r}: the benchmark is void")
        return data

    def timed(self, path, headers=None):
        started = time.perf_counter()
        self.request("GET", path, headers=headers)
        return (time.perf_counter() - started) * 1000

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.connection.close()
        self.process.terminate()
        self.process.wait()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--tokens", type=int, default=2000)
    options = parser.parse_args()
    dcr, seeder = binary("jwstool-dcr", "JWSTOOL_DCR"), binary("usagebench", "USAGEBENCH")
    work = tempfile.mkdtemp(prefix="jwstool-reports-")
    state = os.path.join(work, "state")
    try:
        print(subprocess.run([seeder, "seed", state, str(options.requests), str(options.days), str(options.clients)],
                             check=True, capture_output=True, text=True).stdout.strip())
        start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=options.days)).strftime("%Y-%m-%d")
        server = Server(dcr, state)
        admin = {"Authorization": f"Bearer {server.admin}"}
        reports = {
            "GET /cmu/v2/year/month/day": f"/cmu/v2/year/month/day?start={start}",
            "GET /cmu/v2/year/month/day/endpoint": f"/cmu/v2/year/month/day/endpoint?start={start}",
            "GET /cmu/v2 (the whole window)": f"/cmu/v2?start={start}",
        }
        rows = json.loads(server.request("GET", reports["GET /cmu/v2/year/month/day"], headers=admin))["report"]
        counted = sum(int(row["requests"]) for row in rows)
        for _ in range(20):  # warm-up
            server.timed("/.well-known/jwks.json")
            server.timed(reports["GET /cmu/v2/year/month/day"], admin)
        timings = {"GET /.well-known/jwks.json": []} | {name: [] for name in reports}
        for _ in range(options.samples):
            timings["GET /.well-known/jwks.json"].append(server.timed("/.well-known/jwks.json"))
            for name, path in reports.items():
                timings[name].append(server.timed(path, admin))
        jwks = statistics.median(timings["GET /.well-known/jwks.json"])

        # A client for the token requests: an application of the server's catalog, its statement, a registration.
        statement_file = os.path.join(work, "statement.jwt")
        subprocess.run([dcr, "app", "create", "--state-dir", state, "--name", "Bench", "--version", "1.0", "--platform", "tvos",
                        "--domain", "example.com", "--scope", "usage:read", "--out", statement_file],
                       check=True, capture_output=True)
        with open(statement_file) as source:
            statement = source.read().strip()
        registered = json.loads(server.request("POST", "/o/client/register", body=json.dumps({"software_statement": statement}),
                                               headers={"Content-Type": "application/json"}))
        form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": registered["client_id"],
                                       "client_secret": registered["client_secret"]})
        server.stop()

        def token_cpu(*extra):
            token_server = Server(dcr, state, *extra)
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            for _ in range(50):
                token_server.request("POST", "/o/client/token", body=form, headers=headers)
            before, started = token_server.cpu_seconds(), time.perf_counter()
            for _ in range(options.tokens):
                token_server.request("POST", "/o/client/token", body=form, headers=headers)
            wall = time.perf_counter() - started
            cpu = token_server.cpu_seconds() - before
            token_server.stop()
            return cpu / options.tokens * 1e6, wall / options.tokens * 1e6

        recording, silent = [], []
        for _ in range(2):
            recording.append(token_cpu())
            silent.append(token_cpu("--no-usage"))
        with_usage, without = min(cpu for cpu, _ in recording), min(cpu for cpu, _ in silent)

        print(f"\n{counted:,} requests counted in the report's window; {options.samples} samples each, one keep-alive connection\n")
        print("| request | median | p90 | median vs JWKS |")
        print("|---|---|---|---|")
        for name, values in timings.items():
            print(f"| `{name}` | {statistics.median(values):.3f} ms | {percentile(values, 0.9):.3f} ms | {statistics.median(values) / jwks:.2f}× |")
        print(f"\n| token endpoint, server CPU per request ({options.tokens} requests, best of 2) | µs |")
        print("|---|---|")
        print(f"| `serve --no-usage` | {without:.0f} |")
        print(f"| `serve` (recording usage) | {with_usage:.0f} |")
        print(f"| recording adds | {(with_usage - without) / without * 100:+.1f}% |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
