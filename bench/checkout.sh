#!/usr/bin/env bash
# Checkout benchmark: many concurrent customers place orders as fast as they can against the shop
# on PostgreSQL (+Redis), measured with wrk on loopback; then the stock is checked: for every
# product, sold + available = initial, Reserved = sold, and no row over-reserved.
# The ceiling in the same run: wrk against /healthz (the HTTP stack doing no work) on the same shop.
#   bash bench/checkout.sh [duration_s=30] [connections=64] [customers=200]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-30}"; CONNECTIONS="${2:-64}"; CUSTOMERS="${3:-200}"
PORT=5280; BASE="http://127.0.0.1:$PORT"; HOT_STOCK=500; COLD_STOCK=1000000; COLD_PRODUCTS=20
WORK="$(mktemp -d /tmp/bazaar-bench.XXXX)"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
source "$(bash "$ROOT/scripts/test-services.sh" start)"
PG="host=127.0.0.1 port=${BAZAAR_TEST_PG_PORT:-55432} user=postgres"
PSQL=(psql "$PG dbname=postgres" -qAt)
PSQL_DB() { psql "$PG dbname=$DB" -qAt "$@"; }
DB="bazaar_bench_$$"
"${PSQL[@]}" -c "CREATE DATABASE $DB" >/dev/null
SHOP_PID=""
cleanup() {
  [ -n "$SHOP_PID" ] && kill "$SHOP_PID" 2>/dev/null && wait "$SHOP_PID" 2>/dev/null || true
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

dotnet build "$ROOT/src/Bazaar" -c Release -nologo -v quiet -clp:ErrorsOnly
ADMIN_PASSWORD="bench-admin-$$"
# A throwaway shop stocked with a password-only admin token: operators' two-factor sign-in is off
# here (Accounts:RequireAdminTwoFactor=false), never on a real shop.
(cd "$ROOT/src/Bazaar" && \
  Database__Provider=Postgres ConnectionStrings__Shop="Host=127.0.0.1;Port=${BAZAAR_TEST_PG_PORT:-55432};Username=postgres;Database=$DB;Maximum Pool Size=${BENCH_POOL:-16}" \
  Redis__Configuration="$BAZAAR_TEST_REDIS" Admin__Password="$ADMIN_PASSWORD" Logging__LogLevel__Default=Warning \
  RateLimits__SignInsPerMinute=1000000 RateLimits__RegistrationsPerHour=1000000 \
  Accounts__RequireAdminTwoFactor=false \
  exec dotnet bin/Release/net10.0/bazaar.dll --urls "$BASE") > "$WORK/shop.log" 2>&1 &
SHOP_PID=$!
for _ in $(seq 1 120); do curl -sf "$BASE/readyz" >/dev/null && break; sleep 1; done
curl -sf "$BASE/readyz" >/dev/null || { cat "$WORK/shop.log"; exit 1; }

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
ADMIN=$(curl -sf -X POST "$BASE/api/v1/accounts/token" -H 'content-type: application/json' \
  -d "{\"login\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | json '["accessToken"]')
CATEGORY=$(curl -sf "$BASE/api/v1/categories" | json '[0]["children"][0]["id"]')
new_product() {
  curl -sf -X POST "$BASE/api/v1/admin/products" -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
    -d "{\"sku\":\"BENCH-$1\",\"nameZh\":\"压测商品 $1\",\"nameEn\":\"Bench product $1\",\"price\":19.90,\"categoryId\":$CATEGORY,\"isPublished\":true,\"stock\":$2}" \
    | json '["id"]'
}
HOT=$(new_product HOT $HOT_STOCK)
: > "$WORK/products"
for i in $(seq 1 $COLD_PRODUCTS); do new_product "C$i" $COLD_STOCK >> "$WORK/products"; done

register() {
  local n="$1" phone; phone="1390$(printf '%07d' "$n")"
  curl -sf -X POST "$BASE/api/v1/accounts/register" -H 'content-type: application/json' \
    -d "{\"userName\":\"bench$n\",\"phoneNumber\":\"$phone\",\"password\":\"bench-password\"}" >/dev/null
  local token; token=$(curl -sf -X POST "$BASE/api/v1/accounts/token" -H 'content-type: application/json' \
    -d "{\"login\":\"bench$n\",\"password\":\"bench-password\"}" | python3 -c 'import sys,json; print(json.load(sys.stdin)["accessToken"])')
  local address; address=$(curl -sf -X POST "$BASE/api/v1/accounts/me/addresses" -H "authorization: Bearer $token" \
    -H 'content-type: application/json' -d "{\"recipient\":\"压测$n\",\"phone\":\"$phone\",\"province\":\"浙江省\",\"city\":\"杭州市\",\"district\":\"西湖区\",\"street\":\"文三路 $n 号\",\"postcode\":\"310000\"}" \
    | python3 -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  echo "$token $address"
}
export -f register; export BASE
seq 1 "$CUSTOMERS" | xargs -P 4 -I{} bash -c 'register {}' > "$WORK/customers"
echo "customers: $(wc -l < "$WORK/customers"), products: $COLD_PRODUCTS x $COLD_STOCK units + hot product $HOT x $HOT_STOCK units"

echo "== ceiling: GET /healthz, ${DURATION}s, $CONNECTIONS connections"
cat > "$WORK/plain.lua" <<'LUA'
function done(s, latency, r)
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.1f p99_ms=%.1f\n", s.requests, s.requests / (s.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
CEILING=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/plain.lua" "$BASE/healthz" | grep RESULT)
echo "$CEILING"

echo "== checkout: POST /api/v1/orders, ${DURATION}s, $CONNECTIONS connections"
[ -n "${BENCH_TOP:-}" ] && (sleep $((DURATION / 2)); top -b -n1 -w 160 | head -20 > "$WORK/top") &
CHECKOUT=$(BENCH_CUSTOMERS="$WORK/customers" BENCH_PRODUCTS="$WORK/products" BENCH_HOT="$HOT" \
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$ROOT/bench/checkout.lua" "$BASE" | grep RESULT)
echo "$CHECKOUT"
[ -n "${BENCH_TOP:-}" ] && cat "$WORK/top" 2>/dev/null

echo "== stock check"
PSQL_DB -F' ' -c "
  WITH sold AS (
    SELECT l.\"ProductId\" AS id, SUM(l.\"Quantity\") AS q FROM \"OrderLines\" l
    JOIN \"Orders\" o ON o.\"Id\" = l.\"OrderId\" WHERE o.\"Status\" <> 'Cancelled' GROUP BY l.\"ProductId\")
  SELECT s.\"Sku\", s.\"OnHand\", s.\"Reserved\", COALESCE(sold.q, 0) AS sold, s.\"OnHand\" - s.\"Reserved\" AS available,
         CASE WHEN s.\"Reserved\" = COALESCE(sold.q, 0) AND s.\"Reserved\" <= s.\"OnHand\" AND s.\"Reserved\" >= 0 THEN 'ok' ELSE 'BROKEN' END
  FROM \"StockLevels\" s LEFT JOIN sold ON sold.id = s.\"ProductId\" WHERE s.\"Sku\" LIKE 'BENCH-%' ORDER BY s.\"Sku\"" > "$WORK/stock"
ORDERS=$(PSQL_DB -c "SELECT COUNT(*) FROM \"Orders\"")
HOT_ROW=$(grep '^BENCH-HOT ' "$WORK/stock")
BROKEN=$(grep -c BROKEN "$WORK/stock" || true)
echo "orders stored: $ORDERS; hot product (sku onhand reserved sold available check): $HOT_ROW; rows broken: $BROKEN"
rps() { sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<<"$1"; }
echo "== summary"
echo "checkout_rps=$(rps "$CHECKOUT") ceiling_rps=$(rps "$CEILING") ratio=$(python3 -c "print(round($(rps "$CHECKOUT")/$(rps "$CEILING"),3))") oversold_rows=$BROKEN"
[ "$BROKEN" -eq 0 ]
