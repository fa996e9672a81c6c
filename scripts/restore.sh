#!/usr/bin/env bash
# Restores an archive made by backup.sh into an empty portal: its database and its file store.
#
#   scripts/restore.sh --in zpq.tar.gz --connection "Data Source=/srv/zpq/zhipingquan.db" --storage /srv/zpq/files
#   scripts/restore.sh --in zpq.tar.gz --provider Postgres \
#                      --connection "Host=…;Port=5432;Username=…;Password=…;Database=zpq" --storage /srv/zpq/files
#
# Stop the portal first. Options default to the portal's environment variables as in backup.sh
# (--provider defaults to the archive's). Before changing anything the script checks every file of
# the archive against manifest.sha256 and refuses a damaged archive. It refuses a target that already
# holds data (a SQLite file that exists, a PostgreSQL database with tables, a file store with files)
# unless --force is given; with --force the target's data is replaced. A missing PostgreSQL database
# is created (the user needs CREATEDB). After restoring it checks the restored files' hashes again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/portal-db.sh"

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

PROVIDER="${Database__Provider:-}"
CONNECTION="${ConnectionStrings__Default:-}"
STORAGE="${Storage__Root:-}"
IN=""
FORCE=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) PROVIDER="$2"; shift 2 ;;
    --connection) CONNECTION="$2"; shift 2 ;;
    --storage) STORAGE="$2"; shift 2 ;;
    --in) IN="$2"; shift 2 ;;
    --force) FORCE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "未知参数 / unknown argument: $1" ;;
  esac
done
[[ -n "${IN}" && -f "${IN}" ]] || die "请用 --in 指定存在的备份文件 / --in must name an existing archive: '${IN}'"
[[ -n "${CONNECTION}" ]] || die "请用 --connection 指定目标数据库 / --connection is required"
[[ -n "${STORAGE}" ]] || die "请用 --storage 指定目标文件存储目录（Storage:Root）/ --storage is required"

WORK="$(mktemp -d /tmp/zpq-restore.XXXXXX)"
trap 'rm -rf "${WORK}"' EXIT
tar -C "${WORK}" -xzf "${IN}" || die "无法解开备份文件 / cannot unpack ${IN}"
[[ -f "${WORK}/manifest.sha256" && -f "${WORK}/backup.info" ]] || die "不是 backup.sh 生成的备份（缺少清单）/ not a backup.sh archive (no manifest)"

note "核对清单 / checking manifest.sha256"
(cd "${WORK}" && sha256sum --check --strict --quiet manifest.sha256) \
  || die "备份文件已损坏：哈希与清单不符，未做任何更改 / archive damaged: hashes differ from the manifest; nothing changed"
# Every file of the archive must be in the manifest (a file slipped in is refused too).
listed="$(grep -c . "${WORK}/manifest.sha256" || true)"
present="$(cd "${WORK}" && find . -type f ! -name manifest.sha256 | wc -l)"
[[ "${listed}" -eq "${present}" ]] || die "备份中有清单外的文件，未做任何更改 / archive holds files outside the manifest; nothing changed"

ARCHIVE_PROVIDER="$(sed -n 's/^provider=//p' "${WORK}/backup.info")"
PROVIDER="$(normalise_provider "${PROVIDER:-${ARCHIVE_PROVIDER}}")"
[[ "${PROVIDER}" == "${ARCHIVE_PROVIDER}" ]] \
  || die "备份来自 ${ARCHIVE_PROVIDER}，不能恢复到 ${PROVIDER} / archive is from ${ARCHIVE_PROVIDER}, target is ${PROVIDER}"

# Checks first, changes after: a refused target is left as it was.
if [[ -d "${STORAGE}" && -n "$(find "${STORAGE}" -mindepth 1 -path "${STORAGE}/logs" -prune -o -type f -print -quit)" && ${FORCE} -eq 0 ]]; then
  die "目标文件存储目录不为空（加 --force 覆盖）/ file store ${STORAGE} is not empty (--force replaces it)"
fi
case "${PROVIDER}" in
  sqlite)
    command -v sqlite3 >/dev/null 2>&1 || die "未找到 sqlite3（Debian 软件包 sqlite3）/ sqlite3 not found (apt-get install sqlite3)"
    DB_FILE="$(sqlite_file "${CONNECTION}")"
    if [[ -s "${DB_FILE}" && ${FORCE} -eq 0 ]]; then
      die "目标数据库文件已存在（加 --force 覆盖）/ ${DB_FILE} exists (--force replaces it)"
    fi
    ;;
  postgres)
    export_pg_env "${CONNECTION}"
    PSQL="$(pg_tool psql)"
    target_db="${PGDATABASE}"
    exists="$(PGDATABASE=postgres "${PSQL}" -X -tAc "SELECT 1 FROM pg_database WHERE datname = '${target_db//\'/\'\'}'")"
    if [[ "${exists}" == "1" ]]; then
      tables="$("${PSQL}" -X -tAc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog','information_schema')")"
      if [[ "${tables}" -gt 0 && ${FORCE} -eq 0 ]]; then
        die "目标数据库 ${target_db} 已有 ${tables} 张表（加 --force 覆盖）/ database ${target_db} has ${tables} tables (--force replaces them)"
      fi
    fi
    ;;
esac

case "${PROVIDER}" in
  sqlite)
    note "恢复 SQLite / restoring ${DB_FILE}"
    mkdir -p "$(dirname "${DB_FILE}")"
    rm -f "${DB_FILE}-wal" "${DB_FILE}-shm" "${DB_FILE}-journal"
    cp "${WORK}/database/portal.db" "${DB_FILE}.restoring"
    mv -f "${DB_FILE}.restoring" "${DB_FILE}"
    [[ "$(sqlite3 "${DB_FILE}" 'PRAGMA integrity_check;')" == "ok" ]] || die "恢复后的数据库未通过完整性检查 / restored database failed its integrity check"
    ;;
  postgres)
    if [[ "${exists}" != "1" ]]; then
      note "创建数据库 / creating database ${target_db}"
      PGDATABASE=postgres "${PSQL}" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"${target_db//\"/\"\"}\""
    fi
    note "pg_restore → ${target_db} @ ${PGHOST:-localhost}:${PGPORT:-5432}"
    clean=()
    [[ ${FORCE} -eq 1 ]] && clean=(--clean --if-exists)
    "$(pg_tool pg_restore)" --no-owner --no-acl --exit-on-error "${clean[@]}" --dbname="${target_db}" "${WORK}/database/portal.dump"
    ;;
esac

note "恢复文件存储 / restoring files into ${STORAGE}"
mkdir -p "${STORAGE}"
if [[ ${FORCE} -eq 1 ]]; then
  find "${STORAGE}" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} +
fi
tar -C "${WORK}/files" -cf - . | tar -C "${STORAGE}" -xf -

# The restored files against the manifest once more (their lines, with the files/ prefix taken off).
grep '  \./files/' "${WORK}/manifest.sha256" | sed 's#  \./files/#  ./#' >"${WORK}/files.sha256" || true
(cd "${STORAGE}" && sha256sum --check --strict --quiet "${WORK}/files.sha256") \
  || die "恢复后的文件与清单不符 / restored files differ from the manifest"
note "完成 / done: $(grep -c . "${WORK}/files.sha256" || true) 个文件已核对 / files verified; 数据库 / database: ${PROVIDER}"
