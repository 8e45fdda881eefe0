"""The search profile of bench/README.md ("Search profile"): for each query of bench/lua/search.lua, the
statements the shop sends on PostgreSQL (rebuilt here: SearchTokens' terms, the categories named by
the query, ProductSearch.OnePassAsync's statement, or the two statements it replaced), their
EXPLAIN (ANALYZE, BUFFERS) summary, and the CPU the database backend spends per search over the
whole list (each statement run REPS times in one session, the backend's /proc CPU time read).
  python3 bench/search_profile.py "host=127.0.0.1 port=55432 user=postgres dbname=DB" [explain|cpu] [REPS]
The database: one seeded with `bazaar seed --products 100000`, then VACUUM ANALYZE (bench/README.md)."""
import os, re, subprocess, sys, time, unicodedata

DSN = sys.argv[1]
MODE = sys.argv[2] if len(sys.argv) > 2 else "explain"
REPS = int(sys.argv[3]) if len(sys.argv) > 3 else 5
QUERIES = re.findall(r'"([^"]+)"', open(os.path.join(os.path.dirname(__file__), "lua/search.lua")).read().split("local queries = {")[1].split("}")[0])
STEPS = [50, 100, 200, 500, 1000]
MAX_RANKED = 2000


def sql(s):
    return subprocess.run(["psql", DSN, "-qAt", "-F", "\t", "-c", s], capture_output=True, text=True, check=True).stdout


# SearchTokens, as the shop cuts a query: Chinese runs into pairs (one character alone), Latin words lower-cased.
def runs(text):
    text, cur, kind = unicodedata.normalize("NFKC", text).lower(), "", None
    for c in text:
        k = True if 0x4E00 <= ord(c) <= 0x9FFF or 0x3400 <= ord(c) <= 0x4DBF else (False if c.isalnum() else None)
        if k != kind and cur:
            if kind is not None:
                yield cur, kind
            cur = ""
        kind = k
        if k is not None:
            cur += c
    if cur and kind is not None:
        yield cur, kind


def pairs(r):
    return [r[i] + r[i + 1] for i in range(len(r) - 1)]


def terms(q):
    zh, la = [], []
    for r, k in runs(q):
        if k:
            zh += [r] if len(r) == 1 else pairs(r)
        else:
            la.append(r)
    return list(dict.fromkeys(zh)), list(dict.fromkeys(la))


def words(*texts):
    w = []
    for t in texts:
        for r, k in runs(t):
            w += list(r) + pairs(r) if k else [r]
    return w


CATS = [(int(a), int(b), c, d, e) for a, b, c, d, e in
        (l.split("\t") for l in sql('SELECT "Id", coalesce("ParentId", 0), "NameZh", "NameEn", "Slug" FROM "Categories"').split("\n") if l)]


def named_categories(zh, la):  # BrowseProducts.CategoriesNamedAsync
    def named(c):
        w = words(c[2], c[3], c[4])
        return all(z in w for z in zh) and all(any(x.startswith(l) for x in w) for l in la)

    def tree(cid):
        return [cid] + [d for c in CATS if c[1] == cid for d in tree(c[0])]
    out = []
    for d in (c for c in CATS if c[1] == 0):
        aisles = [c for c in CATS if c[1] == d[0] and named(c)]
        out += [x for a in aisles for x in tree(a[0])] if aisles else (tree(d[0]) if named(d) else [])
    return out


