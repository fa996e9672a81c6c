# Shared by backup.sh and restore.sh (sourced, not run): the portal's own configuration values
# (Database:Provider, ConnectionStrings:Default, Storage:Root) turned into what sqlite3 and the
# PostgreSQL tools take.

die() { echo "错误 / error: $*" >&2; exit 1; }
note() { echo "==> $*" >&2; }

# Normalises Database:Provider to sqlite or postgres (SQL Server is not covered by these scripts).
normalise_provider() {
  case "${1,,}" in
    sqlite) echo sqlite ;;
    postgres|postgresql|npgsql) echo postgres ;;
    sqlserver) die "SQL Server 请用其自带的备份（BACKUP DATABASE）/ use SQL Server's own BACKUP DATABASE for SqlServer" ;;
    *) die "未知的数据库类型“$1”（可选 Sqlite、Postgres）/ unknown provider '$1' (Sqlite or Postgres)" ;;
  esac
}

# The file of a SQLite connection string ("Data Source=/x/y.db;..."), or the argument itself when it is a plain path.
sqlite_file() {
  local cs="$1" part key value
  if [[ "${cs}" != *=* ]]; then
    echo "${cs}"
    return
  fi
  IFS=';' read -ra parts <<<"${cs}"
  for part in "${parts[@]}"; do
    key="${part%%=*}"; value="${part#*=}"
    key="$(echo "${key}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    case "${key}" in
      datasource|filename) echo "${value}"; return ;;
    esac
  done
  die "SQLite 连接字符串中没有 Data Source / no Data Source in the SQLite connection string"
}

# Exports PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (and PGSSLMODE) from an Npgsql connection
# string ("Host=…;Port=…;Username=…;Password=…;Database=…"), the form ConnectionStrings:Default takes.
export_pg_env() {
  local cs="$1" part key value
  IFS=';' read -ra parts <<<"${cs}"
  for part in "${parts[@]}"; do
    [[ "${part}" == *=* ]] || continue
    key="${part%%=*}"; value="${part#*=}"
    key="$(echo "${key}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
    case "${key}" in
      host|server) export PGHOST="${value}" ;;
      port) export PGPORT="${value}" ;;
      username|user|userid) export PGUSER="${value}" ;;
      password|pwd) export PGPASSWORD="${value}" ;;
      database|db) export PGDATABASE="${value}" ;;
      sslmode)
        case "${value,,}" in
          verifyca) export PGSSLMODE=verify-ca ;;
          verifyfull) export PGSSLMODE=verify-full ;;
          *) export PGSSLMODE="${value,,}" ;;
        esac ;;
    esac
  done
  [[ -n "${PGDATABASE:-}" ]] || die "PostgreSQL 连接字符串中没有 Database / no Database in the PostgreSQL connection string"
}

# The PostgreSQL client tools of the newest installed version (pg_dump must not be older than the server).
pg_tool() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n "${dir}" && -x "${dir}/$1" ]]; then
    echo "${dir}/$1"
  elif command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  else
    die "未找到 $1（Debian 软件包 postgresql-client）/ $1 not found (Debian package postgresql-client)"
  fi
}

# Writes manifest.sha256 (sha256sum format, paths relative to the folder) over every other file in the folder.
write_manifest() {
  (cd "$1" && find . -type f ! -name manifest.sha256 -print0 | sort -z | xargs -0 -r sha256sum >manifest.sha256)
}
