# Sourced by .ci/run: sets CI_DATABASE_URL to a real PostgreSQL server. Uses the one on
# 127.0.0.1:5432 when it answers; otherwise starts a throwaway cluster with Debian's
# PostgreSQL binaries (installing the postgresql package when missing), stopped on exit.
db_name="mce_ci_$$"
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  CI_DATABASE_URL="postgres://postgres@127.0.0.1:5432/${db_name}"
else
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pg_bin" ]; then
    bash .ci/apt-install postgresql
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  pg_dir=$(mktemp -d)
  chown postgres "$pg_dir" 2>/dev/null || true
  as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust >/dev/null
  as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p 54329 -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  CI_CLEANUP="${CI_CLEANUP:-:}; as_pg $pg_bin/pg_ctl -D $pg_dir/data -m fast stop >/dev/null; rm -rf $pg_dir"
  trap 'eval "$CI_CLEANUP"' EXIT
  CI_DATABASE_URL="postgres://postgres@127.0.0.1:54329/${db_name}"
fi
echo "PostgreSQL: ${CI_DATABASE_URL}"
export CI_DATABASE_URL
