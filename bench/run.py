"""`make bench`: measure every key page against Django's own floor, served the production way.

1. builds a scaled data set in its own database (`--scale`, default 100x the demo),
2. serves the portal with gunicorn (2 sync workers, DEBUG off, whitenoise), with two reference
   pages mounted in the same server: a bare "ok" view and a plain 25-row page,
3. loads each page from another process with wrk (-t2 -c16) for a fixed time,
4. counts queries per request with Django's test client on the same database,
5. writes a Markdown table and JSON to bench-results/ and prints the table.

Targets are reported, never asserted: timings are noisy.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LUA = """
done = function(summary, latency, requests)
  io.write(string.format("JSON{\\"requests\\":%d,\\"duration_us\\":%d,\\"bytes\\":%d,\\"errors\\":%d,"
    .. "\\"non2xx\\":%d,\\"p50\\":%f,\\"p95\\":%f,\\"p99\\":%f}\\n",
    summary.requests, summary.duration, summary.bytes,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""


def environment(database_url, port):
    secret = "bench-only-secret-key-" + "k" * 40
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secret,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "VELSEN_BENCH_REFERENCE": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_TESTING", None)
    # Production-like: the shared cache is Redis when it runs (several app servers need it); the
    # bench keeps its keys apart from anything else in that Redis.
    if not env.get("REDIS_URL") and redis_reachable():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    env["DJANGO_CACHE_KEY_PREFIX"] = f"velsen-bench-{port}"
    return env


def redis_reachable(host="127.0.0.1", port=6379):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def manage(env, *args, capture=False):
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True)
    return result.stdout if capture else None


def prepare_database(database_url):
    """Create the bench database on PostgreSQL when it does not exist yet."""
    if not database_url.startswith("postgres"):
        return
    import psycopg

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def wait_until_up(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not come up at {url}")


def run_wrk(url, seconds, cookie=None, connections=16):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA)
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(url)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("JSON"))
    data = json.loads(line[4:])
    seconds_taken = data["duration_us"] / 1_000_000
    return {
        "rps": round(data["requests"] / seconds_taken, 1),
        "p50_ms": round(data["p50"], 2),
        "p95_ms": round(data["p95"], 2),
        "p99_ms": round(data["p99"], 2),
        "bytes_per_request": round(data["bytes"] / max(data["requests"], 1)),
        "errors": data["errors"],
        "non_2xx": data["non2xx"],
    }


def static_caching(base):
    """The home page's stylesheet: hashed name and far-future caching?"""
    import re

    with urllib.request.urlopen(base + "/", timeout=10) as response:  # noqa: S310 (loopback only)
        html = response.read().decode()
    url = re.search(r'href="(/static/css/portal[^"]*\.css)"', html).group(1)
    with urllib.request.urlopen(base + url, timeout=10) as response:  # noqa: S310 (loopback only)
        cache_control = response.headers.get("Cache-Control", "")
    hashed = re.search(r"\.[0-9a-f]{12}\.css$", url) is not None
    far_future = "immutable" in cache_control or "max-age=315360000" in cache_control
    verdict = "met" if hashed and far_future else "NOT met"
    return {"url": url, "cache_control": cache_control, "hashed": hashed, "verdict": verdict}