def statements(q, kind):
    zh, la = terms(q)
    t = " & ".join(zh + [l + ":*" for l in la]).replace("'", "''")
    cats = named_categories(zh, la)
    match = f"""p."SearchVector" @@ to_tsquery('simple', '{t}')"""
    if cats:
        match = f"""({match} OR p."CategoryId" = ANY ('{{{",".join(map(str, cats))}}}'::int[]))"""
    band = "CASE " + "".join(f'WHEN m."Price" < {s} THEN {i} ' for i, s in enumerate(STEPS)) + f"ELSE {len(STEPS)} END"
    n = int(sql(f'SELECT count(*) FROM "Products" p WHERE p."IsPublished" AND {match}'))
    if kind == "before":  # f91b21f: grouped facets, then the page (ranked only up to MAX_RANKED)
        order = (f"""ts_rank(p."SearchVector", to_tsquery('simple', '{t}')) DESC""" if n <= MAX_RANKED else "(SELECT 1) DESC") + ', p."UnitsSold" DESC, p."Id"'
        return n, len(cats), [
            f'SELECT p."CategoryId", {band.replace("m.", "p.")}, TRUE, count(*) FROM "Products" p WHERE p."IsPublished" AND {match} GROUP BY 1, 2, 3',
            f'SELECT p."Id", p."Sku", p."NameZh", p."NameEn", p."Price", p."Currency", p."ImageUrl", p."UpdatedAt" FROM "Products" p '
            f'WHERE p."IsPublished" AND {match} ORDER BY {order} LIMIT 24 OFFSET 0'][: 2 if n else 1]
    rank = (f"""CASE WHEN (SELECT count(*) FROM f) <= {MAX_RANKED} THEN (SELECT ts_rank(r."SearchVector", to_tsquery('simple', '{t}')) """
            f"""FROM "Products" r WHERE r.ctid = f."Row") END DESC NULLS LAST, f."UnitsSold" DESC, f."Id" """)
    return n, len(cats), [f"""WITH m AS MATERIALIZED (SELECT p."Id", p.ctid AS "Row", p."CategoryId", p."Price", p."UnitsSold", p."CreatedAt" FROM "Products" p
        WHERE p."IsPublished" AND {match}), f AS (SELECT * FROM m WHERE TRUE AND TRUE),
      page AS (SELECT s."Id", row_number() OVER () AS "Position" FROM (SELECT f."Id" FROM f ORDER BY {rank} LIMIT 24 OFFSET 0) s)
      SELECT 0, m."CategoryId", {band}, TRUE, count(*)::int, 0, 0, '', '', '', 0::numeric, '', NULL::text, now()::timestamp FROM m GROUP BY 2, 3, 4
      UNION ALL SELECT 1, p."CategoryId", 0, TRUE, 0, page."Position"::int, p."Id", p."Sku", p."NameZh", p."NameEn", p."Price", p."Currency",
        p."ImageUrl", p."UpdatedAt" FROM page JOIN "Products" p ON p."Id" = page."Id" """]


def backend_cpu(kind):
    """CPU seconds of one backend running every query's statements REPS times (jit off, as the shop's SET LOCAL)."""
    script = "SET jit = off;\n\\o /tmp/search-profile-pid.txt\nSELECT pg_backend_pid();\n\\o /dev/null\nSELECT pg_sleep(0.5);\n"
    script += "".join(s.replace("\n", " ") + ";\n" for _ in range(REPS) for q in QUERIES for s in statements(q, kind)[2]) + "SELECT pg_sleep(1);\n"
    open("/tmp/search-profile.sql", "w").write(script)
    if os.path.exists("/tmp/search-profile-pid.txt"):
        os.remove("/tmp/search-profile-pid.txt")
    p, pid, last = subprocess.Popen(["psql", DSN, "-qAt", "-f", "/tmp/search-profile.sql"], stdout=subprocess.DEVNULL), None, 0
    while p.poll() is None:
        try:
            pid = pid or int(open("/tmp/search-profile-pid.txt").read())
            f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            last = int(f[11]) + int(f[12])
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    return last / os.sysconf("SC_CLK_TCK")


if MODE == "cpu":
    for kind in ("before", "after", "before", "after"):
        c = backend_cpu(kind)
        print(f"{kind}: {1000 * c / (REPS * len(QUERIES)):.1f} ms of backend CPU per search ({len(QUERIES)} queries x {REPS}); load {open('/proc/loadavg').read().split()[0]}")
else:
    print("query\ttsquery terms\tnamed categories\tmatches\tstatement\theap blocks\tbuffers\texecution")
    for q in QUERIES:
        for kind in ("before", "after"):
            n, c, stmts = statements(q, kind)
            for i, s in enumerate(stmts):
                out = sql("SET jit = off; EXPLAIN (ANALYZE, BUFFERS) " + s)
                blocks = sum(int(b) for b in re.findall(r"Heap Blocks: exact=(\d+)", out))
                buffers = re.search(r"Buffers: (shared [^\n]*)", out)
                took = re.search(r"Execution Time: ([0-9.]+ ms)", out).group(1)
                print(f"{q}\t{' & '.join(sum(terms(q), []))}\t{c}\t{n}\t{kind}{'' if kind == 'after' else ('-facets', '-page')[i]}\t{blocks}\t"
                      f"{buffers.group(1) if buffers else ''}\t{took}")
