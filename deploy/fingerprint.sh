#!/usr/bin/env bash
# Rows and an md5 of every row of orders, payments and stock in the shop database on PORT: two
# databases with the same fingerprint hold the same orders, payments and stock, to the cent and unit.
#   deploy/fingerprint.sh PORT [DATABASE]
set -euo pipefail
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
for table in Orders Payments StockLevels; do
  "$(pg_bin)/psql" -h 127.0.0.1 -p "$1" -U postgres -d "${2:-bazaar}" -qAtX -v ON_ERROR_STOP=1 -F ' ' -c \
    "SELECT '$table', count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM \"$table\" t"
done
