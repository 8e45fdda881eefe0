"""Writes bench/run.sh's results as markdown: one table against the goals of issue 6, one with the
load, memory and CPU split of each scenario, and wrk's own output. Called by bench/run.sh with:
BENCH_JSONL (one JSON object per wrk run), BENCH_RAW (wrk's output as markdown), BENCH_OUT,
BENCH_CMD, BENCH_META ("key=value ..."), BENCH_LOAD_START."""
import datetime
import json
import os
import platform

MEMORY_GOAL_MB = 400

# name, what it is, goal text, check(row, fraction) -> bool. Every goal also needs zero errors.
SCENARIOS = [
    ("ceiling", "ceiling: nginx, static file of the product page's size", "", None),
    ("home", "home page `/`", "zero errors", lambda r, f: True),
    ("category", "category page `/categories/{id}` (all 30 categories)", ">= 40 % of ceiling", lambda r, f: f >= 0.40),
    ("product_html", "product page `/products/{id}` (1,000 ids)", ">= 60 % of ceiling", lambda r, f: f >= 0.60),
    ("product_html_hot", "product page, one hot product", ">= 60 % of ceiling", lambda r, f: f >= 0.60),
    ("product_api", "product API `/api/v1/products/{id}` (1,000 ids)", ">= 60 % of ceiling", lambda r, f: f >= 0.60),
    ("product_api_hot", "product API, one hot product", ">= 60 % of ceiling", lambda r, f: f >= 0.60),
    ("search", "search `/search?q=` (33 zh/en queries repeated, page cache busted, result cache allowed)",
     ">= 40 % of ceiling, p99 < 50 ms", lambda r, f: f >= 0.40 and r["p99_ms"] < 50),
    ("search_cold", "search, every query new (`search_cold.lua`: no cache can answer)", ">= 40 % of ceiling, p99 < 50 ms",
     lambda r, f: f >= 0.40 and r["p99_ms"] < 50),
    ("cart", "add to cart `POST /api/v1/cart/items`", "zero errors", lambda r, f: True),
    ("checkout", "checkout `POST /api/v1/orders` (Idempotency-Key)", ">= 1,000 orders/s (issue 3), zero oversell",
     lambda r, f: r["rps"] >= 1000 and META["broken"] == "0"),
    ("flash_sale", "flash sale", ">= 5,000 attempts/s, p99 < 100 ms, zero oversell",
     lambda r, f: r["rps"] >= 5000 and r["p99_ms"] < 100 and META.get("flash_broken", "0") == "0"),
]

META = dict(kv.split("=", 1) for kv in os.environ["BENCH_META"].split())
NUMERIC = {"requests", "duration_s", "rps", "p50_ms", "p75_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms",
           "non2xx3xx", "connect", "read", "write", "timeout", "hwm_kb", "rss_kb",
           "cpu_shop", "cpu_pg", "cpu_redis", "cpu_nginx", "cpu_wrk", "cpu_machine"}
ERRORS = ["non2xx3xx", "connect", "read", "write", "timeout"]


def load():
    runs = {}
    with open(os.environ["BENCH_JSONL"]) as f:
        for line in f:
            r = json.loads(line)
            for k in NUMERIC & r.keys():
                r[k] = float(r[k])
            runs.setdefault(r["name"], []).append(r)
    return runs


