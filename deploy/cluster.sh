#!/usr/bin/env bash
# The shop as a cluster on this machine's loopback, on Debian's servers (installed with apt-get
# when missing): nginx in front of 3 shop instances (a Release publish of src/Bazaar run three
# times), PostgreSQL primary plus a streaming hot standby (pg_basebackup, replication slot), Redis,
# and the sandbox (gateway, carrier, SMS) as its own server. See docs/deployment.md.
#   deploy/cluster.sh up       start what is not running (a second `up` is harmless; it re-renders
#                              nginx's configuration and reloads it, so a new BALANCE takes effect)
#   deploy/cluster.sh status   each part and its health; exits 1 when something is down
#   deploy/cluster.sh down     stop what `up` started (`down --purge` also deletes the state)
#   deploy/cluster.sh publish DIR   only the Release publish, into DIR/app and DIR/sandbox-app; an `up`
#                              with CLUSTER_PUBLISHED=DIR copies it instead of publishing again
# Settings (environment; `up` records them in the state directory, `status` and `down` reuse them):
#   BAZAAR_CLUSTER_DIR=/tmp/bazaar-cluster   state: data, logs, pid files, the published app
#   CLUSTER_PORT_BASE=5480   nginx on it; instances on +1..+N; primary +10, standby +11, Redis +12,
#                            sandbox +13 (each one also alone: CLUSTER_NGINX_PORT, CLUSTER_SHOP_PORTS="a b c",
#                            CLUSTER_PG_PORT, CLUSTER_STANDBY_PORT, CLUSTER_REDIS_PORT, CLUSTER_SANDBOX_PORT)
#   CLUSTER_INSTANCES=3      shop instances
#   BALANCE=round_robin|weighted|least_conn; WEIGHTS="3 2 1" (one per instance, for weighted)
#   MAX_FAILS=3 FAIL_TIMEOUT=10s         passive health checks
#   RATE=100r/s BURST=200 CONN_LIMIT=100 requests and connections per client address at the edge
#   BODY_LIMIT=52m                       largest request body (a product import is up to 50 MB)
#   SHOP_SIGNINS_PER_MINUTE=20 SHOP_REGISTRATIONS_PER_HOUR=20   the shop's own limits per client address
#   POOL=16                              Npgsql Maximum Pool Size per instance
#   RECONCILE_AFTER RECONCILE_INTERVAL   the shop's Payments:ReconcileAfter / ReconcileInterval (3 min / 1 min)
#   BREAK_DURATION                       the shop's Partners:BreakDuration, how long a partner found down is not called (30 s)
#   OUTBOX_LEASE                         the shop's Outbox:Lease, how long a batch of events another instance could not
#                                        finish or hand back waits before it is taken over (1 min, at least 25 s)
#   BAZAAR_CLUSTER_ADMIN_PASSWORD        the operator `admin`'s password (else generated, in admin-password)
#   PROMETHEUS=1                         also Prometheus (Debian's) on +14 (CLUSTER_PROMETHEUS_PORT), scraping every
#                                        instance with deploy/prometheus/ rules; docs/operations.md
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${BAZAAR_CLUSTER_DIR:-/tmp/bazaar-cluster}"
SETTINGS="$DIR/cluster.env"
log() { echo "[cluster $(date +%H:%M:%S)] $*" >&2; }
die() { log "$*"; exit 1; }

# ---------------------------------------------------------------- settings
# Those recorded by the `up` that made the running cluster win over the environment, so `status`
# and `down` talk to the ports it really uses.
EDGE_SETTINGS=(BALANCE WEIGHTS MAX_FAILS FAIL_TIMEOUT RATE BURST CONN_LIMIT BODY_LIMIT)
for v in "${EDGE_SETTINGS[@]}"; do printf -v "GIVEN_$v" '%s' "${!v-}"; done
settings() {
  if [ "${1:-}" != fresh ] && [ -f "$SETTINGS" ]; then
    source "$SETTINGS"
    # nginx's settings may change on a running cluster: `up` re-renders and reloads it.
    if [ "${1:-}" = edge ]; then
      local v given; for v in "${EDGE_SETTINGS[@]}"; do given="GIVEN_$v"; [ -z "${!given}" ] || printf -v "$v" '%s' "${!given}"; done
      [ -n "$GIVEN_BALANCE" ] && [ "$GIVEN_BALANCE" != weighted ] && WEIGHTS="$GIVEN_WEIGHTS"
    fi
    check_settings; return
  fi
  local base="${CLUSTER_PORT_BASE:-5480}"
  INSTANCES="${CLUSTER_INSTANCES:-3}"
  NGINX_PORT="${CLUSTER_NGINX_PORT:-$base}"
  SHOP_PORTS="${CLUSTER_SHOP_PORTS:-$(seq -s ' ' $((base + 1)) $((base + INSTANCES)))}"
  PG_PORT="${CLUSTER_PG_PORT:-$((base + 10))}"
  STANDBY_PORT="${CLUSTER_STANDBY_PORT:-$((base + 11))}"
  REDIS_PORT="${CLUSTER_REDIS_PORT:-$((base + 12))}"
  SANDBOX_PORT="${CLUSTER_SANDBOX_PORT:-$((base + 13))}"
  PROMETHEUS_PORT="${CLUSTER_PROMETHEUS_PORT:-$((base + 14))}"
  BALANCE="${BALANCE:-round_robin}"; WEIGHTS="${WEIGHTS:-}"
  MAX_FAILS="${MAX_FAILS:-3}"; FAIL_TIMEOUT="${FAIL_TIMEOUT:-10s}"
  RATE="${RATE:-100r/s}"; BURST="${BURST:-200}"; CONN_LIMIT="${CONN_LIMIT:-100}"; BODY_LIMIT="${BODY_LIMIT:-52m}"
  POOL="${POOL:-16}"
  RECONCILE_AFTER="${RECONCILE_AFTER:-}"; RECONCILE_INTERVAL="${RECONCILE_INTERVAL:-}"; BREAK_DURATION="${BREAK_DURATION:-}"; OUTBOX_LEASE="${OUTBOX_LEASE:-}"
  check_settings
}