def markdown(results, meta):
    bare = results["reference: bare view"]["rps"]
    plain = results["reference: plain 25-row page"]["rps"]
    lines = [
        f"# Bench: {meta['database']} at scale {meta['scale']}, {meta['seconds']} s per page, wrk -t2 -c16, "
        "gunicorn 2 sync workers",
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | queries | bytes | vs bare | vs plain | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in results.items():
        target = row.get("target", "")
        lines.append(
            f"| {name} | {row['rps']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | "
            f"{row.get('queries', '')} | {row['bytes_per_request']} | {row['rps'] / bare:.0%} | "
            f"{row['rps'] / plain:.0%} | {target} |"
        )
    return "\n".join(lines) + "\n"


def judge(row, public, bare, plain):
    ok_speed = row["rps"] >= (0.5 * bare if public else 0.7 * plain)
    ok_p95 = row["p95_ms"] < 100
    ok_queries = row.get("queries", 0) <= 12
    verdict = "met" if ok_speed and ok_p95 and ok_queries and not row["non_2xx"] and not row["errors"] else "NOT met"
    goal = ">=50% bare" if public else ">=70% plain"
    return f"{verdict} ({goal}, p95<100, <=12 q)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=100, help="times the demo data (default 100)")
    parser.add_argument("--seconds", type=int, default=10, help="load time per page (default 10)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the data set even if its scale is there")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: sudo apt-get install -y wrk")

    database_url = args.database_url or f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
    (ROOT / "var").mkdir(exist_ok=True)
    prepare_database(database_url)
    env = environment(database_url, args.port)
    print(f"Building the data set (scale {args.scale}) in {database_url} ...", flush=True)
    rebuild = ["--force"] if args.rebuild else []
    manage(env, "bench_data", "--scale", str(args.scale), "--database-url", database_url, *rebuild)
    manage(env, "migrate", "--noinput", "-v0")  # an existing bench database gets newer migrations
    manage(env, "collectstatic", "--noinput", "-v0")
    plan = json.loads(manage(env, "bench_plan", capture=True))

    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "velsen_intl.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / "var" / "bench-server.log", "w"),  # noqa: SIM115 (open while the server runs)
        start_new_session=True,
    )
    results = {}
    try:
        wait_until_up(base + "/healthz")
        static = static_caching(base)
        pages = [
            {"name": "reference: bare view", "path": "/bench/bare", "public": True, "reference": True},
            {"name": "reference: plain 25-row page", "path": "/bench/plain", "public": True, "reference": True},
            *plan["pages"],
        ]
        for page in pages:
            cookie = plan["cookies"].get(page.get("role", ""), None)
            run_wrk(base + page["path"], 1, cookie)  # warm-up
            row = run_wrk(base + page["path"], args.seconds, cookie)
            row["queries"] = plan["queries"].get(page["path"], 0)
            row["path"] = page["path"]
            results[page["name"]] = row
            print(f"  {page['name']}: {row['rps']} req/s, p95 {row['p95_ms']} ms", flush=True)
        # The references again at the end, averaged with the first run: on a busy machine the floor
        # moves during the run, and each page is compared with the floor around it.
        for page in pages[:2]:
            first, again = results[page["name"]], run_wrk(base + page["path"], args.seconds)
            for key in ("rps", "p50_ms", "p95_ms", "p99_ms"):
                first[key] = round((first[key] + again[key]) / 2, 2)
            first["errors"] += again["errors"]
            first["non_2xx"] += again["non_2xx"]
            print(f"  {page['name']} (again, averaged): {first['rps']} req/s", flush=True)
        bare = results["reference: bare view"]["rps"]
        plain = results["reference: plain 25-row page"]["rps"]
        for page in plan["pages"]:
            results[page["name"]]["target"] = judge(results[page["name"]], page["public"], bare, plain)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)

    meta = {
        "database": "PostgreSQL" if database_url.startswith("postgres") else "SQLite",
        "scale": args.scale,
        "seconds": args.seconds,
        "home_first_view_bytes": plan.get("home_first_view_bytes"),
        "cache": "Redis" if env.get("REDIS_URL") else "local memory",
        "static": static,
    }
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    stem = f"bench-{meta['database'].lower()}-x{args.scale}"
    table = markdown(results, meta)
    if meta["home_first_view_bytes"]:
        size = meta["home_first_view_bytes"]
        verdict = "met" if size <= 60 * 1024 else "NOT met"
        table += f"\nHome page first view, compressed, with all its assets: {size} bytes ({verdict}: <= 60 KB).\n"
    table += f"Static asset {static['url']}: Cache-Control `{static['cache_control']}` ({static['verdict']}).\n"
    table += f"Cache: {meta['cache']}. Queries: a page rendered from scratch (a cached public page costs none).\n"
    (out / f"{stem}.md").write_text(table)
    (out / f"{stem}.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print()
    print(table)


if __name__ == "__main__":
    main()
