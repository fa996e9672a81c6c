#!/usr/bin/env bash
# Two portal instances on one PostgreSQL database and one file store, behind nginx (round-robin):
# the set-up of a production pair on one machine, for the browser test, the load benchmark and a look by hand.
#
#   scripts/two-instances.sh                      # http://127.0.0.1:5090 → instances portal-a and portal-b
#   scripts/two-instances.sh --port 8080 --postgres "Host=…;Port=…;Username=…;Password=…;Database=postgres"
#
# Starts a throw-away PostgreSQL cluster (or, with --postgres, makes a fresh database on that server,
# dropped afterwards), starts instance portal-a, waits for /healthz (it migrates and seeds), makes the
# data-protection key, starts portal-b, and nginx in front as the current user with its own config in a
# temporary folder (not the system service). Each answer carries X-Portal-Instance. Then it prints
#   PORTAL_URL=…  INSTANCE_A_URL=…  INSTANCE_B_URL=…  INSTANCE_A_PID=…  INSTANCE_B_PID=…  DATABASE=…  STORAGE=…  WORK_DIR=…
# and "READY", and keeps everything up until its standard input ends (Enter, Ctrl-D, or the parent
# closing the pipe) or Ctrl-C; then it stops what it started and deletes the folder (unless --keep).
# Options: --port N (nginx; default 5090), --env NAME (default Demo: demo accounts and data),
# --set KEY=VALUE (more portal configuration for both instances, e.g. --set Mail:Host=127.0.0.1),
# --configuration Release|Debug (which build to run; built when missing), --keep.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"
source "${REPO_ROOT}/scripts/lib/portal-db.sh"

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

NGINX_PORT=5090
ENV_NAME=Demo
CONFIGURATION=Release
POSTGRES=""
KEEP=0
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) NGINX_PORT="$2"; shift 2 ;;
    --env) ENV_NAME="$2"; shift 2 ;;
    --postgres) POSTGRES="$2"; shift 2 ;;
    --set) EXTRA+=("$2"); shift 2 ;;
    --configuration) CONFIGURATION="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "未知参数 / unknown argument: $1" ;;
  esac
done

as_root() {
  if [[ ${EUID} -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "需要 root 权限安装软件包 / need root to install packages: $*"; fi
}
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg -s "${pkg}" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("${pkg}")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  note "安装 / installing: ${missing[*]}"
  as_root apt-get update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2
}
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    port_in_use "${port}" || { echo "${port}"; return; }
  done
}

PACKAGES=(nginx curl)
[[ -z "${POSTGRES}" ]] && PACKAGES+=(postgresql)
ensure_packages "${PACKAGES[@]}"
command -v dotnet >/dev/null 2>&1 || die "未找到 .NET SDK / dotnet not found on PATH"
port_in_use "${NGINX_PORT}" && die "端口 ${NGINX_PORT} 已被占用（用 --port 换一个）/ port ${NGINX_PORT} is in use (--port)"

WEB_DIR="${REPO_ROOT}/src/ZhiPingQuan.Web"
DLL="${WEB_DIR}/bin/${CONFIGURATION}/net10.0/ZhiPingQuan.Web.dll"
if [[ ! -f "${DLL}" ]]; then
  note "构建 / building (${CONFIGURATION})"
  dotnet build "${WEB_DIR}/ZhiPingQuan.Web.csproj" -c "${CONFIGURATION}" -nologo -v quiet >&2
fi

WORK="$(mktemp -d /tmp/zpq-two.XXXXXX)"
chmod 755 "${WORK}"
PIDS=()
PG_ROOT=""
PG_STARTED=0
DROP_DB=""
NGINX_PID=""

