#!/usr/bin/env python3
"""Registration + token requests per second and p99 latency: SQLite, PostgreSQL with one instance, PostgreSQL with
two instances on one database — in one run, on this machine.

    Benchmarks/multi-instance.py [--duration 15] [--connections 16] [--threads 2]

Each scenario starts `jwstool-dcr serve` on loopback (throttling lifted: the benchmark is one client address), creates
an application through the admin API, and drives it with `wrk` (Debian's) running Benchmarks/register-token.lua: a
registration, then a token request with its credentials, over and over. With two instances, one `wrk` drives each
with half the connections, at the same time; their rates add up and the worse p99 is reported. PostgreSQL is a
throw-away cluster (Tools/postgres-cluster.sh; fsync off, as a test server). Uses .build/release/jwstool-dcr (built
with `swift build -c release` when missing; $JWSTOOL_DCR to use another). Nothing is asserted: the table is printed
for README, with each scenario's rate and p99 against SQLite's.
"""
import argparse
import base64
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from release_binary import ROOT, binary

DEVICE = base64.b64encode(json.dumps({"model": "AppleTV6,2", "version": "1.0", "osName": "tvOS", "osVersion": "17.2",
                                      "connectionType": "ethernet"}).encode()).decode()


class Server:
    """`jwstool-dcr serve` on a free loopback port."""

    def __init__(self, dcr, state, *extra):
        self.process = subprocess.Popen(
            [dcr, "serve", "--state-dir", state, "--port", "0", "--rate", "1000000000", "--burst", "1000000000", "--json", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        if not line:
            sys.exit("jwstool serve did not start")
        banner = json.loads(line)
        self.port = banner["port"]
        self.admin_file = banner["admin_token_file"]

    def statement(self):
        """A fresh statement for a new application, through the admin API."""
        with open(self.admin_file) as file:
            admin = {"Authorization": "Bearer " + file.read().strip(), "Content-Type": "application/json"}
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        connection.request("POST", "/admin/applications", body=json.dumps({"name": "Bench Player", "scopes": ["usage:read"]}), headers=admin)
        application = json.loads(connection.getresponse().read())
        connection.request("POST", f"/admin/applications/{application['id']}/statement", headers=admin)
        statement = json.loads(connection.getresponse().read())["software_statement"]
        connection.close()
        return statement

    def stop(self):
        self.process.terminate()
        self.process.wait()


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(port, statement, options, connections):
    """Starts wrk against `port`; returns the process (its output parsed by `measured`)."""
    environment = dict(os.environ, STATEMENT=statement, DEVICE=DEVICE)
    return subprocess.Popen(
        ["wrk", "--latency", "--timeout", "10s", "-t", str(options.threads), "-c", str(connections), "-d", f"{options.duration}s",
         "-s", os.path.join(ROOT, "Benchmarks/register-token.lua"), f"http://127.0.0.1:{port}"],
        stdout=subprocess.PIPE, text=True, env=environment)


def measured(process):
    output = process.communicate()[0]
    failures = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if failures or "Socket errors" in output:
        sys.exit("wrk saw failed requests: the benchmark is void\n" + output)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = milliseconds(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1))
    return rate, p99


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    dcr = binary("jwstool-dcr", "JWSTOOL_DCR")
    work = tempfile.mkdtemp(prefix="jwstool-multi-")
    cluster = tempfile.mkdtemp(prefix="jwstool-multi-postgres-")  # its own: the postgres user must reach it
    database_url = subprocess.run([os.path.join(ROOT, "Tools/postgres-cluster.sh"), "start", cluster],
                                  check=True, capture_output=True, text=True).stdout.strip()
    kek = os.path.join(work, "kek")
    subprocess.run([dcr, "key", "generate", "--type", "oct", "--out", kek], check=True, capture_output=True)
    rows = []
    try:
        for name, instances, database in [("SQLite", 1, None), ("PostgreSQL", 1, "one"), ("PostgreSQL", 2, "two")]:
            extra = []
            if database:
                subprocess.run(["psql", database_url, "-qc", f"CREATE DATABASE {database}"], check=True)
                extra = ["--database", database_url.rsplit("/", 1)[0] + "/" + database, "--key-encryption-key", kek + ".jwk"]
            servers = [Server(dcr, os.path.join(work, f"{name}-{instances}-{index}"), *extra) for index in range(instances)]
            try:
                statement = servers[0].statement()
                runs = [wrk(server.port, statement, options, options.connections // instances) for server in servers]
                results = [measured(run) for run in runs]
            finally:
                for server in servers:
                    server.stop()
            rows.append((name, instances, sum(rate for rate, _ in results), max(p99 for _, p99 in results)))
    finally:
        subprocess.run([os.path.join(ROOT, "Tools/postgres-cluster.sh"), "stop", cluster], check=False)
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(cluster, ignore_errors=True)

    base_rate, base_p99 = rows[0][2], rows[0][3]
    print(f"register + token, {options.connections} connections, {options.duration} s per scenario, {os.cpu_count()} cores")
    print("| store | instances | requests/s | vs SQLite | p99 | vs SQLite |")
    print("|---|---|---|---|---|---|")
    for name, instances, rate, p99 in rows:
        print(f"| {name} | {instances} | {rate:,.0f} | {rate / base_rate:.2f}× | {p99:.1f} ms | {p99 / base_p99:.2f}× |")


if __name__ == "__main__":
    main()