check_settings() {
  local ports w x
  # Settings added later: a cluster.env recorded before them has none.
  RECONCILE_AFTER="${RECONCILE_AFTER:-}"; RECONCILE_INTERVAL="${RECONCILE_INTERVAL:-}"; BREAK_DURATION="${BREAK_DURATION:-}"; OUTBOX_LEASE="${OUTBOX_LEASE:-}"
  read -r -a ports <<<"$SHOP_PORTS"
  [ "${#ports[@]}" -ge 1 ] || die "no shop instance port"
  INSTANCES="${#ports[@]}"
  case "$BALANCE" in round_robin|weighted|least_conn) ;; *) die "BALANCE must be round_robin, weighted or least_conn, not '$BALANCE'";; esac
  if [ "$BALANCE" = weighted ]; then
    read -r -a w <<<"$WEIGHTS"
    [ "${#w[@]}" -eq "$INSTANCES" ] || die "BALANCE=weighted needs WEIGHTS with one weight per instance (${INSTANCES}), e.g. WEIGHTS=\"3 2 1\""
    for x in "${w[@]}"; do [[ "$x" =~ ^[1-9][0-9]*$ ]] || die "WEIGHTS: '$x' is not a positive whole number"; done
  fi
}

record_settings() {
  local name
  : > "$SETTINGS"
  for name in INSTANCES NGINX_PORT SHOP_PORTS PG_PORT STANDBY_PORT REDIS_PORT SANDBOX_PORT PROMETHEUS_PORT BALANCE WEIGHTS \
              MAX_FAILS FAIL_TIMEOUT RATE BURST CONN_LIMIT BODY_LIMIT POOL RECONCILE_AFTER RECONCILE_INTERVAL BREAK_DURATION OUTBOX_LEASE; do
    printf '%s=%q\n' "$name" "${!name}" >> "$SETTINGS"
  done
}

# ---------------------------------------------------------------- tools
apt_install() {
  log "installing $*"
  export DEBIAN_FRONTEND=noninteractive
  if [ ! -f "$DIR/.apt-updated" ]; then apt-get update -qq >&2 && touch "$DIR/.apt-updated"; fi
  apt-get install -y -qq --no-install-recommends "$@" >&2
}
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
ensure_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/pg_basebackup" ] || missing+=(postgresql postgresql-contrib)
  command -v redis-server >/dev/null || missing+=(redis-server)
  [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing+=(nginx)
  command -v curl >/dev/null || missing+=(curl)
  command -v ss >/dev/null || missing+=(iproute2)
  command -v python3 >/dev/null || missing+=(python3) # deploy/load.py, the chaos load
  if [ "${PROMETHEUS:-0}" = 1 ]; then command -v prometheus >/dev/null || missing+=(prometheus); fi
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}
nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

# PostgreSQL refuses to run as root: as root, its servers run as the postgres user.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_own() { if [ "$(id -u)" = 0 ]; then chown -R postgres "$@"; fi; }
psql_at() { local port="$1"; shift; "$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -qAtX -v ON_ERROR_STOP=1 "$@"; }

# A process killed outside the script may linger as a zombie where nothing reaps orphans: not alive.
alive() {
  [ -f "$1" ] || return 1
  local pid; pid="$(cat "$1")"
  kill -0 "$pid" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]
}
listening() { [ -n "$(ss -Htln "sport = :$1" 2>/dev/null)" ]; }
# A port held by a process this cluster did not start is an error, never something to stop or use.
port_free_or_die() { if listening "$1"; then die "port $1 ($2) is taken by a process this cluster did not start; choose other ports (CLUSTER_PORT_BASE)"; fi; }
wait_for() { # seconds description command...
  local seconds="$1" what="$2"; shift 2
  local i
  for i in $(seq 1 $((seconds * 4))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.25; done
  die "$what did not come up within ${seconds}s"
}
http_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true; }

