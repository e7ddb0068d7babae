#!/usr/bin/env bash
# Starts the production stack on this machine as deploy/systemd and deploy/nginx describe it,
# then smoke-tests it over HTTPS (deploy/smoke/check_stack.py); stops everything on exit.
#
# PostgreSQL (a database of its own, dropped at the end), Redis, two gunicorn servers and the
# worker started from the units' own ExecStart/Environment/WorkingDirectory lines with an
# EnvironmentFile written here, nginx (Debian's package, installed when missing) with the
# committed site rendered for high ports and a self-signed certificate, and a local SMTP
# server that keeps what the worker sends. After the checks, mce-backup.service's backup is
# restored into a scratch database as deploy/README.md says. Run it with `make smoke-production`.
set -euo pipefail
set -f  # unit command lines are split into words below, never globbed
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
HOST=${SMOKE_HOST:-mce.localtest}  # .localtest never resolves on the internet

[ -x "$PY" ] || { echo "smoke: run 'make messages' first (no .venv)" >&2; exit 1; }
if ! command -v nginx >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "smoke: nginx is missing; as root: apt-get install nginx" >&2; exit 1; }
  bash .ci/apt-install nginx
fi

tmp=$(mktemp -d /tmp/mce-smoke.XXXXXX)
chmod 755 "$tmp"  # nginx's workers (www-data) read the static files below it
mkdir -p "$tmp"/{logs,tls,nginx,backups,var/static,var/media}  # mail/: a maildir, made by the sink
pids=()
stop_stack() {
  local status=$?
  echo "== smoke [${SECONDS}s]: stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$tmp/nginx/nginx.pid" ] && kill "$(cat "$tmp/nginx/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "== smoke [${SECONDS}s]: processes stopped"
  if [ -n "${DB_ADMIN_URL:-}" ]; then
    for db in "$DB_NAME" "${DB_NAME}_restore"; do
      psql -q "$DB_ADMIN_URL" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
  fi
  if [ "$status" != 0 ]; then
    set +f
    for log in "$tmp"/logs/*.log "$tmp"/nginx/error.log; do
      [ -s "$log" ] && { echo "--- last lines of ${log#"$tmp"/}"; tail -n 15 "$log"; }
    done
  fi
  rm -rf "$tmp"
  echo "== smoke [${SECONDS}s]: stopped"
  eval "${CI_CLEANUP:-:}"  # a PostgreSQL or Redis that .ci/*.sh started for this script
}
trap stop_stack EXIT

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for_port() {  # port, what, pid
  for _ in $(seq 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || break
    sleep 0.2
  done
  echo "smoke: $2 did not start on port $1" >&2
  return 1
}

wait_for_health() {  # port, what, pid: as after `systemctl restart mce-web@…` (deploy/README.md)
  for _ in $(seq 300); do
    curl -sf -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$1/healthz" && return 0
    kill -0 "$3" 2>/dev/null || break
    sleep 0.2
  done
  echo "smoke: $2 does not answer /healthz on port $1" >&2
  return 1
}

# PostgreSQL and Redis as CI gets them (the running servers, or throwaway ones).
[ -n "${CI_DATABASE_URL:-}" ] || source .ci/postgres.sh
source .ci/redis.sh
trap stop_stack EXIT  # the sourced files set their own trap; ours runs their cleanup too
DB_NAME=mce_deploy_smoke_$$
DB_ADMIN_URL=${CI_DATABASE_URL%/*}/postgres
psql -q "$DB_ADMIN_URL" -c "CREATE DATABASE $DB_NAME" >/dev/null

HTTPS_PORT=$(free_port)
HTTP_PORT=$(free_port)
SMTP_PORT=$(free_port)
SITE_URL=https://$HOST:$HTTPS_PORT

# The EnvironmentFile of the units (/etc/mce-site/env in production; deploy/README.md).
# CSRF_TRUSTED_ORIGINS only because this port is not 443: nginx passes Host without a port.
cat >"$tmp/env" <<EOF
DJANGO_SETTINGS_MODULE=mce_site.settings.prod
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
ALLOWED_HOSTS=$HOST
SITE_URL=$SITE_URL
CSRF_TRUSTED_ORIGINS=$SITE_URL
DATABASE_URL=${CI_DATABASE_URL%/*}/$DB_NAME
CACHE_URL=redis://127.0.0.1:6379/1?key_prefix=$DB_NAME
TRUSTED_PROXY_COUNT=1
EMAIL_URL=smtp://127.0.0.1:$SMTP_PORT
STATIC_ROOT=$tmp/var/static
MEDIA_ROOT=$tmp/var/media
WEB_CONCURRENCY=2
WORKER_INTERVAL_SECONDS=0.5
EOF
with_env() { (set -a && . "$tmp/env" && set +a && exec "$@"); }

echo "== smoke [${SECONDS}s]: database, static files, demo conference"
# collectstatic needs no database: it runs beside the migrations.
with_env "$PY" manage.py collectstatic --noinput -v 0 &
collecting=$!
pids+=("$collecting")
with_env "$PY" manage.py migrate --noinput -v 0
with_env "$PY" manage.py load_demo >/dev/null
wait "$collecting"

# A unit's setting, with the checkout for /srv/mce-site, the temporary directory for the
# backups' and the instance for %i.
unit_lines() {  # unit file, key, instance
  sed -n "s/^$2=//p" "deploy/systemd/$1" |
    sed -e "s#/srv/mce-site#$ROOT#g" -e "s#/var/backups/mce-site#$tmp/backups#g" -e "s#%i#${3:-}#g"
}
run_unit() {  # unit file, instance: becomes the unit's ExecStart (call it in a subshell or with &)
  local workdir exec environment
  workdir=$(unit_lines "$1" WorkingDirectory "$2")
  exec=$(unit_lines "$1" ExecStart "$2")
  environment=$(unit_lines "$1" Environment "$2")
  [ "$(unit_lines "$1" EnvironmentFile)" = /etc/mce-site/env ] || {
    echo "smoke: $1 no longer reads /etc/mce-site/env: update this script" >&2; exit 1; }
  cd "${workdir:-/}" && set -a && . "$tmp/env" && set +a
  # Split into words as systemd does (no quotes in these lines); exec, so the pid is the server's.
  # shellcheck disable=SC2086
  exec env $environment $exec
}
start_unit() {  # unit file, instance, log name
  run_unit "$1" "$2" >"$tmp/logs/$3.log" 2>&1 &
  pids+=($!)
}

# The ports of nginx's upstream are the instances of mce-web@ (mce-web@8001, mce-web@8002);
# each gets a free port here.
render=(-e "s#/srv/mce-site/var/#$tmp/var/#g" -e "s#/etc/mce-site/tls/#$tmp/tls/#g"
  -e "s#server_name www.majorcities.eu;#server_name $HOST;#"
  -e "s#listen 80;#listen 127.0.0.1:$HTTP_PORT;#" -e "s#listen 443 #listen 127.0.0.1:$HTTPS_PORT #"
  -e '/listen \[::\]/d')
echo "== smoke [${SECONDS}s]: mail sink, web servers, worker"
"$ROOT/.venv/bin/aiosmtpd" -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$tmp/mail" \
  >"$tmp/logs/smtp.log" 2>&1 &
pids+=($!)
wait_for_port "$SMTP_PORT" "the SMTP sink" "${pids[-1]}"
for instance in $(sed -n 's/^ *server 127\.0\.0\.1:\([0-9]*\) .*/\1/p' deploy/nginx/mce-site.conf); do
  port=$(free_port)
  render+=(-e "s#server 127.0.0.1:$instance #server 127.0.0.1:$port #")
  start_unit mce-web@.service "$port" "mce-web@$instance"
  wait_for_health "$port" "mce-web@$instance (gunicorn)" "${pids[-1]}"
