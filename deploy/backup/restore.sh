#!/usr/bin/env bash
# Restores a dump made by backup.sh into the database of DATABASE_URL, replacing what is there.
# Stop the web servers and the worker first (systemctl stop 'mce-web@*' mce-worker), so no
# request writes during the restore; start them again afterwards.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is not set}"
dump=${1:?usage: restore.sh BACKUP.dump}
pg_restore --list "$dump" >/dev/null
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$dump"
echo "restored: $dump"