as_pg() { if [[ ${EUID} -eq 0 ]]; then (cd "${PG_ROOT}" && runuser -u postgres -- "$@"); else (cd "${PG_ROOT}" && "$@"); fi; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [[ -n "${NGINX_PID}" ]] && kill "${NGINX_PID}" 2>/dev/null || true
  local pid
  for pid in "${PIDS[@]}"; do kill "${pid}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}" ${NGINX_PID}; do
    for _ in $(seq 1 50); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.2; done
    kill -9 "${pid}" 2>/dev/null || true
  done
  if [[ -n "${DROP_DB}" ]]; then
    (export_pg_env "${POSTGRES}"; PGDATABASE="${PGDATABASE}" "$(pg_tool psql)" -X -q -c "DROP DATABASE IF EXISTS \"${DROP_DB}\" WITH (FORCE)") >/dev/null 2>&1 || true
  fi
  if [[ ${PG_STARTED} -eq 1 ]]; then
    as_pg "${PG_BIN}/pg_ctl" -D "${PG_ROOT}/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [[ -n "${PG_ROOT}" ]] && rm -rf "${PG_ROOT}"
  if [[ ${KEEP} -eq 1 ]]; then note "保留 / kept ${WORK}"; else rm -rf "${WORK}"; fi
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PostgreSQL --------------------------------------------------------------------------
if [[ -z "${POSTGRES}" ]]; then
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -x "${PG_BIN}/initdb" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  PG_ROOT="$(mktemp -d /tmp/zpq-two-pg.XXXXXX)"
  [[ ${EUID} -eq 0 ]] && chown postgres: "${PG_ROOT}"
  chmod 700 "${PG_ROOT}"
  printf 'zpq\n' >"${PG_ROOT}/pwfile"
  [[ ${EUID} -eq 0 ]] && chown postgres: "${PG_ROOT}/pwfile"
  as_pg "${PG_BIN}/initdb" -D "${PG_ROOT}/data" -U zpq --pwfile="${PG_ROOT}/pwfile" --auth-host=scram-sha-256 \
    --auth-local=trust -E UTF8 --no-locale --no-sync >"${PG_ROOT}/initdb.log" 2>&1 || { cat "${PG_ROOT}/initdb.log" >&2; exit 1; }
  PG_PORT="$(free_port)"
  note "PostgreSQL 127.0.0.1:${PG_PORT} (${PG_ROOT})"
  as_pg "${PG_BIN}/pg_ctl" -D "${PG_ROOT}/data" -l "${PG_ROOT}/server.log" -w -t 60 start -o \
    "-F -c listen_addresses=127.0.0.1 -p ${PG_PORT} -k ${PG_ROOT} -c max_connections=300" >/dev/null \
    || { tail -n 20 "${PG_ROOT}/server.log" >&2; die "PostgreSQL 未能启动 / PostgreSQL did not start"; }
  PG_STARTED=1
  CONNECTION="Host=127.0.0.1;Port=${PG_PORT};Username=zpq;Password=zpq;Database=zhipingquan"
else
  DROP_DB="zpq_two_$(date +%s)_${RANDOM}"
  CONNECTION="$(printf '%s' "${POSTGRES}" | sed -E 's/(^|;)[[:space:]]*[Dd]atabase[[:space:]]*=[^;]*//g');Database=${DROP_DB}"
fi

# --- The two instances -------------------------------------------------------------------
STORAGE="${WORK}/files"
mkdir -p "${STORAGE}"
PORT_A="$(free_port)"
PORT_B="$(free_port)"
while [[ "${PORT_B}" == "${PORT_A}" || "${PORT_B}" == "${NGINX_PORT}" || "${PORT_A}" == "${NGINX_PORT}" ]]; do
  PORT_A="$(free_port)"; PORT_B="$(free_port)"
done

start_instance() { # start_instance <name> <port>
  local name="$1" port="$2" setting key value
  (
    export ASPNETCORE_ENVIRONMENT="${ENV_NAME}" DOTNET_ENVIRONMENT="${ENV_NAME}"
    unset ASPNETCORE_URLS
    export Database__Provider=Postgres ConnectionStrings__Default="${CONNECTION}" Storage__Root="${STORAGE}"
    export Logs__Path="${WORK}/logs-${name}" Portal__InstanceName="${name}" Proxy__KnownProxies=127.0.0.1
    for setting in "${EXTRA[@]}"; do
      key="${setting%%=*}"; value="${setting#*=}"
      export "${key//:/__}=${value}"
    done
    cd "${WEB_DIR}"
    exec dotnet "${DLL}" --contentRoot "${WEB_DIR}" --urls "http://127.0.0.1:${port}" </dev/null >"${WORK}/${name}.log" 2>&1
  ) &
  PIDS+=($!)
}

wait_healthy() { # wait_healthy <url> <name>
  local pid="${PIDS[-1]}"
  for _ in $(seq 1 360); do
    kill -0 "${pid}" 2>/dev/null || { tail -n 40 "${WORK}/$2.log" >&2; die "$2 退出了 / $2 exited"; }
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "$1/healthz" || true)" == "200" ]] && return 0
    sleep 0.5
  done
  tail -n 40 "${WORK}/$2.log" >&2
  die "$2 未在 180 秒内就绪 / $2 not healthy within 180 s"
}