# ---------------------------------------------------------------- PostgreSQL: primary and standby
# Which data directory is the primary and which the standby: pg-primary and pg-standby until a
# failover (deploy/failover.sh) swaps them. Ports follow the role (PG_PORT is the primary's).
roles() {
  PRIMARY_DIR=pg-primary; STANDBY_DIR=pg-standby
  if [ -f "$DIR/pg-roles" ]; then source "$DIR/pg-roles"; fi
}
pg_running() { [ -f "$1/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$1" status >/dev/null 2>&1; }
pg_start() { # data port log
  as_pg "$(pg_bin)/pg_ctl" -D "$1" -l "$3" -w -t 60 start -o "-p $2 -k $DIR/run -c listen_addresses=127.0.0.1" >/dev/null
}

up_primary() {
  local data="$DIR/$PRIMARY_DIR"
  if pg_running "$data"; then log "primary already running on $PG_PORT"; return; fi
  port_free_or_die "$PG_PORT" "PostgreSQL primary"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"; pg_own "$data"
    # Trust on loopback only: this is a cluster on one machine; real machines use scram (docs/deployment.md).
    as_pg "$(pg_bin)/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$data/postgresql.conf" <<CONF
# deploy/cluster.sh: a primary that streams to a hot standby through a replication slot
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
wal_keep_size = 256MB
max_connections = 200
# Every finished WAL segment is copied to the archive: with a base backup (deploy/backup.sh) it
# restores the database to any moment since (point-in-time recovery). A standby promoted by
# deploy/failover.sh archives to the same place.
archive_mode = on
archive_command = 'test ! -f $DIR/wal-archive/%f && cp %p $DIR/wal-archive/%f'
archive_timeout = 60
CONF
  fi
  mkdir -p "$DIR/wal-archive"; pg_own "$DIR/wal-archive"
  touch "$DIR/logs/$PRIMARY_DIR.log"; pg_own "$DIR/logs/$PRIMARY_DIR.log"
  pg_start "$data" "$PG_PORT" "$DIR/logs/$PRIMARY_DIR.log"
  touch "$DIR/started/$PRIMARY_DIR"
  if [ "$(psql_at "$PG_PORT" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'bazaar'")" != 1 ]; then
    psql_at "$PG_PORT" -d postgres -c "CREATE DATABASE bazaar" >/dev/null
  fi
  log "primary on 127.0.0.1:$PG_PORT"
}

up_standby() {
  local data="$DIR/$STANDBY_DIR"
  if pg_running "$data"; then log "standby already running on $STANDBY_PORT"; return; fi
  port_free_or_die "$STANDBY_PORT" "PostgreSQL standby"
  if [ ! -f "$data/standby.signal" ]; then
    rm -rf "$data"; mkdir -p "$data"; pg_own "$data"; chmod 700 "$data"
    # The slot keeps on the primary every WAL segment the standby has not received yet.
    local create=(-C)
    [ "$(psql_at "$PG_PORT" -d postgres -c "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'bazaar_standby'")" = 1 ] && create=()
    # application_name names it for the primary's synchronous_standby_names (commit_waits_for_standby).
    as_pg "$(pg_bin)/pg_basebackup" -d "application_name=bazaar_standby" -h 127.0.0.1 -p "$PG_PORT" -U postgres \
      -D "$data" -R -X stream -S bazaar_standby "${create[@]}" --checkpoint=fast >/dev/null
    echo "hot_standby = on" >> "$data/postgresql.conf"
    # A copy of the primary's configuration: as a standby (or promoted) it waits for nobody.
    echo "synchronous_standby_names = ''" >> "$data/postgresql.auto.conf"
  fi
  touch "$DIR/logs/$STANDBY_DIR.log"; pg_own "$DIR/logs/$STANDBY_DIR.log"
  pg_start "$data" "$STANDBY_PORT" "$DIR/logs/$STANDBY_DIR.log"
  touch "$DIR/started/$STANDBY_DIR"
  log "standby on 127.0.0.1:$STANDBY_PORT, streaming from $PG_PORT through slot bazaar_standby"
}

# With asynchronous streaming, an order the primary has committed and the shop has acknowledged
# can be missing on the standby when the primary dies; the failover then loses it (a chaos run
# lost 1 of 138). So a commit waits until the standby has the WAL on disk. The price: while the
# standby is down, writes wait; `deploy/failover.sh standalone` lets the primary commit alone.
commit_waits_for_standby() {
  for _ in $(seq 1 120); do
    [ "$(psql_at "$STANDBY_PORT" -d postgres -c 'SELECT status FROM pg_stat_wal_receiver' 2>/dev/null)" = streaming ] && break; sleep 0.25
  done
  [ "$(psql_at "$STANDBY_PORT" -d postgres -c 'SELECT status FROM pg_stat_wal_receiver' 2>/dev/null)" = streaming ] \
    || die "the standby on $STANDBY_PORT does not stream: not making commits wait for it"
  psql_at "$PG_PORT" -d postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'bazaar_standby'" -c "SELECT pg_reload_conf()" >/dev/null
  log "commits on the primary wait for the standby (synchronous_standby_names = bazaar_standby)"
}

# ---------------------------------------------------------------- Redis
up_redis() {
  if alive "$DIR/run/redis.pid"; then log "Redis already running on $REDIS_PORT"; return; fi
  port_free_or_die "$REDIS_PORT" "Redis"
  mkdir -p "$DIR/redis"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --appendonly yes --save "" \
    --dir "$DIR/redis" --pidfile "$DIR/run/redis.pid" --logfile "$DIR/logs/redis.log" >/dev/null
  wait_for 10 Redis "$(command -v redis-cli)" -h 127.0.0.1 -p "$REDIS_PORT" ping
  touch "$DIR/started/redis"
  log "Redis on 127.0.0.1:$REDIS_PORT"
}

# ---------------------------------------------------------------- the published apps
any_dotnet_running() {
  local pid
  for pid in "$DIR"/run/shop-*.pid "$DIR/run/sandbox.pid"; do alive "$pid" && return 0; done
  return 1
}
publish_into() { # dir: the shop in dir/app, the sandbox in dir/sandbox-app
  log "publishing src/Bazaar and src/Bazaar.Sandbox (Release) into $1"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  dotnet publish "$ROOT/src/Bazaar" -c Release -o "$1/app" -nologo -v quiet -clp:ErrorsOnly >&2
  # The shop's build has just built the sandbox (Release) as its reference: copy, do not build twice.
  dotnet publish "$ROOT/src/Bazaar.Sandbox" -c Release --no-build -o "$1/sandbox-app" -nologo -v quiet -clp:ErrorsOnly >&2
}
publish() {
  # Never under a running instance: publishing rewrites the assemblies it has mapped.
  if any_dotnet_running; then
    [ -f "$DIR/app/bazaar.dll" ] || die "instances run but $DIR/app has no bazaar.dll"
    log "instances are running: keeping the published app in $DIR/app"; return
  fi
  if [ -n "${CLUSTER_PUBLISHED:-}" ]; then
    # A publish made once for several clusters (scripts/test.sh runs two): copied, not rebuilt.
    [ -f "$CLUSTER_PUBLISHED/app/bazaar.dll" ] && [ -f "$CLUSTER_PUBLISHED/sandbox-app/bazaar-sandbox.dll" ] \
      || die "CLUSTER_PUBLISHED=$CLUSTER_PUBLISHED holds no app/bazaar.dll and sandbox-app/bazaar-sandbox.dll (deploy/cluster.sh publish DIR makes them)"
    log "copying the published apps from $CLUSTER_PUBLISHED"
    rm -rf "$DIR/app" "$DIR/sandbox-app"
    cp -a "$CLUSTER_PUBLISHED/app" "$DIR/app"; cp -a "$CLUSTER_PUBLISHED/sandbox-app" "$DIR/sandbox-app"
  else
    publish_into "$DIR"
  fi
  # nginx's workers (not root) serve the static assets straight from the publish.
  chmod -R a+rX "$DIR/app/wwwroot"
}

start_dotnet() { # name workdir log command...
  local name="$1" workdir="$2" logfile="$3"; shift 3
  # Its own session, so the caller's terminal closing or Ctrl-C does not reach it; exec so $! is dotnet.
  (cd "$workdir" && exec setsid "$@") >> "$logfile" 2>&1 < /dev/null &
  echo $! > "$DIR/run/$name.pid"
  touch "$DIR/started/$name"
}

up_sandbox() {
  if alive "$DIR/run/sandbox.pid"; then log "sandbox already running on $SANDBOX_PORT"; return; fi
  port_free_or_die "$SANDBOX_PORT" "sandbox"
  mkdir -p "$DIR/sandbox"
  # The gateway keeps its books on disk, as a real one does: a kill -9 forgets no payment it took.
  start_dotnet sandbox "$DIR/sandbox" "$DIR/logs/sandbox.log" dotnet "$DIR/sandbox-app/bazaar-sandbox.dll" \
    --urls "http://127.0.0.1:$SANDBOX_PORT" --Sandbox:DataDirectory "$DIR/sandbox" --Sandbox:Gateway:KeepBooks true
  wait_for 60 "the sandbox" curl -sf -o /dev/null "http://127.0.0.1:$SANDBOX_PORT/sandbox"
  log "sandbox on 127.0.0.1:$SANDBOX_PORT"
}

admin_password() {
  if [ -n "${BAZAAR_CLUSTER_ADMIN_PASSWORD:-}" ]; then echo "$BAZAAR_CLUSTER_ADMIN_PASSWORD"; return; fi
  if [ ! -f "$DIR/admin-password" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$DIR/admin-password")
  fi
  cat "$DIR/admin-password"
}

# The key that seals the audit log into its tamper-evident chain: one for every instance, kept in
# a file beside the cluster's state, never in the database.
audit_key_file() {
  if [ ! -f "$DIR/audit-chain.key" ]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$DIR/audit-chain.key")
  fi
  echo "$DIR/audit-chain.key"
}

# The keys phone numbers and addresses are encrypted (AES-256-GCM) and indexed (HMAC) with: one
# file for every instance, beside the cluster's state, never in the database. Back it up apart from
# the database backups: without it they cannot be read; with them, it opens them.
protection_key_file() {
  if [ ! -f "$DIR/protection.key" ]; then
    local id="k$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    (umask 077; printf '{"current": "%s", "keys": {"%s": "%s"}, "index": "%s"}\n' "$id" "$id" \
      "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" > "$DIR/protection.key")
  fi
  echo "$DIR/protection.key"
}

up_shop() { # index port
  local i="$1" port="$2"
  if alive "$DIR/run/shop-$i.pid"; then log "shop $i already running on $port"; return; fi
  port_free_or_die "$port" "shop instance $i"
  mkdir -p "$DIR/shop-data"
  local tuned=()
  [ -z "${RECONCILE_AFTER:-}" ] || tuned+=("Payments__ReconcileAfter=$RECONCILE_AFTER")
  [ -z "${RECONCILE_INTERVAL:-}" ] || tuned+=("Payments__ReconcileInterval=$RECONCILE_INTERVAL")
  [ -z "${BREAK_DURATION:-}" ] || tuned+=("Partners__BreakDuration=$BREAK_DURATION")
  [ -z "${OUTBOX_LEASE:-}" ] || tuned+=("Outbox__Lease=$OUTBOX_LEASE")
  # Everything an instance needs is configuration: the same for all but the port.
  start_dotnet "shop-$i" "$DIR/app" "$DIR/logs/shop-$i.log" env ${tuned[@]+"${tuned[@]}"} \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__Format=json \
    Database__Provider=Postgres \
    "ConnectionStrings__Shop=$(shop_connection primary)" \
    "ConnectionStrings__Standby=$(shop_connection prefer-standby)" \
    "Redis__Configuration=127.0.0.1:$REDIS_PORT" \
    Caching__Name=bazaar \
    "Admin__Password=$(admin_password)" \
    "Audit__ChainKeyFile=$(audit_key_file)" \
    "Protection__KeyFile=$(protection_key_file)" \
    "Storage__DataDirectory=$DIR/shop-data" \
    "Sandbox__BaseUrl=http://127.0.0.1:$SANDBOX_PORT" \
    "Payments__GatewayPublicKeyFile=$DIR/sandbox/gateway-public.pem" \
    "Shipping__CarrierSecretFile=$DIR/sandbox/carrier-secret.txt" \
    "Shop__CallbackBaseUrl=http://127.0.0.1:$NGINX_PORT" \
    "Cluster__InstanceName=shop-$i" \
    "Telemetry__PrometheusUrl=$([ "${PROMETHEUS:-0}" = 1 ] && echo "http://127.0.0.1:$PROMETHEUS_PORT")" \
    Cluster__KnownProxies=127.0.0.1 \
    "RateLimits__SignInsPerMinute=${SHOP_SIGNINS_PER_MINUTE:-20}" \
    "RateLimits__RegistrationsPerHour=${SHOP_REGISTRATIONS_PER_HOUR:-20}" \
    dotnet "$DIR/app/bazaar.dll" --urls "http://127.0.0.1:$port"
}

# Both servers, and the role wanted: after deploy/failover.sh promotes the standby, Npgsql's next
# connection finds the new primary by itself, so no instance needs a restart or a reload.
shop_connection() { # primary | prefer-standby
  local hosts="127.0.0.1:$PG_PORT,127.0.0.1:$STANDBY_PORT"
  [ "$1" = primary ] || hosts="127.0.0.1:$STANDBY_PORT,127.0.0.1:$PG_PORT"
  echo "Host=$hosts;Username=postgres;Database=bazaar;Maximum Pool Size=$POOL;Target Session Attributes=$1;Host Recheck Seconds=2;Timeout=5"
}

wait_ready() { # index port [path]
  local i
  for i in $(seq 1 480); do
    [ "$(http_code "http://127.0.0.1:$2${3:-/readyz}")" = 200 ] && return 0
    alive "$DIR/run/shop-$1.pid" || { tail -30 "$DIR/logs/shop-$1.log" >&2; die "shop $1 exited while starting"; }
    sleep 0.25
  done
  tail -30 "$DIR/logs/shop-$1.log" >&2
  die "shop $1 not ready on $2 within 120s"
}

up_shops() {
  local ports i=0 starting=(); read -r -a ports <<<"$SHOP_PORTS"
  for i in $(seq 1 "$INSTANCES"); do alive "$DIR/run/shop-$i.pid" || starting+=("$i"); done
  hold_back ${starting[@]+"${starting[@]}"}
  # The first one alone: it migrates and seeds an empty database; the others find it done. It
  # listens (/healthz) only once that is done, so the others start then, while it warms its cache.
  up_shop 1 "${ports[0]}"; wait_ready 1 "${ports[0]}" /healthz
  for i in $(seq 2 "$INSTANCES"); do up_shop "$i" "${ports[$((i - 1))]}"; done
  for i in $(seq 1 "$INSTANCES"); do wait_ready "$i" "${ports[$((i - 1))]}"; done
  # Their first requests are the slow ones (the pages' code is compiled on first use): made here,
  # not by a shopper. nginx takes the instances back when `up` renders it at the end.
  for i in $STARTING; do
    for path in / "/api/v1/products?pageSize=24" /products/1; do
      curl -s -o /dev/null -m 60 "http://127.0.0.1:${ports[$((i - 1))]}$path" || true
    done
  done
  STARTING=""
  log "shop instances ready on ${SHOP_PORTS// /, }"
}

# nginx sends requests to an instance as soon as it accepts connections, before it is ready and
# warm; on a busy machine its first requests then take longer than a shopper waits. So while some
# instances (not all: nginx needs one) start on a running cluster, nginx leaves them out (`down`).
STARTING=""
hold_back() { # instance numbers
  [ "$#" -gt 0 ] && [ "$#" -lt "$INSTANCES" ] && alive "$DIR/nginx/nginx.pid" || return 0
  STARTING=" $* "
  render_nginx
  "$(nginx_bin)" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s reload 2>> "$DIR/logs/nginx-error.log"
  log "nginx leaves out shop ${*// /, } while it starts"
}

# ---------------------------------------------------------------- nginx
render_nginx() {
  local ports w servers="" i directive
  read -r -a ports <<<"$SHOP_PORTS"; read -r -a w <<<"$WEIGHTS"
  for i in "${!ports[@]}"; do
    servers+="    server 127.0.0.1:${ports[$i]}"
    [ "$BALANCE" = weighted ] && servers+=" weight=${w[$i]}"
    servers+=" max_fails=$MAX_FAILS fail_timeout=$FAIL_TIMEOUT"
    [[ "$STARTING" == *" $((i + 1)) "* ]] && servers+=" down"
    servers+=";"$'\n'
  done
  servers="${servers%$'\n'}"
  case "$BALANCE" in
    least_conn) directive="    least_conn;" ;;
    *) directive="    # round robin (nginx's default), weighted by the servers' weight=" ;;
  esac
  local t; t="$(cat "$ROOT/deploy/nginx/bazaar.conf.template")"
  t="${t//@@STATE@@/$DIR}"; t="${t//@@PORT@@/$NGINX_PORT}"; t="${t//@@BALANCE@@/$BALANCE}"
  t="${t//@@BALANCE_DIRECTIVE@@/$directive}"; t="${t//@@SHOP_SERVERS@@/$servers}"
  t="${t//@@RATE@@/$RATE}"; t="${t//@@BURST@@/$BURST}"; t="${t//@@CONN_LIMIT@@/$CONN_LIMIT}"
  t="${t//@@BODY_LIMIT@@/$BODY_LIMIT}"; t="${t//@@WWWROOT@@/$DIR/app/wwwroot}"
  if grep -q '@@[A-Z_]*@@' <<<"$t"; then die "the nginx template has a setting this script does not fill: $(grep -o '@@[A-Z_]*@@' <<<"$t" | head -1)"; fi
  mkdir -p "$DIR/nginx/tmp"
  printf '%s\n' "$t" > "$DIR/nginx/nginx.conf.new"
  local out
  if ! out="$("$(nginx_bin)" -t -q -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf.new" 2>&1)"; then
    echo "$out" >&2; die "nginx -t refused the rendered configuration ($DIR/nginx/nginx.conf.new)"
  fi
  mv "$DIR/nginx/nginx.conf.new" "$DIR/nginx/nginx.conf"
}

