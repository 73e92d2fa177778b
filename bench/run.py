"""Benchmark the pages people use most, over HTTP against gunicorn, at scales S, M and L.

    make bench                      # S and M on PostgreSQL
    BENCH_SCALES=L make bench       # the national scale (generation takes a long while)

For each page: median and p95 latency of sequential requests, the query count (same request
in-process), and requests per second with wrk at 2 gunicorn workers. Beside them: the stock
Django admin changelist on the same data and the bare SQL of our list query, so the results
read as ratios. Results go to bench/results/ as JSON and Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PORT = int(os.environ.get("BENCH_PORT", "8199"))
PG = "postgres://postgres@127.0.0.1:5432"
# The databases are named <prefix>_s, <prefix>_m…: a second person benchmarking on the same
# server gives their own prefix (BENCH_DB_PREFIX or --db-prefix) and port (BENCH_PORT, --port).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "frivillig_bench")


@dataclass
class PageResult:
    label: str
    path: str
    status: int
    median_ms: float
    p95_ms: float
    queries: int
    rps: float | None = None
    note: str = ""


@dataclass
class ScaleResult:
    scale: str
    counts: dict
    generate_s: float
    pages: list[PageResult] = field(default_factory=list)
    extras: dict = field(default_factory=dict)


def sh(*args: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, check=check, capture_output=True, text=True)


def bench_env(database_url: str, static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "frivillig.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-secret-key-not-for-production-0123456789abcdefghijkl",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        # The bench's users sign in by a made session, with no second factor: with two-factor
        # required every page would answer the enrolment redirect instead of itself.
        "MFA_REQUIRED_ROLES": "",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        "CELERY_BROKER_URL": "",
        # wrk asks the open API thousands of times a minute: measure it, not its rate limit.
        "PUBLIC_API_RATE_PER_MINUTE": "100000000",
    }


def database_name(scale: str) -> str:
    return f"{DB_PREFIX}_{scale.lower()}"


def prepare_database(scale: str, seed: int, reuse: bool, env: dict) -> tuple[dict, float]:
    name = database_name(scale)
    marker = RESULTS / f".generated-{name}.json"
    if reuse and marker.exists():
        saved = json.loads(marker.read_text())
        return saved["counts"], saved["seconds"]
    sh("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name)
    sh("createdb", "-h", "127.0.0.1", "-U", "postgres", name)
    sh(sys.executable, "manage.py", "migrate", "--noinput", "-v", "0", env=env)
    started = time.perf_counter()
    out = sh(sys.executable, "-m", "bench.generate", "--scale", scale, "--seed", str(seed), env=env)
    seconds = time.perf_counter() - started
    counts = json.loads(re.search(r"(\{.*\})", out.stdout).group(1).replace("'", '"'))
    marker.write_text(json.dumps({"counts": counts, "seconds": seconds}))
    return counts, seconds


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _timed_get(conn: http.client.HTTPConnection, path: str, cookie: str) -> tuple[int, float]:
    """One GET on a kept-alive connection: its status and milliseconds."""
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    return response.status, (time.perf_counter() - started) * 1000


def time_get(path: str, cookie: str, requests: int) -> tuple[int, list[float]]:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    timings = []
    status = 0
    for i in range(requests + 3):
        status, elapsed = _timed_get(conn, path, cookie)
        if i >= 3:  # the first requests warm caches and connections
            timings.append(elapsed)
    conn.close()
    return status, timings


def interleaved_ratio(page, reference, requests: int) -> str:
    """`page` against `reference`, asked by turns (page, reference, page, …) so that a machine
    whose speed drifts during the run (a shared host) slows both alike: the ratio of their
    medians and of their p95s."""
    timings: dict[str, list[float]] = {page.path: [], reference.path: []}
    connections = {
        p.path: http.client.HTTPConnection("127.0.0.1", PORT, timeout=60) for p in (page, reference)
    }
    for i in range(requests + 3):
        for p in (page, reference):
            _status, elapsed = _timed_get(connections[p.path], p.path, p.cookie)
            if i >= 3:  # the first requests warm caches and connections
                timings[p.path].append(elapsed)
    for conn in connections.values():
        conn.close()
    ours, theirs = timings[page.path], timings[reference.path]
    median = statistics.median(ours) / statistics.median(theirs)
    p95 = percentile(ours, 0.95) / percentile(theirs, 0.95)
    return f"median {median:.2f}×, p95 {p95:.2f}× ({requests} turns each)"


def wrk_rps(path: str, cookie: str, seconds: int = 5) -> float | None:
    if not shutil.which("wrk"):
        return None
    out = sh(
        "wrk",
        "-t2",
        "-c8",
        f"-d{seconds}s",
        "-H",
        f"Cookie: {cookie}",
        f"http://127.0.0.1:{PORT}{path}",
        check=False,
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return float(match.group(1)) if match else None


def run_scale(scale: str, seed: int, reuse: bool, requests: int, only: str = "") -> ScaleResult:
    database_url = f"{PG}/{database_name(scale)}"
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = bench_env(database_url, static_root)
    os.environ.update(env)
    counts, generate_s = prepare_database(scale, seed, reuse, env)
    sh(sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0", env=env)

    import django

    django.setup()
    from bench import pages as page_defs

    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "frivillig.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", PORT, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        result = ScaleResult(scale=scale, counts=counts, generate_s=round(generate_s, 1))
        for page in page_defs.pages():
            if only and only.lower() not in page.label.lower():
                continue
            status, timings = time_get(page.path, page.cookie, requests)
            result.pages.append(
                PageResult(
                    label=page.label,
                    path=page.path,
                    status=status,
                    median_ms=round(statistics.median(timings), 1),
                    p95_ms=round(percentile(timings, 0.95), 1),
                    queries=page_defs.query_count(page),
                    rps=wrk_rps(page.path, page.cookie),
                    note=page.note,
                )
            )
        result.extras = page_defs.extras(requests)
        by_label = {page.label: page for page in page_defs.pages()}
        ours = by_label.get("Association list, search + 2 filters")
        reference = by_label.get("Admin changelist, same search (reference)")
        if ours and reference and (not only or only.lower() in ours.label.lower()):
            result.extras["association list ÷ admin changelist, asked by turns"] = (
                interleaved_ratio(ours, reference, requests)
            )
        return result
    finally:
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(static_root, ignore_errors=True)


def machine() -> dict:
    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "postgres": sh(
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            "SHOW server_version",
            "postgres",
            check=False,
        ).stdout.strip(),
    }


def markdown(results: list[ScaleResult], meta: dict) -> str:
    lines = [
        f"Benchmark of {meta['commit']} on {meta['date']} ({meta['machine']['cores']} cores, "
        f"Python {meta['machine']['python']}, PostgreSQL {meta['machine']['postgres']}).",
        "",
        "| scale | page | status | median ms | p95 ms | queries | req/s (2 workers) |",
        "|---|---|---|---|---|---|---|",
    ]
    for result in results:
        for page in result.pages:
            rps = f"{page.rps:.0f}" if page.rps else "–"
            lines.append(
                f"| {result.scale} | {page.label} | {page.status} | {page.median_ms} | "
                f"{page.p95_ms} | {page.queries} | {rps} |"
            )
    lines.append("")
    for result in results:
        counts = ", ".join(f"{v:,} {k}".replace(",", " ") for k, v in result.counts.items())
        lines.append(f"- {result.scale}: {counts}; generated in {result.generate_s} s.")
        for key, value in result.extras.items():
            lines.append(f"  - {key}: {value}")
    return "\n".join(lines) + "\n"


def main() -> None:
    global DB_PREFIX, PORT
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default=os.environ.get("BENCH_SCALES", "S,M"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--reuse", action="store_true", help="reuse generated databases")
    parser.add_argument("--db-prefix", default=DB_PREFIX, help="databases <prefix>_s, _m…")
    parser.add_argument("--port", type=int, default=PORT, help="gunicorn's port")
    parser.add_argument("--pages", default="", help="only the pages whose label has this text")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    DB_PREFIX, PORT = args.db_prefix, args.port
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.one:
        # One scale per process: Django is set up once, on that scale's database.
        result = run_scale(args.one, args.seed, args.reuse, args.requests, args.pages)
        Path(args.out).write_text(json.dumps(asdict(result)))
        return
    results = []
    for scale in [s.strip().upper() for s in args.scales.split(",") if s.strip()]:
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            command = [
                sys.executable,
                "-m",
                "bench.run",
                "--one",
                scale,
                "--out",
                out.name,
                "--seed",
                str(args.seed),
                "--requests",
                str(args.requests),
                "--db-prefix",
                args.db_prefix,
                "--port",
                str(args.port),
                "--pages",
                args.pages,
            ]
            subprocess.run(command + (["--reuse"] if args.reuse else []), check=True)
            data = json.loads(Path(out.name).read_text())
        data["pages"] = [PageResult(**page) for page in data["pages"]]
        results.append(ScaleResult(**data))
    meta = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": sh("git", "rev-parse", "--short", "HEAD", check=False).stdout.strip(),
        "machine": machine(),
    }
    payload = {**meta, "results": [asdict(r) for r in results]}
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"{stamp}.json").write_text(json.dumps(payload, indent=2))
    table = markdown(results, meta)
    (RESULTS / f"{stamp}.md").write_text(table)
    if not args.pages:  # a run of some pages only does not replace the latest full one
        (RESULTS / "latest.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
