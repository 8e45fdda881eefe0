#!/usr/bin/env bash
# The storefront benchmark (issue 6): the shop on PostgreSQL + Redis with 100,000 seeded products,
# every scenario measured with wrk on loopback against the ceiling of this machine measured in the
# same run (nginx serving a static file the size of a product page), written to
# bench/results/<date>.md with the issue's goals. See bench/README.md ("Storefront").
#   bash bench/run.sh
# Settings (environment):
#   BENCH_DURATION=20      seconds of each measured wrk run
#   BENCH_CONNECTIONS=64   wrk connections; BENCH_THREADS=2 wrk threads; BENCH_TIMEOUT=10s
#   BENCH_RUNS=1           rounds of every scenario; the table shows the run with the median rps
#   BENCH_WARMUP=5         seconds of unmeasured wrk before each scenario's first run (JIT, caches)
#   BENCH_PRODUCTS=100000  products seeded with `bazaar seed --products`
#   BENCH_CUSTOMERS=200    customers registered for the cart and checkout scenarios
#   BENCH_POOL=16          Npgsql Maximum Pool Size of the shop (as bench/checkout.sh)
#   BENCH_FLASH_UNITS=100  units of the flash sale the crowd goes for
#   BENCH_FLASH_CUSTOMERS=10000  distinct buyers in that crowd (`bazaar seed customers`, tokens minted in bulk)
#   BENCH_ONLY="search cart"  run only these scenarios (the ceiling always runs)
#   BENCH_RESULTS=path.md  where to write the results (default bench/results/<YYYY-MM-DD>.md)
# It starts (and on exit or Ctrl-C stops) only what it starts: the shop, nginx, its database, and
# PostgreSQL/Redis only if they were not already answering.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${BENCH_DURATION:-20}"; CONNECTIONS="${BENCH_CONNECTIONS:-64}"; THREADS="${BENCH_THREADS:-2}"
TIMEOUT="${BENCH_TIMEOUT:-10s}"; RUNS="${BENCH_RUNS:-1}"; WARMUP="${BENCH_WARMUP:-5}"
PRODUCTS="${BENCH_PRODUCTS:-100000}"; CUSTOMERS="${BENCH_CUSTOMERS:-200}"; POOL="${BENCH_POOL:-16}"
ONLY="${BENCH_ONLY:-}"; FLASH_UNITS="${BENCH_FLASH_UNITS:-100}"; FLASH_CUSTOMERS="${BENCH_FLASH_CUSTOMERS:-10000}"
SCENARIOS=(home category product_html product_html_hot product_api product_api_hot search search_cold cart checkout flash_sale)
COMMAND="$( (env | grep '^BENCH_' | sort | tr '\n' ' ') || true)bash bench/run.sh"
WORK="$(mktemp -d /tmp/bazaar-bench-run.XXXX)"
export BENCH_LUA="$ROOT/bench/lua"
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }

# ---------------------------------------------------------------- what this script starts, and its end
SHOP_PID=""; NGINX_PID=""; NGX=""; DB=""; STOP_SERVICES=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$SHOP_PID" ] && kill -0 "$SHOP_PID" 2>/dev/null; then
    kill "$SHOP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SHOP_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$SHOP_PID" 2>/dev/null; then
      log "the shop did not stop within 30 s of SIGTERM: killing it; the end of its log:"
      tail -15 "$WORK/shop.log" >&2 || true
      kill -9 "$SHOP_PID" 2>/dev/null || true
    fi
  fi
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$NGINX_PID" 2>/dev/null || true
  fi
  if [ -n "$DB" ]; then psql "$PG dbname=postgres" -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ -n "$STOP_SERVICES" ]; then bash "$ROOT/scripts/test-services.sh" stop || true; fi
  rm -rf "$WORK" ${NGX:+"$NGX"}
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# A loopback port nobody listens on, from $1 up.
free_port() {
  local p="$1"
  while [ -n "$(ss -Htln "sport = :$p" 2>/dev/null)" ]; do p=$((p + 1)); done
  echo "$p"
}