up_nginx() {
  render_nginx
  if alive "$DIR/nginx/nginx.pid"; then
    "$(nginx_bin)" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s reload 2>> "$DIR/logs/nginx-error.log"
    log "nginx reloaded on $NGINX_PORT (BALANCE=$BALANCE)"; return
  fi
  port_free_or_die "$NGINX_PORT" nginx
  "$(nginx_bin)" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf"
  touch "$DIR/started/nginx"
  wait_for 20 nginx curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/healthz"
  log "nginx on http://127.0.0.1:$NGINX_PORT (BALANCE=$BALANCE)"
}

# ---------------------------------------------------------------- Prometheus (PROMETHEUS=1)
# Scrapes each instance directly on loopback, which the instances let read /metrics without signing
# in (Telemetry:MetricsAllowedFrom); nginx answers /metrics with 404 to everyone.
up_prometheus() {
  [ "${PROMETHEUS:-0}" = 1 ] || return 0
  local p targets="" conf="$DIR/prometheus"
  for p in $SHOP_PORTS; do targets+="${targets:+, }\"127.0.0.1:$p\""; done
  mkdir -p "$conf/data"
  sed -e "s|^\( *- targets: \).*# @@SHOP_TARGETS@@\$|\1[$targets]|" \
      -e "s|^\( *- targets: \).*# @@PROMETHEUS_TARGET@@\$|\1[\"127.0.0.1:$PROMETHEUS_PORT\"]|" \
      "$ROOT/deploy/prometheus/prometheus.yml" > "$conf/prometheus.yml"
  cp "$ROOT/deploy/prometheus/rules.yml" "$conf/rules.yml"
  if alive "$DIR/run/prometheus.pid"; then kill -HUP "$(cat "$DIR/run/prometheus.pid")"; log "Prometheus reloaded"; return; fi
  port_free_or_die "$PROMETHEUS_PORT" Prometheus
  (exec setsid prometheus --config.file="$conf/prometheus.yml" --storage.tsdb.path="$conf/data" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --storage.tsdb.retention.time=2d) >> "$DIR/logs/prometheus.log" 2>&1 < /dev/null &
  echo $! > "$DIR/run/prometheus.pid"; touch "$DIR/started/prometheus"
  wait_for 30 Prometheus curl -sf -o /dev/null "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
  log "Prometheus on http://127.0.0.1:$PROMETHEUS_PORT (alerts: /alerts)"
}

