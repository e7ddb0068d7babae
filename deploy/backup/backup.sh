#!/usr/bin/env bash
# Dumps the site's database (pg_dump custom format: compressed, restorable table by table)
# into BACKUP_DIR and keeps the last KEEP_DAYS days. Uploads (var/media) are backed up with
# the file system; this is the data that changes every minute during a registration rush.
# Restore: deploy/backup/restore.sh FILE (see deploy/README.md).
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is not set}"
BACKUP_DIR=${BACKUP_DIR:-/var/backups/mce-site}
KEEP_DAYS=${KEEP_DAYS:-14}
mkdir -p "$BACKUP_DIR"
file="$BACKUP_DIR/mce-site-$(date -u +%Y%m%dT%H%M%SZ).dump"
# Written under a temporary name first: a half-written dump is never mistaken for a backup.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$file.part"
mv "$file.part" "$file"
pg_restore --list "$file" >/dev/null  # the dump can be read back
find "$BACKUP_DIR" -name 'mce-site-*.dump' -mtime +"$KEEP_DAYS" -delete
echo "backup: $file ($(du -h "$file" | cut -f1))"