def median_run(rows):
    """The run with the median requests/s (the lower middle one of an even count)."""
    measured = sorted((r for r in rows if "rps" in r), key=lambda r: r["rps"])
    return measured[(len(measured) - 1) // 2] if measured else None


def ms(v):
    return f"{v:.1f} ms" if v < 100 else f"{v:,.0f} ms"


def errors_of(rows):
    total = {k: int(sum(r.get(k, 0) for r in rows)) for k in ERRORS}
    n = sum(total.values())
    parts = ", ".join(f"{k.replace('non2xx3xx', 'non-2xx/3xx')} {v:,}" for k, v in total.items() if v)
    return n, (f"**{n:,}** ({parts})" if n else "0")


def main():
    runs = load()
    ceiling = median_run(runs.get("ceiling", []))
    ceiling_rps = ceiling["rps"] if ceiling else float("nan")
    rounds = int(META["runs"])
    out = []
    w = out.append
    today = datetime.date.today().isoformat()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem_gib = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024
    w(f"# Storefront benchmark, {today}\n")
    w(f"Command: `{os.environ['BENCH_CMD']}` (bench/run.sh; see bench/README.md, \"Storefront\").\n")
    w(f"Machine: {os.cpu_count()} cores ({cpu}), {mem_gib:.0f} GiB, {platform.system()} {platform.release()}; "
      f"shared with other engineers' builds and tests. Load average (1, 5, 15 min) at the start of the "
      f"scenarios: {os.environ['BENCH_LOAD_START']}; at the end: {META['load_end'].replace(',', ' ')}.\n")
    w(f"Settings: wrk {META['threads']} threads, {META['connections']} connections, {META['duration']} s per run "
      f"(after {META['warmup']} s of unmeasured warm-up the first time), timeout {META['timeout']}, "
      f"{rounds} round(s){' (the row is the run with the median requests/s; errors are summed over every run)' if rounds > 1 else ''}. "
      f"Shop: Release build, PostgreSQL 15 + Redis on loopback, Npgsql pool {META['pool']}, logging at Warning; "
      f"{int(META['products']):,} published products, {META['customers']} customers. "
      f"Ceiling: nginx (worker_processes auto, access_log off) serving a static file of {int(META['page_bytes']):,} bytes, "
      f"the size of a product page.\n")
    w("| scenario | requests/s | p50 | p99 | p99.9 | errors | fraction of ceiling | goal | met? |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for name, label, goal, check in SCENARIOS:
        rows = runs.get(name)
        if not rows:
            continue
        r = median_run(rows)
        if r is None:
            w(f"| {label} | — | — | — | — | — | — | {goal} | {rows[0].get('note', 'not measured')} |")
            continue
        n_err, err_text = errors_of(rows)
        if name == "ceiling":
            w(f"| {label} | **{r['rps']:,.0f}** | {ms(r['p50_ms'])} | {ms(r['p99_ms'])} | {ms(r['p999_ms'])} | {err_text} | 1 | | |")
            continue
        fraction = r["rps"] / ceiling_rps
        met = check(r, fraction) and n_err == 0
        w(f"| {label} | **{r['rps']:,.0f}** | {ms(r['p50_ms'])} | {ms(r['p99_ms'])} | {ms(r['p999_ms'])} | {err_text} "
          f"| {fraction:.3f} | {goal} | {'yes' if met else '**no**'} |")
    measured = [r for rows in runs.values() for r in rows if "hwm_kb" in r]
    peak = max((r["hwm_kb"] for r in measured), default=0) / 1024
    w(f"| shop memory, peak (VmHWM) | | | | | | | < {MEMORY_GOAL_MB} MB | "
      f"{'yes' if peak < MEMORY_GOAL_MB else '**no**'}: {peak:,.0f} MB |")
    if "checkout" in runs:
        w(f"\nStock check after the checkout runs: {int(META['orders']):,} orders; stock rows where Reserved differs from the "
          f"units in non-cancelled orders or leaves 0..OnHand: **{META['broken']}**.")
    checks = os.environ.get("BENCH_FLASH_CHECKS", "")
    if "flash_sale" in runs and checks and os.path.exists(checks):
        w("\nFlash-sale check after each run (answers counted by bench/lua/flash.lua, 409 being the expected answer "
          "of a customer who did not win; the database and Redis read afterwards):\n")
        for line in open(checks):
            w(f"- {line.strip()}")
    w("\nPer scenario (the median run): the load average before and after it, the shop's memory after it "
      "(VmRSS now / VmHWM peak so far, from /proc/<pid>/status), and the CPU used while it ran, in cores "
      "(CPU seconds / wall seconds; 2 = the whole machine): the shop, the PostgreSQL backends of the shop's "
      "database, Redis, nginx, wrk, everything else (other engineers' builds and tests, PostgreSQL's own "
      "background processes) and the whole machine.\n")
    w("| scenario | load before → after | shop RSS / peak | shop | PostgreSQL | Redis | nginx | wrk | everything else | machine | requests/s of every run |")
    w("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, label, _, _ in SCENARIOS:
        r = median_run(runs.get(name, []))
        if r is None:
            continue
        every = ", ".join(f"{x['rps']:,.0f}" for x in runs[name])
        w(f"| {name} | {r['load_before'].split()[0]} → {r['load_after'].split()[0]} "
          f"| {r['rss_kb'] / 1024:,.0f} / {r['hwm_kb'] / 1024:,.0f} MB | {r['cpu_shop']:.2f} | {r['cpu_pg']:.2f} "
          f"| {r['cpu_redis']:.2f} | {r['cpu_nginx']:.2f} | {r['cpu_wrk']:.2f} "
          f"| {max(0.0, r['cpu_machine'] - sum(r[k] for k in ('cpu_shop', 'cpu_pg', 'cpu_redis', 'cpu_nginx', 'cpu_wrk'))):.2f} "
          f"| {r['cpu_machine']:.2f} | {every} |")
    summary_end = len(out)
    w("\n<details><summary>wrk's output</summary>\n")
    w(open(os.environ["BENCH_RAW"]).read())
    w("</details>")
    with open(os.environ["BENCH_OUT"], "w") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out[:summary_end]))


if __name__ == "__main__":
    main()