# ---------------------------------------------------------------- commands
cmd_up() {
  mkdir -p "$DIR"
  if any_dotnet_running || alive "$DIR/nginx/nginx.pid"; then settings edge; else settings fresh; fi
  chmod 755 "$DIR"; mkdir -p "$DIR/logs" "$DIR/started" "$DIR/run"; pg_own "$DIR/run"
  ensure_packages
  record_settings
  publish
  up_primary
  up_standby
  commit_waits_for_standby
  up_redis
  up_sandbox
  up_shops
  up_nginx
  up_prometheus
  log "up: the shop is at http://127.0.0.1:$NGINX_PORT (operator 'admin', password in ${BAZAAR_CLUSTER_ADMIN_PASSWORD:+BAZAAR_CLUSTER_ADMIN_PASSWORD}${BAZAAR_CLUSTER_ADMIN_PASSWORD:-$DIR/admin-password})"
}

stop_pid() { # pidfile seconds
  alive "$1" || { rm -f "$1"; return 0; }
  local pid; pid="$(cat "$1")"
  kill -TERM "$pid" 2>/dev/null || true
  local i; for i in $(seq 1 $(($2 * 4))); do alive "$1" || break; sleep 0.25; done
  if alive "$1"; then log "pid $pid did not stop within $2 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$1"
}