apt_install() {
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
command -v wrk >/dev/null || apt_install wrk
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then apt_install nginx-light || apt_install nginx; fi
NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"

# ---------------------------------------------------------------- PostgreSQL, Redis, the database, the shop
PG_PORT="${BAZAAR_TEST_PG_PORT:-55432}"; REDIS_PORT="${BAZAAR_TEST_REDIS_PORT:-56379}"
if ! pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null && ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 \
   && [ -z "${BENCH_KEEP_SERVICES:-}" ]; then
  STOP_SERVICES=1
fi
source "$(bash "$ROOT/scripts/test-services.sh" start)"
PG="host=127.0.0.1 port=$PG_PORT user=postgres"
sql() { psql "$PG dbname=$DB" -qAt -v ON_ERROR_STOP=1 "$@"; }

log "building Release"
dotnet build "$ROOT/src/Bazaar" -c Release -nologo -v quiet -clp:ErrorsOnly
DB="bazaar_bench_run_$$"
psql "$PG dbname=postgres" -qAt -c "CREATE DATABASE $DB" >/dev/null
PORT="$(free_port 5380)"; BASE="http://127.0.0.1:$PORT"
ADMIN_PASSWORD="bench-admin-$$"
# The shop's settings, for the web process and the seed command alike.
SHOP_ENV=(Database__Provider=Postgres
  "ConnectionStrings__Shop=Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DB;Maximum Pool Size=$POOL"
  "Redis__Configuration=$BAZAAR_TEST_REDIS" "Caching__Name=bench$$" "Admin__Password=$ADMIN_PASSWORD"
  "Storage__DataDirectory=$WORK/data" Logging__LogLevel__Default=Warning
  # The load comes from one address: the per-address sign-in and registration limits are for strangers.
  RateLimits__SignInsPerMinute=1000000 RateLimits__RegistrationsPerHour=1000000
  # The bench takes an admin token with the password alone to stock the shop: a throwaway shop, so
  # operators' two-factor sign-in is off here (never on a real shop; Accounts/AdminTwoFactorTests keep it on).
  Accounts__RequireAdminTwoFactor=false)
log "starting the shop on $BASE (database $DB)"
# One subshell that execs dotnet, so $! is the shop process itself (its /proc/<pid>/status, its kill).
(cd "$ROOT/src/Bazaar" && exec env "${SHOP_ENV[@]}" dotnet bin/Release/net10.0/bazaar.dll --urls "$BASE") > "$WORK/shop.log" 2>&1 &
SHOP_PID=$!
for _ in $(seq 1 240); do curl -sf "$BASE/readyz" >/dev/null 2>&1 && break; kill -0 "$SHOP_PID" || break; sleep 0.5; done
curl -sf "$BASE/readyz" >/dev/null || { cat "$WORK/shop.log" >&2; exit 1; }

# Seeded while the shop runs, as an operator would on a live shop: the listings read the database,
# and the product cache has never seen these ids, so the shop serves them at once (checked below).
log "seeding $PRODUCTS products into the running shop's database"
(cd "$ROOT/src/Bazaar" && env "${SHOP_ENV[@]}" dotnet bin/Release/net10.0/bazaar.dll seed --products "$PRODUCTS") > "$WORK/seed.log" 2>&1 || { tail -20 "$WORK/seed.log" >&2; exit 1; }
grep '^Added' "$WORK/seed.log" >&2 || true
sql -c 'VACUUM ANALYZE' # the statistics a live database would have; autovacuum would get there later
TOTAL_PRODUCTS=$(sql -c 'SELECT COUNT(*) FROM "Products" WHERE "IsPublished"')
LAST=$(sql -c 'SELECT MAX("Id") FROM "Products"')
[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/products/$LAST")" = 200 ] || { log "the shop does not serve product $LAST"; exit 1; }
log "$TOTAL_PRODUCTS published products; the shop serves the last seeded one ($LAST)"

# ---------------------------------------------------------------- fixtures: ids, customers, products to order
sql -c 'SELECT "Id" FROM "Products" WHERE "IsPublished" ORDER BY random() LIMIT 1000' > "$WORK/product-ids"
HOT=$(head -1 "$WORK/product-ids")
sql -c 'SELECT p."Id" FROM "Products" p JOIN "StockLevels" s ON s."ProductId" = p."Id"
        WHERE p."IsPublished" AND s."OnHand" - s."Reserved" >= 100 ORDER BY random() LIMIT 1000' > "$WORK/cart-ids"
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
curl -sf "$BASE/api/v1/categories" \
  | json '"\n".join(str(i) for c in d for i in [c["id"]] + [k["id"] for k in c.get("children", [])])' > "$WORK/category-ids"
ADMIN=$(curl -sf -X POST "$BASE/api/v1/accounts/token" -H 'content-type: application/json' \
  -d "{\"login\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | json 'd["accessToken"]')
CATEGORY=$(head -2 "$WORK/category-ids" | tail -1)
new_product() {
  curl -sf -X POST "$BASE/api/v1/admin/products" -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
    -d "{\"sku\":\"BENCH-$1\",\"nameZh\":\"压测商品 $1\",\"nameEn\":\"Bench product $1\",\"price\":19.90,\"categoryId\":$CATEGORY,\"isPublished\":true,\"stock\":$2}" \
    | json 'd["id"]'
}
ORDER_HOT=$(new_product HOT 1000000)
for i in $(seq 1 20); do new_product "C$i" 1000000; done > "$WORK/order-ids"

register() { # n -> "n address"
  local n="$1" phone token; phone="1390$(printf '%07d' "$n")"
  curl -sf -X POST "$BASE/api/v1/accounts/register" -H 'content-type: application/json' \
    -d "{\"userName\":\"bench$n\",\"phoneNumber\":\"$phone\",\"password\":\"bench-password\"}" >/dev/null
  token=$(sign_in "$n")
  curl -sf -X POST "$BASE/api/v1/accounts/me/addresses" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"recipient\":\"压测$n\",\"phone\":\"$phone\",\"province\":\"浙江省\",\"city\":\"杭州市\",\"district\":\"西湖区\",\"street\":\"文三路 $n 号\",\"postcode\":\"310000\"}" \
    | python3 -c "import sys,json; print('$n', json.load(sys.stdin)['id'])"
}
sign_in() {
  curl -sf -X POST "$BASE/api/v1/accounts/token" -H 'content-type: application/json' \
    -d "{\"login\":\"bench$1\",\"password\":\"bench-password\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])'
}
# Bearer tokens live an hour: "token address" lines, issued anew when the last ones are 45 minutes old.
TOKENS_AT=-100000
fresh_tokens() {
  [ $((SECONDS - TOKENS_AT)) -lt 2700 ] && return
  xargs -P 4 -L 1 bash -c 'echo "$(sign_in "$0") $1"' < "$WORK/addresses" > "$WORK/customers"
  [ "$(awk 'NF == 2' "$WORK/customers" | wc -l)" -eq "$CUSTOMERS" ] || { log "could not sign the customers in"; exit 1; }
  TOKENS_AT=$SECONDS
}
export -f register sign_in; export BASE
log "registering $CUSTOMERS customers"
seq 1 "$CUSTOMERS" | xargs -P 4 -I{} bash -c 'register {}' > "$WORK/addresses"
[ "$(wc -l < "$WORK/addresses")" -eq "$CUSTOMERS" ] || { log "registration failed"; exit 1; }

# ---------------------------------------------------------------- the ceiling: nginx, a static file of the product page's size
PAGE_BYTES=$(curl -sf "$BASE/products/$HOT" | tee "$WORK/product.html" | wc -c)
NGX="$(mktemp -d /tmp/bazaar-bench-nginx.XXXX)"; chmod 755 "$NGX"; mkdir -p "$NGX/www" "$NGX/tmp"
cp "$WORK/product.html" "$NGX/www/product.html"; chmod 644 "$NGX/www/product.html"
NGINX_PORT="$(free_port $((PORT + 1)))"
cat > "$NGX/nginx.conf" <<CONF
worker_processes auto;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  client_body_temp_path $NGX/tmp/body; proxy_temp_path $NGX/tmp/proxy; fastcgi_temp_path $NGX/tmp/fastcgi;
  uwsgi_temp_path $NGX/tmp/uwsgi; scgi_temp_path $NGX/tmp/scgi;
  server { listen 127.0.0.1:$NGINX_PORT; root $NGX/www; }
}
CONF
"$NGINX_BIN" -p "$NGX" -c "$NGX/nginx.conf" -g 'daemon off;' 2> "$NGX/stderr" &
NGINX_PID=$!
for _ in $(seq 1 40); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/product.html" && break; sleep 0.25; done
[ "$(curl -sf "http://127.0.0.1:$NGINX_PORT/product.html" | wc -c)" -eq "$PAGE_BYTES" ] || { cat "$NGX/stderr" "$NGX/error.log" >&2; exit 1; }
log "nginx on 127.0.0.1:$NGINX_PORT serves $PAGE_BYTES bytes (the size of /products/$HOT)"

# ---------------------------------------------------------------- measuring
TICK=$(getconf CLK_TCK)
# CPU ticks (user + system) of the given processes, summed; gone processes count 0.
ticks() { local t=0 p v; for p in "$@"; do v=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}') || v=0; t=$((t + ${v:-0})); done; echo "$t"; }
machine_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# "pid ticks" of the PostgreSQL backends serving our database (the pool's connections).
pg_backends() { ps -u postgres -o pid=,args= | awk -v db=" $DB " 'index($0, db) {print $1}' | while read -r p; do echo "$p $(ticks "$p")"; done; }
REDIS_PID=$(ss -Htlnp "sport = :$REDIS_PORT" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
nginx_pids() { echo "$NGINX_PID"; ps --ppid "$NGINX_PID" -o pid= 2>/dev/null || true; }
status_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$SHOP_PID/status"; }
WARMED=" "

# measure NAME ROUND URL LUA [VAR=value ...]: one wrk run, one line of $WORK/results.tsv.
measure() {
  local name="$1" round="$2" url="$3" lua="$4"; shift 4
  if [ "$WARMUP" -gt 0 ] && [[ "$WARMED" != *" $name "* ]]; then
    env "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout "$TIMEOUT" -s "$BENCH_LUA/$lua" "$url" > /dev/null
    WARMED="$WARMED$name "
  fi
  local load0 load1 shop0 pg0 redis0 nginx0 machine0 t0 t1 wrk_cpu
  load0=$(cut -d' ' -f1-3 /proc/loadavg)
  shop0=$(ticks "$SHOP_PID"); pg_backends > "$WORK/pg0"; redis0=$(ticks "$REDIS_PID")
  nginx0=$(ticks $(nginx_pids)); machine0=$(machine_ticks); t0=$(date +%s.%N)
  ( env "$@" wrk --latency -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout "$TIMEOUT" -s "$BENCH_LUA/$lua" "$url" \
      > "$WORK/wrk-$name-$round.txt"; times > "$WORK/times" )
  t1=$(date +%s.%N)
  local shop1 redis1 nginx1 machine1 pg
  shop1=$(ticks "$SHOP_PID"); redis1=$(ticks "$REDIS_PID"); nginx1=$(ticks $(nginx_pids)); machine1=$(machine_ticks)
  pg=$(pg_backends | awk 'NR == FNR {before[$1] = $2; next} {t += $2 - ($1 in before ? before[$1] : 0)} END {print t + 0}' "$WORK/pg0" -)
  load1=$(cut -d' ' -f1-3 /proc/loadavg)
  # `times`, second line: the children's user and system time, "1m2.345s 0m6.789s".
  wrk_cpu=$(tail -1 "$WORK/times" | awk '{n = 0; for (i = 1; i <= 2; i++) {split($i, a, /[ms]/); n += a[1] * 60 + a[2]} print n}')
  local result; result=$(grep '^RESULT' "$WORK/wrk-$name-$round.txt") || { cat "$WORK/wrk-$name-$round.txt" >&2; exit 1; }
  echo "$result" | tr ' ' '\n' | grep = | sed 's/=/\t/' > "$WORK/kv"
  {
    echo -e "name\t$name"; echo -e "round\t$round"; cat "$WORK/kv"
    echo -e "load_before\t$load0"; echo -e "load_after\t$load1"
    echo -e "hwm_kb\t$(status_kb VmHWM)"; echo -e "rss_kb\t$(status_kb VmRSS)"
    python3 -c "
w = $t1 - $t0; t = $TICK
for k, v in [('cpu_shop', $shop1 - $shop0), ('cpu_pg', $pg), ('cpu_redis', $redis1 - $redis0),
             ('cpu_nginx', $nginx1 - $nginx0), ('cpu_machine', $machine1 - $machine0)]:
    print(f'{k}\t{v / t / w:.2f}')
print(f'cpu_wrk\t{$wrk_cpu / w:.2f}')"
  } | python3 -c 'import sys, json; print(json.dumps(dict(l.rstrip("\n").split("\t", 1) for l in sys.stdin)))' >> "$WORK/results.jsonl"
  log "$name: $(awk -F'\t' '$1 ~ /^(rps|p50_ms|p99_ms|p999_ms|non2xx3xx|connect|read|write|timeout)$/ {printf "%s=%s ", $1, $2}' "$WORK/kv")| load $load0 -> $load1"
}

# not_measured NAME ROUND NOTE: the scenario's row says why there is no figure.
not_measured() {
  python3 -c 'import sys, json; print(json.dumps({"name": sys.argv[1], "round": sys.argv[2], "note": sys.argv[3]}))' "$1" "$2" "$3" >> "$WORK/results.jsonl"
  log "$1: $3"
}

# ---------------------------------------------------------------- the scenarios: one function each, $1 = round
scenario_ceiling()         { measure ceiling "$1" "http://127.0.0.1:$NGINX_PORT/product.html" plain.lua; }
scenario_home()            { measure home "$1" "$BASE/" plain.lua; }
scenario_category()        { measure category "$1" "$BASE" paths.lua BENCH_IDS="$WORK/category-ids" BENCH_PATH="/categories/%d"; }
scenario_product_html()    { measure product_html "$1" "$BASE" paths.lua BENCH_IDS="$WORK/product-ids" BENCH_PATH="/products/%d"; }
scenario_product_html_hot(){ measure product_html_hot "$1" "$BASE/products/$HOT" plain.lua; }
scenario_product_api()     { measure product_api "$1" "$BASE" paths.lua BENCH_IDS="$WORK/product-ids" BENCH_PATH="/api/v1/products/%d"; }
scenario_product_api_hot() { measure product_api_hot "$1" "$BASE/api/v1/products/$HOT" plain.lua; }
scenario_search()          { measure search "$1" "$BASE" search.lua; }
scenario_search_cold()     { measure search_cold "$1" "$BASE" search_cold.lua BENCH_THREADS="$THREADS"; }
scenario_cart() {
  fresh_tokens
  sql -c 'DELETE FROM "CartLines"' # every run starts from empty carts (ten lines each at most, see cart.lua)
  measure cart "$1" "$BASE" cart.lua BENCH_CUSTOMERS="$WORK/customers" BENCH_IDS="$WORK/cart-ids"
}
scenario_checkout() {
  fresh_tokens
  measure checkout "$1" "$BASE" orders.lua BENCH_CUSTOMERS="$WORK/customers" BENCH_IDS="$WORK/order-ids" BENCH_HOT="$ORDER_HOT"
}
# Flash sale (issue 6; goal >= 5,000 attempts/s, p99 < 100 ms, zero oversell): a sale of FLASH_UNITS
# units at 9.90 of a product with 1,000, put on sale through the admin API; FLASH_CUSTOMERS distinct
# customers try, round robin, for the whole run, with a fresh Idempotency-Key each time
# (bench/lua/flash.lua). The first attempt of FLASH_UNITS customers wins; every other answer is a 409,
# sold out (decided in Redis) or already bought (a winner again). The warm-up crowds at a sale of its
# own, so the measured sale starts full. Then flash_check compares the answers, the database and Redis.
# The crowd is made by `bazaar seed customers` (one password hash for all, tokens minted without a
# sign-in each), renewed like the other tokens when the last ones are 45 minutes old.
FLASH_TOKENS_AT=-100000
flash_crowd() {
  [ $((SECONDS - FLASH_TOKENS_AT)) -lt 2700 ] && return
  log "seeding $FLASH_CUSTOMERS flash-sale customers with tokens (bazaar seed customers)"
  (cd "$ROOT/src/Bazaar" && env "${SHOP_ENV[@]}" dotnet bin/Release/net10.0/bazaar.dll seed customers "$FLASH_CUSTOMERS" \
     --prefix flash --password bench-password --tokens "$WORK/flash-customers") > "$WORK/flash-seed.log" 2>&1 \
    || { tail -20 "$WORK/flash-seed.log" >&2; exit 1; }
  grep 'customers with a token' "$WORK/flash-seed.log" >&2 || true
  [ "$(wc -l < "$WORK/flash-customers")" -eq "$FLASH_CUSTOMERS" ] || { log "could not seed the flash-sale crowd"; exit 1; }
  FLASH_TOKENS_AT=$SECONDS
}
new_flash_sale() { # NAME -> "saleId productId"
  local product; product=$(new_product "FLASH-$1-$$" 1000)
  curl -sf -X POST "$BASE/api/v1/admin/flash-sales" -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
    -d "{\"productId\":$product,\"price\":9.90,\"quantity\":$FLASH_UNITS}" | json "d['id'] + ' $product'"
}
scenario_flash_sale() {
  flash_crowd
  local sale product
  if [ "$WARMUP" -gt 0 ] && [[ "$WARMED" != *" flash_sale "* ]]; then
    read -r sale product <<<"$(new_flash_sale "W$1")"
    env BENCH_CUSTOMERS="$WORK/flash-customers" BENCH_SALE="$sale" \
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout "$TIMEOUT" -s "$BENCH_LUA/flash.lua" "$BASE" > /dev/null
    WARMED="$WARMED""flash_sale "
  fi
  read -r sale product <<<"$(new_flash_sale "M$1")"
  measure flash_sale "$1" "$BASE" flash.lua BENCH_CUSTOMERS="$WORK/flash-customers" BENCH_SALE="$sale"
  flash_check "$1" "$sale" "$product"
}

# After a flash-sale run: exactly min(units, customers) units sold, as many orders at 9.90 for the product,
# one per customer, as many purchases and 201 answers, no other status, and Redis agreeing with the
# database. Appends one line to $WORK/flash-checks; FLASH_BROKEN counts the runs where anything differs.
FLASH_BROKEN=0
flash_check() {
  local round="$1" sale="$2" product="$3" expected=$(( FLASH_UNITS < FLASH_CUSTOMERS ? FLASH_UNITS : FLASH_CUSTOMERS ))
  local sold purchases orders buyers at_price remaining created refused other
  read -r sold purchases <<<"$(sql -F' ' -c "SELECT \"Sold\", (SELECT COUNT(*) FROM \"FlashSalePurchases\" WHERE \"FlashSaleId\" = '$sale')
                                             FROM \"FlashSales\" WHERE \"Id\" = '$sale'")"
  read -r orders buyers at_price <<<"$(sql -F' ' -c "SELECT COUNT(*), COUNT(DISTINCT o.\"CustomerId\"), COUNT(*) FILTER (WHERE l.\"UnitPrice\" = 9.90)
                                                  FROM \"Orders\" o JOIN \"OrderLines\" l ON l.\"OrderId\" = o.\"Id\" WHERE l.\"ProductId\" = $product")"
  remaining=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" GET "bench$$:flash:{${sale//-/}}:remaining")
  read -r created refused other <<<"$(sed -n 's/^FLASH created=\([0-9]*\) refused=\([0-9]*\) other=\([0-9]*\)$/\1 \2 \3/p' "$WORK/wrk-flash_sale-$round.txt")"
  local verdict="as expected"
  if [ "$sold" != "$expected" ] || [ "$purchases" != "$expected" ] || [ "$orders" != "$expected" ] || [ "$buyers" != "$expected" ] \
     || [ "$at_price" != "$expected" ] || [ "$created" != "$expected" ] || [ "$other" != 0 ] || [ "$remaining" != $((FLASH_UNITS - sold)) ]; then
    verdict="**not as expected**"; FLASH_BROKEN=$((FLASH_BROKEN + 1))
  fi
  echo "round $round: $FLASH_UNITS units, $FLASH_CUSTOMERS customers; $((created + refused + other)) attempts: $created won (201), $refused refused (409), $other other; database: sold $sold, $purchases purchases, $orders orders at 9.90 for $buyers customers; Redis remaining $remaining: $verdict" >> "$WORK/flash-checks"
  log "flash sale check: $(tail -1 "$WORK/flash-checks")"
}

# Every order the checkout and flash-sale scenarios placed, against the stock: Reserved = units in
# non-cancelled orders + units a flash sale still holds, 0 <= Reserved <= OnHand (bench/checkout.sh's
# check). Prints the number of broken rows.
stock_check() {
  sql -F' ' -c "
    WITH sold AS (
      SELECT l.\"ProductId\" AS id, SUM(l.\"Quantity\") AS q FROM \"OrderLines\" l
      JOIN \"Orders\" o ON o.\"Id\" = l.\"OrderId\" WHERE o.\"Status\" <> 'Cancelled' GROUP BY l.\"ProductId\"),
    held AS (
      SELECT r.\"ProductId\" AS id, SUM(r.\"Quantity\") AS q FROM \"StockReservations\" r
      JOIN \"FlashSales\" f ON f.\"Id\" = r.\"OrderId\" WHERE r.\"Status\" = 0 GROUP BY r.\"ProductId\")
    SELECT COUNT(*) FILTER (WHERE NOT (s.\"Reserved\" = COALESCE(sold.q, 0) + COALESCE(held.q, 0)
                                       AND s.\"Reserved\" BETWEEN 0 AND s.\"OnHand\")),
           COALESCE(SUM(sold.q), 0)
    FROM \"StockLevels\" s LEFT JOIN sold ON sold.id = s.\"ProductId\" LEFT JOIN held ON held.id = s.\"ProductId\""
}

selected() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "scenarios: ${DURATION}s each, $CONNECTIONS connections, $THREADS threads, $RUNS round(s); load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$RUNS"); do
  scenario_ceiling "$round"
  for s in "${SCENARIOS[@]}"; do selected "$s" && "scenario_$s" "$round"; done
done
read -r BROKEN SOLD <<<"$(stock_check)"
ORDERS=$(sql -c 'SELECT COUNT(*) FROM "Orders"')
log "stock check: $ORDERS orders, $SOLD units reserved, $BROKEN stock rows broken"

# ---------------------------------------------------------------- the report
mkdir -p "$ROOT/bench/results"
RESULTS="${BENCH_RESULTS:-$ROOT/bench/results/$(date +%F).md}"
if [ -z "${BENCH_RESULTS:-}" ] && [ -e "$RESULTS" ]; then
  n=2; while [ -e "${RESULTS%.md}-$n.md" ]; do n=$((n + 1)); done; RESULTS="${RESULTS%.md}-$n.md"
fi
for round in $(seq 1 "$RUNS"); do
  for s in ceiling "${SCENARIOS[@]}"; do
    f="$WORK/wrk-$s-$round.txt"; [ -f "$f" ] || continue
    echo "### $s, round $round"; echo '```'; cat "$f"; echo '```'
  done
done > "$WORK/raw.md"
BENCH_JSONL="$WORK/results.jsonl" BENCH_RAW="$WORK/raw.md" BENCH_OUT="$RESULTS" BENCH_CMD="$COMMAND" \
BENCH_META="duration=$DURATION connections=$CONNECTIONS threads=$THREADS timeout=$TIMEOUT runs=$RUNS warmup=$WARMUP products=$TOTAL_PRODUCTS customers=$CUSTOMERS pool=$POOL page_bytes=$PAGE_BYTES broken=$BROKEN orders=$ORDERS flash_broken=$FLASH_BROKEN load_end=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)" \
BENCH_FLASH_CHECKS="$WORK/flash-checks" \
BENCH_LOAD_START="$LOAD_START" \
python3 "$ROOT/bench/report.py"
log "results: $RESULTS"
