#!/usr/bin/env bash
# Installs and starts what the project needs, idempotently, on a fresh Debian machine (as root):
# apt packages, a local PostgreSQL (unless ConnectionStrings__Postgres points elsewhere), npm tools.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/eng/lib.sh"

# librdkafka comes from NuGet (librdkafka.redist, see Directory.Build.targets), never from Debian:
# kcat pulls in Debian's librdkafka1 for itself, which our processes must not (and do not) load.
APT_PACKAGES=(postgresql kcat docker-compose nodejs npm wrk)

install_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  # node and npm may come from elsewhere than Debian (the image's own Node.js): accept those.
  local wanted=()
  for pkg in "${missing[@]}"; do
    case "$pkg" in
      nodejs) command -v node >/dev/null || wanted+=("$pkg") ;;
      npm) command -v npm >/dev/null || wanted+=("$pkg") ;;
      *) wanted+=("$pkg") ;;
    esac
  done
  if ((${#wanted[@]})); then
    say "installing apt packages: ${wanted[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
  fi
}

start_local_postgres() {
  if [[ -n "${ConnectionStrings__Postgres:-}" ]]; then
    say "using the configured PostgreSQL (ConnectionStrings__Postgres)"
    return
  fi
  local bin; bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    ensure_database
    return
  fi
  as_root mkdir -p "$PG_DATA"
  as_root chown postgres:postgres "$(dirname "$PG_DATA")" "$PG_DATA"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    say "initializing a PostgreSQL data folder at $PG_DATA"
    as_postgres "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat <<CONF | as_postgres tee -a "$PG_DATA/postgresql.conf" >/dev/null
# Streaming CDP local server: loopback only, sized for a 2-core, 24 GiB development machine.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_DATA'
max_connections = 300
shared_buffers = 1GB
effective_cache_size = 4GB
maintenance_work_mem = 256MB
wal_buffers = 16MB
max_wal_size = 4GB
checkpoint_timeout = 15min
CONF
  fi
  say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_postgres "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start >/dev/null
  ensure_database
}

ensure_database() {
  local exists
  exists="$(psql_local -tAc "select 1 from pg_database where datname = 'streaming'")"
  [[ "$exists" == "1" ]] || psql_local -qc "create database streaming"
}

install_npm_tools() {
  local dir="$ROOT/tests/node"
  [[ -f "$dir/package.json" ]] || return 0
  if [[ ! -d "$dir/node_modules" || "$dir/package.json" -nt "$dir/node_modules" ]]; then
    say "installing npm tools for the conformance tests"
    (cd "$dir" && npm install --no-audit --no-fund --silent >/dev/null) && touch "$dir/node_modules"
  fi
}

install_apt_packages
start_local_postgres
install_npm_tools