cmd_down() {
  [ -d "$DIR" ] || { log "nothing to stop: $DIR does not exist"; return; }
  settings
  if [ -f "$DIR/started/nginx" ]; then
    if alive "$DIR/nginx/nginx.pid"; then "$(nginx_bin)" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s quit 2>/dev/null || true; fi
    for _ in $(seq 1 40); do alive "$DIR/nginx/nginx.pid" || break; sleep 0.25; done
    stop_pid "$DIR/nginx/nginx.pid" 5; rm -f "$DIR/started/nginx"; log "nginx stopped"
  fi
  if [ -f "$DIR/started/prometheus" ]; then stop_pid "$DIR/run/prometheus.pid" 10; rm -f "$DIR/started/prometheus"; log "Prometheus stopped"; fi
  local f name
  # In parallel: each one drains its in-flight requests (Cluster:ShutdownTimeout, 30 s) before it exits.
  for f in "$DIR"/started/shop-*; do
    [ -e "$f" ] || continue; name="$(basename "$f")"
    (stop_pid "$DIR/run/$name.pid" 35; rm -f "$f"; log "$name stopped") &
  done
  wait
  if [ -f "$DIR/started/sandbox" ]; then stop_pid "$DIR/run/sandbox.pid" 15; rm -f "$DIR/started/sandbox"; log "sandbox stopped"; fi
  if [ -f "$DIR/started/redis" ]; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || true
    stop_pid "$DIR/run/redis.pid" 10; rm -f "$DIR/started/redis"; log "Redis stopped"
  fi
  for name in "$STANDBY_DIR" "$PRIMARY_DIR"; do
    if [ -f "$DIR/started/$name" ]; then
      if pg_running "$DIR/$name"; then as_pg "$(pg_bin)/pg_ctl" -D "$DIR/$name" -m fast -w -t 60 stop >/dev/null || true; fi
      rm -f "$DIR/started/$name"; log "${name#pg-} stopped"
    fi
  done
  if [ "${1:-}" = --purge ]; then rm -rf "$DIR"; log "state deleted: $DIR"; fi
}

