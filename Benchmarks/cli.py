#!/usr/bin/env python3
"""The CLI against the library, in one run: batch verification rates on one core and on all cores, peak memory as the
input grows, `sign --batch` against the library's signing rate, and the start-up of one `jwstool verify` process (RS256
and ES256) next to latchset's `jose jws ver` on the same token and key (Debian package `jose`, when installed) and
`/bin/true`.

    Benchmarks/cli.py [--lines 100000,1000000] [--runs 200]

Uses .build/release/jwstool and .build/release/jwsbench (built with `swift build -c release` when missing; set
$JWSTOOL / $JWSBENCH to use others). The inputs are 10,000 realistic software statements (about 650 bytes of claims,
each with its own jti) signed by `jwstool sign --batch`, repeated to the sizes given. The library's rate comes from
`jwsbench verify-rate` / `sign-rate` on the same files, on one core, in the same run. "One core" means pinned to CPU 0
with `taskset` and `--jobs 1`; "all cores" is the default `--jobs`. Times are wall-clock, best of three; start-up is the
median of --runs runs. Nothing here is asserted: the table is printed for README.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from release_binary import binary


def run(argv, stdin=None, stdout=subprocess.DEVNULL):
    """Runs argv; returns (seconds, peak RSS in MiB, exit status)."""
    started = time.perf_counter()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        process = subprocess.Popen(argv, stdin=source, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best(argv, rounds=3, **kwargs):
    results = [run(argv, **kwargs) for _ in range(rounds)]
    for _, _, status in results:
        if status != 0:
            stderr = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True).stderr
            sys.exit(f"{' '.join(argv)} exited {status}: the benchmark is void\n{stderr[-2000:]}")
    return min(seconds for seconds, _, _ in results), max(rss for _, rss, _ in results)


def first_line(argv):
    """Milliseconds from start until the first result line arrives (best of three); the run is then stopped."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        process.stdout.readline()
        times.append((time.perf_counter() - started) * 1000)
        process.kill()
        process.wait()
    return min(times)


def claims(count):
    now = int(time.time())
    for index in range(count):
        yield json.dumps({
            "iss": "https://auth.example.com", "sub": "8c1a3f1e-2b4d-4c6e-9f70-1a2b3c4d5e6f",
            "aud": "https://api.example.com/o/client/register", "iat": now, "exp": now + 86400,
            "jti": f"statement-{index}-5f0c7a9e1d2b4c6e8a0b", "software_id": "8c1a3f1e-2b4d-4c6e-9f70-1a2b3c4d5e6f",
            "software_version": "4.2.1", "client_name": "Example Streaming Player for Living-Room Devices",
            "redirect_uris": ["https://player.example.com/oauth/callback", "com.example.player://oauth/callback"],
            "grant_types": ["client_credentials"], "token_endpoint_auth_method": "client_secret_post",
            "scope": "api:client:v2 usage:read profile:read entitlement:check device:register"}, separators=(",", ":"))