# One at a time: the first migrates and seeds the new database, and makes the data-protection key
# (the sign-in page's antiforgery token needs it) before the second reads the key ring.
note "portal-a → 127.0.0.1:${PORT_A}"
start_instance portal-a "${PORT_A}"
wait_healthy "http://127.0.0.1:${PORT_A}" portal-a
curl -s -o /dev/null "http://127.0.0.1:${PORT_A}/Account/Login"
note "portal-b → 127.0.0.1:${PORT_B}"
start_instance portal-b "${PORT_B}"
wait_healthy "http://127.0.0.1:${PORT_B}" portal-b

# --- nginx ---------------------------------------------------------------------------------
NGINX_DIR="${WORK}/nginx"
mkdir -p "${NGINX_DIR}"
# As root the workers would run as "nobody"; run them as the current user instead.
USER_LINE=""
[[ ${EUID} -eq 0 ]] && USER_LINE="user root;"
cat >"${NGINX_DIR}/nginx.conf" <<CONF
${USER_LINE}
worker_processes 1;
pid ${NGINX_DIR}/nginx.pid;
error_log ${NGINX_DIR}/error.log warn;
events { worker_connections 2048; }
http {
  access_log off;
  client_body_temp_path ${NGINX_DIR}/body;
  proxy_temp_path ${NGINX_DIR}/proxy;
  fastcgi_temp_path ${NGINX_DIR}/fastcgi;
  uwsgi_temp_path ${NGINX_DIR}/uwsgi;
  scgi_temp_path ${NGINX_DIR}/scgi;
  client_max_body_size 64m;
  upstream portal {
    # Round-robin (nginx's default): consecutive requests go to alternate instances.
    server 127.0.0.1:${PORT_A};
    server 127.0.0.1:${PORT_B};
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${NGINX_PORT};
    location / {
      proxy_pass http://portal;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
CONF
nginx -p "${NGINX_DIR}" -c "${NGINX_DIR}/nginx.conf" -e "${NGINX_DIR}/error.log" -g 'daemon off;' </dev/null >"${NGINX_DIR}/stdout.log" 2>&1 &
NGINX_PID=$!
for _ in $(seq 1 100); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${NGINX_PORT}/healthz" || true)" == "200" ]] && break
  kill -0 "${NGINX_PID}" 2>/dev/null || { cat "${NGINX_DIR}/error.log" "${NGINX_DIR}/stdout.log" >&2; die "nginx 未能启动 / nginx did not start"; }
  sleep 0.1
done

echo "PORTAL_URL=http://127.0.0.1:${NGINX_PORT}"
echo "INSTANCE_A_URL=http://127.0.0.1:${PORT_A}"
echo "INSTANCE_B_URL=http://127.0.0.1:${PORT_B}"
echo "INSTANCE_A_PID=${PIDS[0]}"
echo "INSTANCE_B_PID=${PIDS[1]}"
echo "DATABASE=${CONNECTION}"
echo "STORAGE=${STORAGE}"
echo "WORK_DIR=${WORK}"
echo "READY"
note "门户 / portal: http://127.0.0.1:${NGINX_PORT}（两个实例 / two instances: portal-a, portal-b）；按回车或 Ctrl-C 停止 / Enter or Ctrl-C stops"
# Until standard input ends or a signal arrives; a dead instance or nginx ends it too.
while :; do
  rc=0
  read -r -t 2 _ || rc=$?
  [[ ${rc} -le 128 ]] && break # a line or the end of input; above 128 is the timeout
  for pid in "${PIDS[@]}" "${NGINX_PID}"; do
    kill -0 "${pid}" 2>/dev/null || die "进程 ${pid} 已退出 / process ${pid} exited (logs in ${WORK})"
  done
done
