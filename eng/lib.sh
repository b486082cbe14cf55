# Shared by the project's scripts.
PG_PORT="${STREAMING_PG_PORT:-55432}"
PG_DATA="${STREAMING_PG_DATA:-/var/lib/streaming-cdp/pg}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

as_postgres() { as_root runuser -u postgres -- "$@"; }

psql_local() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@"; }