def repeat(source, target, lines):
    with open(source) as handle:
        tokens = handle.read().splitlines()
    with open(target, "w") as handle:
        for index in range(lines):
            handle.write(tokens[index % len(tokens)] + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", default="100000,1000000", help="input sizes for the memory rows")
    parser.add_argument("--runs", type=int, default=200, help="runs for the start-up medians")
    options = parser.parse_args()
    sizes = [int(size) for size in options.lines.split(",")]
    jwstool, jwsbench = binary("jwstool", "JWSTOOL"), binary("jwsbench", "JWSBENCH")
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    work = tempfile.mkdtemp(prefix="jwstool-cli-bench-")
    cores = os.cpu_count()
    print(f"jwstool CLI benchmark — {platform.node()}, {cores} cores ({platform.processor() or platform.machine()}), "
          f"{time.strftime('%Y-%m-%d')}")
    print(f"command: Benchmarks/cli.py --lines {options.lines} --runs {options.runs}\n")
    rows = []
    try:
        with open(f"{work}/claims.jsonl", "w") as handle:
            handle.writelines(line + "\n" for line in claims(10_000))
        for name, key_arguments in (("RS256", ["--type", "rsa"]), ("ES256", ["--type", "ec"])):
            prefix = f"{work}/{name}"
            subprocess.run([jwstool, "key", "generate", *key_arguments, "--out", prefix], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            tokens = f"{prefix}.tokens"
            with open(tokens, "wb") as output:
                subprocess.run([jwstool, "sign", "--batch", "--key", f"{prefix}.pem", f"{work}/claims.jsonl"], check=True, stdout=output)
            batch = f"{prefix}.100k"
            repeat(tokens, batch, 100_000)
            library = float(subprocess.run(pin + [jwsbench, "verify-rate", f"{prefix}.pub.jwk", tokens],
                                           check=True, capture_output=True, text=True).stdout)
            verify = [jwstool, "verify", "--quiet", "--key", f"{prefix}.pub.jwk", batch]
            one, _ = best(pin + verify[:2] + ["--jobs", "1"] + verify[2:])
            every, _ = best(verify)
            one_rate, every_rate = 100_000 / one, 100_000 / every
            first = first_line([jwstool, "verify", "--key", f"{prefix}.pub.jwk", batch])
            rows.append((f"verify {name}, library, one core", f"{library:,.0f}/s", ""))
            rows.append((f"verify {name}, CLI, one core", f"{one_rate:,.0f}/s", f"{one_rate / library:.2f}× library (≥ 0.85)"))
            rows.append((f"verify {name}, CLI, {cores} cores", f"{every_rate:,.0f}/s", f"{every_rate / one_rate:.2f}× one core (≥ 1.8)"))
            rows.append((f"verify {name}, first result line of 100,000", f"{first:.1f} ms", "≤ 100 ms"))
            sign_library = float(subprocess.run(pin + [jwsbench, "sign-rate", f"{prefix}.pem", f"{work}/claims.jsonl"],
                                                check=True, capture_output=True, text=True).stdout)
            seconds, _ = best(pin + [jwstool, "sign", "--batch", "--jobs", "1", "--key", f"{prefix}.pem", f"{work}/claims.jsonl"])
            sign_rate = 10_000 / seconds
            rows.append((f"sign {name}, library, one core", f"{sign_library:,.0f}/s", ""))
            rows.append((f"sign --batch {name}, CLI, one core", f"{sign_rate:,.0f}/s", f"{sign_rate / sign_library:.2f}× library (≥ 0.9)"))
            if name == "RS256":
                for lines in sizes:
                    large = f"{work}/large.txt"
                    repeat(tokens, large, lines)
                    seconds, rss = best([jwstool, "verify", "--quiet", "--max-input", "8G", "--key", f"{prefix}.pub.jwk", large], rounds=1)
                    megabytes = os.path.getsize(large) / 2**20
                    rows.append((f"verify {name}, {lines:,} tokens ({megabytes:,.0f} MiB)", f"{rss:,.1f} MiB peak RSS",
                                 f"{seconds:.1f} s (≤ 100 MiB)"))
                    os.remove(large)
        rows += startup(jwstool, work, options.runs)
    finally:
        shutil.rmtree(work)
    width = max(len(row[0]) for row in rows)
    for label, value, note in rows:
        print(f"| {label.ljust(width)} | {value:>22} | {note} |")


def startup(jwstool, work, runs):
    """Medians of single-process runs: /bin/true, jwstool --version, and for RS256 and ES256 `jose jws ver` next to
    `jwstool verify` on the same token and key."""
    jose = shutil.which("jose")
    commands = [("/bin/true", ["/bin/true"]), ("jwstool --version", [jwstool, "--version"])]
    for name in ("RS256", "ES256"):
        with open(f"{work}/{name}.tokens") as handle:
            token = handle.readline().strip()
        key = f"{work}/{name}.pub.jwk"
        if jose:
            commands.append((f"{name}: jose jws ver -i TOKEN -k KEY.jwk", [jose, "jws", "ver", "-i", token, "-k", key]))
        commands.append((f"{name}: jwstool verify --key KEY.jwk TOKEN", [jwstool, "verify", "--key", key, token]))
    medians = {}
    for label, argv in commands:
        for _ in range(10):
            run(argv)
        times = []
        for _ in range(runs):
            seconds, _, status = run(argv)
            if status != 0:
                sys.exit(f"{label} exited {status}: the benchmark is void")
            times.append(seconds)
        medians[label] = statistics.median(times) * 1000
    rows = []
    for label, median in medians.items():
        note = ""
        if "jwstool verify" in label:
            note = "≤ 5 ms"
            reference = label.split(":")[0] + ": jose jws ver -i TOKEN -k KEY.jwk"
            if reference in medians:
                note += f"; {median / medians[reference]:.2f}× jose (≤ 1.2)"
        rows.append((f"start-up: {label}", f"{median:.2f} ms median", note))
    return rows


if __name__ == "__main__":
    main()
