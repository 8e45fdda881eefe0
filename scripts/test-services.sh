#!/usr/bin/env bash
# Installs (apt-get, when missing) and starts the real servers the tests use, on loopback ports
# of their own: PostgreSQL, Redis, and Chromium for the browser tests.
#   test-services.sh start   -> starts what is not running; prints the env file to source
#   test-services.sh stop    -> stops what `start` started (nothing it found already running)
set -euo pipefail

PG_PORT="${BAZAAR_TEST_PG_PORT:-55432}"
REDIS_PORT="${BAZAAR_TEST_REDIS_PORT:-56379}"
STATE="${BAZAAR_TEST_STATE:-/tmp/bazaar-test-$PG_PORT}"
ENV_FILE="$STATE/env"

log() { echo "[test-services] $*" >&2; }

apt_install() {
  log "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -f "$STATE/.apt-updated" ]; then apt-get update -qq >&2 && touch "$STATE/.apt-updated"; fi
  apt-get install -y -qq --no-install-recommends "$@" >&2
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

ensure_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi "noto sans cjk" || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

start_postgres() {
  local bin; bin="$(pg_bin)"
  if "$bin/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null; then
    log "PostgreSQL already answers on $PG_PORT; using it"; return
  fi
  local data="$STATE/pg"
  rm -rf "$data"; mkdir -p "$data"
  # PostgreSQL refuses to run as root; the Debian package's postgres user owns the cluster.
  id postgres >/dev/null 2>&1 || useradd --system --home "$STATE" postgres
  chown -R postgres "$STATE"
  runuser -u postgres -- "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$STATE/pg.log" -w -t 60 start -o \
    "-p $PG_PORT -k $STATE -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB" >/dev/null
  touch "$STATE/started-pg"
  log "PostgreSQL started on 127.0.0.1:$PG_PORT"
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    log "Redis already answers on $REDIS_PORT; using it"; return
  fi
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log" --dir "$STATE"
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  touch "$STATE/started-redis"
  log "Redis started on 127.0.0.1:$REDIS_PORT"
}

case "${1:-start}" in
  start)
    mkdir -p "$STATE"
    ensure_packages
    start_postgres
    start_redis
    cat > "$ENV_FILE" <<ENV
export BAZAAR_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
export BAZAAR_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export BAZAAR_CHROMIUM="/usr/bin/chromium"
ENV
    echo "$ENV_FILE"
    ;;
  stop)
    if [ -f "$STATE/started-redis" ]; then
      redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
      rm -f "$STATE/started-redis"; log "Redis stopped"
    fi
    if [ -f "$STATE/started-pg" ]; then
      runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$STATE/pg" -m fast -w stop >/dev/null 2>&1 || true
      rm -f "$STATE/started-pg"; log "PostgreSQL stopped"
    fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
