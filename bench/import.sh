#!/usr/bin/env bash
# Product import benchmark: `bazaar import products FILE.csv` with a generated file of N rows
# (Chinese and English names, quoted descriptions with commas and line breaks, 30 categories), run
# RUNS times on a fresh SQLite database, and on a fresh PostgreSQL database when BAZAAR_TEST_POSTGRES
# is set (source the env file that scripts/test-services.sh start prints). Each run times two imports:
#   create  the file into an empty catalog (every row a new product with stock),
#   update  a second file with the same SKUs, every price and stock changed (every row an update).
# Prints each run's seconds (the command's own "in X s", from header to last commit) and the medians.
#   bash bench/import.sh [rows=100000] [runs=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROWS="${1:-100000}"; RUNS="${2:-3}"
WORK="$(mktemp -d /tmp/bazaar-import-bench.XXXX)"
PG_DB=""
cleanup() {
  if [ -n "$PG_DB" ]; then
    psql "$(pg_url postgres)" -qAt -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The test server's connection string (Host=..;Port=..;Username=..) as a libpq URL for psql.
pg_url() {
  local host port user
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$BAZAAR_TEST_POSTGRES")
  port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$BAZAAR_TEST_POSTGRES")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$BAZAAR_TEST_POSTGRES")
  echo "postgresql://${user:-postgres}@${host:-127.0.0.1}:${port:-5432}/$1"
}

# $1 file, $2 price offset (fen), $3 stock offset: the same SKUs with other prices and stock.
generate() {
  awk -v rows="$ROWS" -v dprice="$2" -v dstock="$3" 'BEGIN {
    split("phones earphones cameras smartwatches laptops tablets keyboards printers tvs fridges air-conditioners kitchen menswear womenswear sneakers bags tea snacks fruit grain-oil bedding furniture cleaning kitchenware", slug, " ");
    printf "\xef\xbb\xbfsku,nameZh,nameEn,descriptionZh,descriptionEn,price,category,stock,published\r\n";
    for (i = 1; i <= rows; i++) {
      price = (i * 37 % 99900) + 100 + dprice;
      printf "IMP-%07d,导入测试商品 %d 号,Import test product %d,\"第 %d 件，用于导入基准测试。\nThe second line, with \"\"quotes\"\".\",\"Benchmark product %d, with a comma\",%d.%02d,%s,%d,%s\r\n",
        i, i, i, i, i, price / 100, price % 100, slug[i % 24 + 1], (i % 500) + dstock, (i % 10 ? "true" : "false");
    }
  }' > "$1"
}

# The number before WORD on the report line ("100,000 created"), without thousands separators.
count() { sed -n "s/^Imported .* \([0-9,]*\) $1.*/\1/p" "$2" | tr -d ,; }

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

dotnet build "$ROOT/src/Bazaar" -c Release -nologo -v quiet -clp:ErrorsOnly
BAZAAR="$ROOT/src/Bazaar/bin/Release/net10.0/bazaar.dll"
generate "$WORK/create.csv" 0 0
generate "$WORK/update.csv" 150 7
echo "$ROWS rows: $(du -h "$WORK/create.csv" | cut -f1) per file; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# $1 label; the database comes from the caller's environment. Prints "create update" seconds.
run_once() {
  dotnet "$BAZAAR" seed > "$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; exit 1; }
  local create update
  dotnet "$BAZAAR" import products "$WORK/create.csv" > "$WORK/create.log" 2>&1 || { tail -5 "$WORK/create.log" >&2; exit 1; }
  dotnet "$BAZAAR" import products "$WORK/update.csv" > "$WORK/update.log" 2>&1 || { tail -5 "$WORK/update.log" >&2; exit 1; }
  [ "$(count created "$WORK/create.log")" = "$ROWS" ] || { echo "create: not every row created" >&2; tail -3 "$WORK/create.log" >&2; exit 1; }
  [ "$(count updated "$WORK/update.log")" = "$ROWS" ] || { echo "update: not every row updated" >&2; tail -3 "$WORK/update.log" >&2; exit 1; }
  create=$(sed -n 's/^Imported .* in \([0-9.]*\) s:.*/\1/p' "$WORK/create.log")
  update=$(sed -n 's/^Imported .* in \([0-9.]*\) s:.*/\1/p' "$WORK/update.log")
  echo "$create $update"
}

report() { # $1 label, $2 file of "create update" lines
  echo "$1 create: $(cut -d' ' -f1 "$2" | tr '\n' ' ')-> median $(cut -d' ' -f1 "$2" | median) s"
  echo "$1 update: $(cut -d' ' -f2 "$2" | tr '\n' ' ')-> median $(cut -d' ' -f2 "$2" | median) s"
}

export Logging__LogLevel__Default=Warning Seed__DemoCatalog=true
: > "$WORK/sqlite.txt"
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/sqlite-data"
  Database__Provider=Sqlite ConnectionStrings__Shop="" Storage__DataDirectory="$WORK/sqlite-data" run_once >> "$WORK/sqlite.txt"
  echo "SQLite run $run: $(tail -1 "$WORK/sqlite.txt") (load $(cut -d' ' -f1 /proc/loadavg))"
done
report SQLite "$WORK/sqlite.txt"

if [ -n "${BAZAAR_TEST_POSTGRES:-}" ]; then
  : > "$WORK/pg.txt"
  for run in $(seq 1 "$RUNS"); do
    PG_DB="bazaar_import_bench_$$_$run"
    psql "$(pg_url postgres)" -qAt -c "CREATE DATABASE $PG_DB" >/dev/null
    Database__Provider=Postgres ConnectionStrings__Shop="$BAZAAR_TEST_POSTGRES;Database=$PG_DB" run_once >> "$WORK/pg.txt"
    echo "PostgreSQL run $run: $(tail -1 "$WORK/pg.txt") (load $(cut -d' ' -f1 /proc/loadavg))"
    psql "$(pg_url postgres)" -qAt -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
    PG_DB=""
  done
  report PostgreSQL "$WORK/pg.txt"
fi
