#!/usr/bin/env bash
# Backs up the portal's database and file store into one archive with a SHA-256 manifest.
#
#   scripts/backup.sh --out /backups/zpq-$(date +%Y%m%d-%H%M).tar.gz
#   scripts/backup.sh --provider Postgres --connection "Host=…;Port=5432;Username=…;Password=…;Database=zpq" \
#                     --storage /srv/zpq/files --out zpq.tar.gz
#
# Options default to the portal's own environment variables, so the script can run with the same
# settings as the portal: --provider ← Database__Provider (Sqlite), --connection ←
# ConnectionStrings__Default (a SQLite "Data Source=…" or an Npgsql connection string), --storage ←
# Storage__Root. The portal may keep running: SQLite is copied with its online backup API
# (sqlite3 ".backup"), PostgreSQL with pg_dump (one consistent snapshot). The database is copied
# first and the files after it, so every file a record names is in the archive (the file store only
# gains files). The archive holds backup.info, database/ (portal.db or portal.dump), files/ and
# manifest.sha256 (sha256sum of every other file); restore.sh checks it before changing anything.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/portal-db.sh"

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

PROVIDER="${Database__Provider:-Sqlite}"
CONNECTION="${ConnectionStrings__Default:-}"
STORAGE="${Storage__Root:-}"
OUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) PROVIDER="$2"; shift 2 ;;
    --connection) CONNECTION="$2"; shift 2 ;;
    --storage) STORAGE="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "未知参数 / unknown argument: $1" ;;
  esac
done
PROVIDER="$(normalise_provider "${PROVIDER}")"
[[ -n "${OUT}" ]] || die "请用 --out 指定备份文件 / --out is required"
[[ -n "${CONNECTION}" ]] || die "请用 --connection 指定数据库（与 ConnectionStrings:Default 相同）/ --connection is required"
[[ -n "${STORAGE}" && -d "${STORAGE}" ]] || die "文件存储目录不存在（--storage，即 Storage:Root）/ file store folder not found: '${STORAGE}'"
[[ -e "${OUT}" ]] && die "备份文件已存在，不覆盖 / ${OUT} exists; not overwriting"

OUT_DIR="$(cd "$(dirname "${OUT}")" && pwd)"
STAGE="$(mktemp -d "${OUT_DIR}/.zpq-backup.XXXXXX")"
trap 'rm -rf "${STAGE}"' EXIT
mkdir -p "${STAGE}/database" "${STAGE}/files"

case "${PROVIDER}" in
  sqlite)
    command -v sqlite3 >/dev/null 2>&1 || die "未找到 sqlite3（Debian 软件包 sqlite3）/ sqlite3 not found (apt-get install sqlite3)"
    DB_FILE="$(sqlite_file "${CONNECTION}")"
    [[ -f "${DB_FILE}" ]] || die "SQLite 数据库文件不存在 / SQLite database not found: ${DB_FILE}"
    note "SQLite 在线备份 / online backup of ${DB_FILE}"
    # The online backup API copies a consistent database while the portal keeps writing (it waits on locks up to 30 s).
    sqlite3 "${DB_FILE}" ".timeout 30000" ".backup '${STAGE}/database/portal.db'"
    [[ "$(sqlite3 "${STAGE}/database/portal.db" 'PRAGMA integrity_check;')" == "ok" ]] \
      || die "备份的数据库未通过完整性检查 / the copied database failed its integrity check"
    ;;
  postgres)
    export_pg_env "${CONNECTION}"
    note "pg_dump ${PGDATABASE} @ ${PGHOST:-localhost}:${PGPORT:-5432}"
    "$(pg_tool pg_dump)" --format=custom --no-owner --no-acl --file="${STAGE}/database/portal.dump" "${PGDATABASE}"
    ;;
esac

note "文件存储 / file store ${STORAGE}"
# Logs may live under Storage:Root in small set-ups; they are not data.
tar -C "${STORAGE}" --exclude=./logs -cf - . | tar -C "${STAGE}/files" -xf -

FILE_COUNT="$(find "${STAGE}/files" -type f | wc -l)"
cat >"${STAGE}/backup.info" <<INFO
format=1
provider=${PROVIDER}
created_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
host=$(hostname)
files=${FILE_COUNT}
INFO
write_manifest "${STAGE}"

tar -C "${STAGE}" -czf "${OUT}.partial" .
mv "${OUT}.partial" "${OUT}"
note "完成 / done: ${OUT} ($(du -h "${OUT}" | cut -f1), ${FILE_COUNT} 个文件 / files, 清单 manifest.sha256)"