cmd_status() {
  [ -f "$SETTINGS" ] || { echo "not up: no $SETTINGS"; return 1; }
  settings
  local bad=0 ports i code body
  row() { printf '%-10s %-24s %-8s %s\n' "$@"; }
  row PART ADDRESS STATE HEALTH
  read -r -a ports <<<"$SHOP_PORTS"
  for i in $(seq 1 "$INSTANCES"); do
    body="$(curl -s -m 5 -w ' %{http_code}' "http://127.0.0.1:${ports[$((i - 1))]}/readyz" || true)"
    code="${body##* }"
    if alive "$DIR/run/shop-$i.pid"; then
      row "shop-$i" "127.0.0.1:${ports[$((i - 1))]}" running "/readyz $code $(sed -n 's/^{"status":"\([A-Za-z]*\)".*/\1/p' <<<"$body")"
    else row "shop-$i" "127.0.0.1:${ports[$((i - 1))]}" stopped "-"; fi
    [ "$code" = 200 ] || bad=1
  done
  body="$(curl -s -m 5 -w ' %{http_code}' "http://127.0.0.1:$NGINX_PORT/readyz" || true)"; code="${body##* }"
  row nginx "127.0.0.1:$NGINX_PORT" "$(alive "$DIR/nginx/nginx.pid" && echo running || echo stopped)" \
    "/readyz $code $(sed -n 's/^{"status":"\([A-Za-z]*\)".*/\1/p' <<<"$body") (BALANCE=$BALANCE)"
  [ "$code" = 200 ] || bad=1
  if pg_running "$DIR/$PRIMARY_DIR"; then
    local repl; repl="$(psql_at "$PG_PORT" -d postgres -F ' ' -c "SELECT state, sync_state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)
      FROM pg_stat_replication WHERE application_name <> 'pg_basebackup' LIMIT 1" 2>/dev/null || true)"
    row primary "127.0.0.1:$PG_PORT" running "replication: ${repl:-no standby connected}${repl:+ (state, sync, replay lag bytes)}"
    [[ "$repl" == streaming* ]] || bad=1
  else row primary "127.0.0.1:$PG_PORT" stopped "-"; bad=1; fi
  if pg_running "$DIR/$STANDBY_DIR"; then
    local rec; rec="$(psql_at "$STANDBY_PORT" -d postgres -F ' ' -c "SELECT pg_is_in_recovery(), coalesce((SELECT status FROM pg_stat_wal_receiver), 'no-receiver'),
      coalesce(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp()))::text, '-')" 2>/dev/null || true)"
    read -r in_recovery receiver age <<<"$rec"
    row standby "127.0.0.1:$STANDBY_PORT" running "recovery=${in_recovery:-?} receiver=${receiver:-?} last replayed transaction ${age:--}s ago"
    [ "${in_recovery:-}" = t ] && [ "${receiver:-}" = streaming ] || bad=1
  else row standby "127.0.0.1:$STANDBY_PORT" stopped "-"; bad=1; fi
  code="$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null || true)"
  row redis "127.0.0.1:$REDIS_PORT" "$(alive "$DIR/run/redis.pid" && echo running || echo stopped)" "ping: ${code:-no answer}"
  [ "$code" = PONG ] || bad=1
  code="$(http_code "http://127.0.0.1:$SANDBOX_PORT/sandbox")"
  row sandbox "127.0.0.1:$SANDBOX_PORT" "$(alive "$DIR/run/sandbox.pid" && echo running || echo stopped)" "/sandbox $code"
  [ "$code" = 200 ] || bad=1
  return "$bad"
}

roles
case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down "${2:-}" ;;
  status) cmd_status ;;
  publish) [ -n "${2:-}" ] || die "usage: $0 publish DIR"; mkdir -p "$2"; publish_into "$(cd "$2" && pwd)" ;;
  *) echo "usage: $0 up | status | down [--purge] | publish DIR" >&2; exit 2 ;;
esac
