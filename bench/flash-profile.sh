#!/usr/bin/env bash
# Where a losing flash-sale attempt spends its time (bench/README.md, "Flash sale with 10,000 buyers").
# The Release shop (build it first, or run bench/run.sh once) on PostgreSQL + Redis (scripts/test-services.sh),
# N customers from `bazaar seed customers`, a sale of 1 unit bought out; then three rounds of wrk (D s each,
# 64 connections) against four requests that share more or less of the losing path:
#   healthz       the bare pipeline                 no token     a 401 from the bearer scheme
#   unknown sale  token, JSON body, sale lookup, 404  losing attempt  the whole losing path
#   N=2000 D=10 bash bench/flash-profile.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG="host=127.0.0.1 port=55432 user=postgres"
DB=flash_profile_$$; PORT=5391; BASE=http://127.0.0.1:$PORT; W=$(mktemp -d /tmp/bazaar-flash-profile.XXXX)
ADMIN_PASSWORD="profile-$$-$RANDOM$RANDOM"
psql "$PG dbname=postgres" -qAt -c "CREATE DATABASE $DB"
ENVV=(Database__Provider=Postgres "ConnectionStrings__Shop=Host=127.0.0.1;Port=55432;Username=postgres;Database=$DB;Maximum Pool Size=16"
  Redis__Configuration=127.0.0.1:56379 Caching__Name=prof$$ Admin__Password=$ADMIN_PASSWORD Storage__DataDirectory=$W/data
  Logging__LogLevel__Default=Warning
  # The script signs in as admin with a password token to set up the sale; a throwaway shop, so no
  # authenticator app: operators' two-factor sign-in is off here (never on a real shop).
  Accounts__RequireAdminTwoFactor=false)
cd $ROOT/src/Bazaar
(exec env "${ENVV[@]}" dotnet bin/Release/net10.0/bazaar.dll --urls $BASE) > $W/shop.log 2>&1 &
SHOP=$!
trap 'kill $SHOP; sleep 2; psql "$PG dbname=postgres" -qAt -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; rm -rf $W' EXIT
for _ in $(seq 1 240); do curl -sf $BASE/readyz >/dev/null 2>&1 && break; sleep 0.5; done
env "${ENVV[@]}" dotnet bin/Release/net10.0/bazaar.dll seed customers ${N:-2000} --prefix p --password bench-password --tokens $W/customers >/dev/null 2>&1
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
ADMIN=$(curl -sf -X POST $BASE/api/v1/accounts/token -H 'content-type: application/json' -d "{\"login\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" | json 'd["accessToken"]')
CAT=$(curl -sf $BASE/api/v1/categories | json 'd[0]["children"][0]["id"]')
PRODUCT=$(curl -sf -X POST $BASE/api/v1/admin/products -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
  -d "{\"sku\":\"PROF-1\",\"nameZh\":\"测\",\"nameEn\":\"Prof\",\"price\":19.90,\"categoryId\":$CAT,\"isPublished\":true,\"stock\":100}" | json 'd["id"]')
SALE=$(curl -sf -X POST $BASE/api/v1/admin/flash-sales -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
  -d "{\"productId\":$PRODUCT,\"price\":9.90,\"quantity\":1}" | json 'd["id"]')
read -r TOKEN ADDRESS _ < $W/customers
curl -s -o /dev/null -w 'first buy: %{http_code}\n' -X POST $BASE/api/v1/flash-sales/$SALE/orders -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H 'Idempotency-Key: k1' -d "{\"addressId\":\"$ADDRESS\"}"
awk '{print "x", $2}' $W/customers > $W/notoken
export BENCH_LUA=$ROOT/bench/lua
run() { # name url lua [env]
  local name=$1 url=$2 lua=$3; shift 3
  env "$@" wrk -t2 -c64 -d3s -s $BENCH_LUA/$lua "$url" >/dev/null 2>&1 || true
  local out; out=$(env "$@" wrk --latency -t2 -c64 -d${D:-10}s -s $BENCH_LUA/$lua "$url" | grep '^RESULT')
  echo "$name: $(echo "$out" | tr ' ' '\n' | grep -E '^(rps|p50_ms|p99_ms|non2xx3xx)=' | tr '\n' ' ') load $(cut -d' ' -f1 /proc/loadavg)"
}
for round in 1 2 3; do
  run "healthz (pipeline)          " $BASE/healthz plain.lua
  run "losing attempt (sold out)   " $BASE flash.lua BENCH_CUSTOMERS=$W/customers BENCH_SALE=$SALE
  run "unknown sale (auth+json,404)" $BASE flash.lua BENCH_CUSTOMERS=$W/customers BENCH_SALE=00000000-0000-0000-0000-000000000001
  run "no token (401)              " $BASE flash.lua BENCH_CUSTOMERS=$W/notoken BENCH_SALE=$SALE
done