done
start_unit mce-worker.service "" mce-worker

echo "== smoke [${SECONDS}s]: nginx on $SITE_URL (self-signed certificate)"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$tmp/tls/privkey.pem" -out "$tmp/tls/fullchain.pem" 2>/dev/null
sed "${render[@]}" deploy/nginx/mce-site.conf >"$tmp/nginx/mce-site.conf"
if grep -nE '/srv/|/etc/mce-site|majorcities|listen (80|443)|:800[12] ' "$tmp/nginx/mce-site.conf"; then
  echo "smoke: deploy/nginx/mce-site.conf changed: these lines are not rendered for this machine" >&2
  exit 1
fi
# The main file as Debian's /etc/nginx/nginx.conf has it, with every path in the temporary
# directory and only our site.
cat >"$tmp/nginx/nginx.conf" <<EOF
$([ "$(id -u)" = 0 ] && echo "user www-data;")
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 256; }
http {
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $tmp/logs/nginx-access.log;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    include $tmp/nginx/mce-site.conf;
}
EOF
nginx_args=(-p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf")
nginx -t -q "${nginx_args[@]}"
nginx "${nginx_args[@]}"
wait_for_port "$HTTPS_PORT" nginx "$$"

echo "== smoke [${SECONDS}s]: checks over HTTPS"
checks=0
"$PY" deploy/smoke/check_stack.py --site-url "$SITE_URL" --http-port "$HTTP_PORT" \
  --ca "$tmp/tls/fullchain.pem" --maildir "$tmp/mail" || checks=$?

echo "== smoke [${SECONDS}s]: backup (mce-backup.service) restored into a scratch database"
(run_unit mce-backup.service "") >"$tmp/logs/mce-backup.log" 2>&1
psql -q "$DB_ADMIN_URL" -c "CREATE DATABASE ${DB_NAME}_restore" >/dev/null
set +f
dump=$(ls "$tmp"/backups/mce-site-*.dump)
set -f
# As deploy/README.md says, with the scratch database instead of the site's.
(set -a && . "$tmp/env" && set +a && DATABASE_URL=${DATABASE_URL}_restore deploy/backup/restore.sh "$dump") \
  >"$tmp/logs/restore.log" 2>&1
count="select count(*) from registration_registration"
kept=$(psql -At "${DB_ADMIN_URL%/*}/${DB_NAME}_restore" -c "$count")
live=$(psql -At "${DB_ADMIN_URL%/*}/$DB_NAME" -c "$count")
if [ "$kept" = "$live" ] && [ "$live" -gt 0 ]; then
  echo "backup and restore: ok, $kept registration(s) in the restored copy of $(basename "$dump")"
else
  echo "backup and restore: FAIL, $kept registration(s) restored of $live" >&2
  checks=1
fi
exit "$checks"
