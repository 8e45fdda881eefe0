#!/usr/bin/env bash
# sqlmap (Debian) against a shop of its own on loopback: the search, product, cart and order endpoints,
# with a customer's bearer token. One line per target, "ok N - ..." or "not ok N - ..." (scripts/test.sh
# counts them), then the verdict "sqlmap: N injectable parameters"; exits 1 unless N is 0 and every run
# finished cleanly (no 500 seen, shop reachable).
#   bash scripts/sqlmap.sh              embedded SQLite in a temporary directory
#   bash scripts/sqlmap.sh --postgres   a fresh database on the test PostgreSQL (BAZAAR_TEST_POSTGRES, see
#                                       scripts/test-services.sh), dropped afterwards; or BAZAAR_SQLMAP_DATABASE=Postgres
# Bounded: --level 2 --risk 1, boolean/error/union/stacked techniques (time-based ones would need minutes
# of sleeps a target), each target capped at BAZAAR_SQLMAP_TARGET_SECONDS (default 40) and all of them
# at BAZAAR_SQLMAP_SECONDS (default 150), so that with the shop's start it stays under 3 minutes.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${BAZAAR_SQLMAP_PORT:-5391}"
BASE="http://127.0.0.1:$PORT"
CAP="${BAZAAR_SQLMAP_TARGET_SECONDS:-40}"
BUDGET="${BAZAAR_SQLMAP_SECONDS:-150}"
WORK="$(mktemp -d /tmp/bazaar-sqlmap.XXXXXX)"
PROVIDER="${BAZAAR_SQLMAP_DATABASE:-Sqlite}"
[ "${1:-}" = "--postgres" ] && PROVIDER=Postgres
SHOP_PID=""
PG_DB=""

say() { echo "# $*"; }
cleanup() {
  [ -n "$SHOP_PID" ] && kill "$SHOP_PID" 2>/dev/null && wait "$SHOP_PID" 2>/dev/null
  if [ -n "$PG_DB" ]; then
    psql "$(pg_url)" -qc "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  [ -n "${BAZAAR_SQLMAP_KEEP:-}" ] && echo "# kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v sqlmap >/dev/null; then
  say "installing sqlmap with apt-get"
  # A fresh machine may have no package lists yet: refresh them first.
  { apt-get update -qq && apt-get install -y --no-install-recommends sqlmap; } >/dev/null 2>&1 \
    || { sudo apt-get update -qq && sudo apt-get install -y --no-install-recommends sqlmap; } >/dev/null 2>&1 \
    || { echo "not ok 1 - sqlmap is not installed"; echo "sqlmap: not run"; exit 1; }
fi

DLL="$ROOT/src/Bazaar/bin/Debug/net10.0/bazaar.dll"
if [ ! -f "$DLL" ]; then
  dotnet build "$ROOT/src/Bazaar" -nologo -v quiet -clp:ErrorsOnly || { echo "not ok 1 - the shop builds"; echo "sqlmap: not run"; exit 1; }
fi

# Throwaway credentials for a shop that lives as long as this script.
SECRET="$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
settings=(--urls "$BASE" --Admin:Password "A-$SECRET" --Storage:DataDirectory "$WORK/data"
  --RateLimits:SignInsPerMinute 100000 --RateLimits:RegistrationsPerHour 100000)
if [ "$PROVIDER" = Postgres ]; then
  : "${BAZAAR_TEST_POSTGRES:?BAZAAR_TEST_POSTGRES is not set: source \"\$(bash scripts/test-services.sh start)\" first}"
  pg_url() { local h p u; h="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$BAZAAR_TEST_POSTGRES")"; p="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$BAZAAR_TEST_POSTGRES")"
    u="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$BAZAAR_TEST_POSTGRES")"; echo "postgresql://$u@$h:$p/${1:-postgres}"; }
  PG_DB="bazaar_sqlmap_$$"
  psql "$(pg_url)" -qc "CREATE DATABASE \"$PG_DB\"" >/dev/null || { echo "not ok 1 - a database on the test PostgreSQL"; exit 1; }
  settings+=(--Database:Provider Postgres --ConnectionStrings:Shop "$(sed "s/Database=[^;]*/Database=$PG_DB/" <<<"$BAZAAR_TEST_POSTGRES")"
    --Redis:Configuration "${BAZAAR_TEST_REDIS:-}" --Caching:Name "bazaar:$PG_DB")
else
  settings+=(--Database:Provider Sqlite --Redis:Configuration "")
fi

say "starting the shop on $BASE ($PROVIDER)"
(cd "$ROOT/src/Bazaar" && exec dotnet "$DLL" "${settings[@]}") >"$WORK/shop.log" 2>&1 &
SHOP_PID=$!
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")" = 200 ] && break
  kill -0 "$SHOP_PID" 2>/dev/null || break
  sleep 1
done
if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")" != 200 ]; then
  echo "not ok 1 - the shop starts"; tail -20 "$WORK/shop.log" | sed 's/^/#   /'; echo "sqlmap: not run"; exit 1
fi

# A customer with an address, a cart line and an order: the ids sqlmap works on.
json() { curl -s -H 'Content-Type: application/json' "$@"; }
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -1; }
USER_NAME="sqlmap$$"
json -X POST "$BASE/api/v1/accounts/register" -d "{\"userName\":\"$USER_NAME\",\"phoneNumber\":\"1390000$(printf %04d $(( $$ % 10000 )))\",\"password\":\"c-$SECRET\"}" >/dev/null
TOKEN="$(json -X POST "$BASE/api/v1/accounts/token" -d "{\"login\":\"$USER_NAME\",\"password\":\"c-$SECRET\"}" | field accessToken)"
[ -n "$TOKEN" ] || { echo "not ok 1 - a customer's token"; echo "sqlmap: not run"; exit 1; }
AUTH="Authorization: Bearer $TOKEN"
PRODUCT="$(curl -s "$BASE/api/v1/products?pageSize=1" | field id)"
ADDRESS="$(json -H "$AUTH" -X POST "$BASE/api/v1/accounts/me/addresses" -d '{"recipient":"张伟","phone":"13800138000","province":"北京市","city":"北京市","district":"朝阳区","street":"建国路 88 号","postcode":"100022"}' | field id)"
json -H "$AUTH" -X POST "$BASE/api/v1/cart/items" -d "{\"productId\":$PRODUCT,\"quantity\":1}" >/dev/null
ORDER="$(json -H "$AUTH" -H "Idempotency-Key: $(cat /proc/sys/kernel/random/uuid)" -X POST "$BASE/api/v1/orders" \
  -d "{\"addressId\":\"$ADDRESS\",\"items\":[{\"productId\":$PRODUCT,\"quantity\":1}]}" | field id)"
[ -n "$PRODUCT" ] && [ -n "$ADDRESS" ] && [ -n "$ORDER" ] || { echo "not ok 1 - a product, an address and an order to aim at"; echo "sqlmap: not run"; exit 1; }

N=0 FAILED=0 INJECTABLE=0
DEADLINE=$((SECONDS + BUDGET))
target() {
  local what="$1"; shift
  N=$((N + 1))
  local out="$WORK/run-$N.txt" cap=$((DEADLINE - SECONDS))
  [ "$cap" -gt "$CAP" ] && cap=$CAP
  if [ "$cap" -lt 5 ]; then echo "not ok $N - $what: no time left of ${BUDGET}s"; FAILED=$((FAILED + 1)); return; fi
  timeout "$cap" sqlmap --batch --disable-coloring --flush-session --output-dir "$WORK/sqlmap" \
    --level 2 --risk 1 --technique BEUS --threads 4 --timeout 10 --retries 0 \
    --dbms "$([ "$PROVIDER" = Postgres ] && echo PostgreSQL || echo SQLite)" \
    -H "$AUTH" "$@" >"$out" 2>&1
  local rc=$? found tried
  found="$(grep -c '^Parameter: ' "$out" || true)"
  tried="$(grep -c "\[INFO\] testing '" "$out" || true)"
  INJECTABLE=$((INJECTABLE + found))
  if [ "$found" -gt 0 ]; then
    echo "not ok $N - $what: injectable"; grep -A3 '^Parameter: ' "$out" | sed 's/^/#   /'; FAILED=$((FAILED + 1))
  elif grep -q '500 (Internal Server Error)' "$out"; then
    echo "not ok $N - $what: the shop answered 500"; grep '500 (Internal' "$out" | sed 's/^/#   /'; FAILED=$((FAILED + 1))
  elif grep -qE "unable to connect|connection refused|target URL content is not stable.*abort" "$out" || { [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ]; }; then
    echo "not ok $N - $what: sqlmap did not run through (exit $rc)"; grep -E 'CRITICAL|ERROR' "$out" | head -5 | sed 's/^/#   /'; FAILED=$((FAILED + 1))
  elif [ "$tried" -eq 0 ]; then
    # A run that tried nothing proves nothing (the shop refused every request, or sqlmap found no parameter).
    echo "not ok $N - $what: sqlmap tried no payload"; grep -E 'CRITICAL|WARNING' "$out" | head -5 | sed 's/^/#   /'; FAILED=$((FAILED + 1))
  else
    echo "ok $N - $what: not injectable ($tried techniques tried$([ "$rc" -eq 124 ] && echo ", cut at ${cap}s"))"
  fi
}

target "GET /api/v1/products (q, category, sort, page, pageSize, minPrice, maxPrice)" \
  -u "$BASE/api/v1/products?q=phone&category=2&sort=newest&page=1&pageSize=5&minPrice=1&maxPrice=1000"
target "GET /search (q, sort, page, category, minPrice, maxPrice)" \
  -u "$BASE/search?q=phone&sort=price_asc&page=1&category=2&minPrice=1&maxPrice=1000"
target "GET /api/v1/products/{id}" -u "$BASE/api/v1/products/$PRODUCT*"
target "POST /api/v1/cart/items (productId, quantity)" -u "$BASE/api/v1/cart/items" \
  --data "{\"productId\":$PRODUCT,\"quantity\":1}" -H 'Content-Type: application/json'
target "PUT /api/v1/cart/items/{productId} (quantity)" -u "$BASE/api/v1/cart/items/$PRODUCT" --method PUT \
  --data '{"quantity":2}' -H 'Content-Type: application/json'
target "GET /api/v1/orders (page)" -u "$BASE/api/v1/orders?page=1"
target "GET /api/v1/orders/{id}" -u "$BASE/api/v1/orders/$ORDER*"
target "POST /api/v1/orders (addressId, items)" -u "$BASE/api/v1/orders" -H "Idempotency-Key: sqlmap-$$" \
  --data "{\"addressId\":\"$ADDRESS\",\"items\":[{\"productId\":$PRODUCT,\"quantity\":1}]}" -H 'Content-Type: application/json'

if [ "$FAILED" -gt 0 ]; then echo "sqlmap: $INJECTABLE injectable parameters ($FAILED of $N targets failed)"; else echo "sqlmap: 0 injectable parameters"; fi
[ "$FAILED" -eq 0 ] && [ "$INJECTABLE" -eq 0 ]
