#!/usr/bin/env bash
# Runs every test suite of the portal: domain unit tests, web integration tests (SQLite and
# a real PostgreSQL) and the browser end-to-end tests (Playwright driving Debian's Chromium).
#
#   ./test.sh                               # everything
#   ./test.sh --filter "FullyQualifiedName~Login"   # passed through to `dotnet test --filter`
#   ZPQ_SKIP_E2E=1 ./test.sh                # skip the browser suite for a quick local run
#
# Installs what it needs from Debian's packages when missing, starts a throw-away PostgreSQL
# cluster on a loopback port (stopped and deleted on exit), builds once, runs each test
# project, and ends with one line "N passed, N failed, N skipped". Exit code is non-zero when
# any project failed or no test ran. Results (.trx) go to .test-output/<project>/.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
REPO_ROOT="$(pwd)"
OUT_DIR="${REPO_ROOT}/.test-output"
PROJECTS=(ZhiPingQuan.Domain.Tests ZhiPingQuan.Web.Tests ZhiPingQuan.EndToEnd)
# A hung project must not eat CI's 90 minutes: each `dotnet test` gets this many seconds.
PROJECT_TIMEOUT="${ZPQ_PROJECT_TIMEOUT:-900}"

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

FILTER_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --filter) [[ $# -ge 2 ]] || { echo "--filter needs an expression" >&2; exit 2; }
              FILTER_ARGS=(--filter "$2"); shift 2 ;;
    --filter=*) FILTER_ARGS=(--filter "${1#--filter=}"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '\n==> %s\n' "$*"; }

# ---------------------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------------------
as_root() {
  if [[ ${EUID} -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "需要 root 权限安装软件包（没有 sudo）/ need root to install packages (no sudo): $*" >&2
    return 1
  fi
}

ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg -s "${pkg}" 2>/dev/null | grep -q '^Status: install ok installed'; then
      missing+=("${pkg}")
    fi
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

command -v dotnet >/dev/null 2>&1 || { echo "dotnet not found on PATH" >&2; exit 1; }

RUN_E2E=1
[[ "${ZPQ_SKIP_E2E:-0}" == "1" ]] && RUN_E2E=0

# poppler-utils: pdftoppm renders PDF pages in the PDF tests; openssl checks the platform signer's SM2 output;
# sqlite3: the backup and restore scripts' test. nginx: the browser test of two instances behind a proxy.
PACKAGES=(postgresql fonts-noto-cjk poppler-utils openssl procps sqlite3)
[[ ${RUN_E2E} -eq 1 ]] && PACKAGES+=(chromium nginx curl)
ensure_packages "${PACKAGES[@]}"

# ---------------------------------------------------------------------------------------
# Throw-away PostgreSQL cluster
# ---------------------------------------------------------------------------------------
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -x "${PG_BIN}/initdb" ]] || { echo "PostgreSQL binaries not found under /usr/lib/postgresql" >&2; exit 1; }
PG_USER=zpq
PG_PASSWORD=zpq
PG_ROOT="$(mktemp -d /tmp/zpq-pg.XXXXXX)"
PG_DATA="${PG_ROOT}/data"
PG_STARTED=0

# initdb refuses to run as root: as root use the `postgres` system user of the Debian package.
as_pg() {
  if [[ ${EUID} -eq 0 ]]; then
    (cd "${PG_ROOT}" && runuser -u postgres -- "$@")
  else
    (cd "${PG_ROOT}" && "$@")
  fi
}

cleanup() {
  local rc=$?
  if [[ ${PG_STARTED} -eq 1 ]]; then
    as_pg "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "${PG_ROOT}"
  exit "${rc}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

log "starting a throw-away PostgreSQL ($("${PG_BIN}/postgres" --version)) in ${PG_ROOT}"
[[ ${EUID} -eq 0 ]] && chown postgres: "${PG_ROOT}"
chmod 700 "${PG_ROOT}"
printf '%s\n' "${PG_PASSWORD}" > "${PG_ROOT}/pwfile"
[[ ${EUID} -eq 0 ]] && chown postgres: "${PG_ROOT}/pwfile"
as_pg "${PG_BIN}/initdb" -D "${PG_DATA}" -U "${PG_USER}" --pwfile="${PG_ROOT}/pwfile" \
  --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --no-locale --no-sync >"${PG_ROOT}/initdb.log" 2>&1 \
  || { cat "${PG_ROOT}/initdb.log" >&2; exit 1; }

PG_PORT="${ZPQ_PG_PORT:-55432}"
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  while port_in_use "${PG_PORT}"; do PG_PORT=$((PG_PORT + 1)); done
  if as_pg "${PG_BIN}/pg_ctl" -D "${PG_DATA}" -l "${PG_ROOT}/server.log" -w -t 60 start -o \
      "-F -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c listen_addresses=127.0.0.1 -p ${PG_PORT} -k ${PG_ROOT} -c max_connections=200" \
      >/dev/null; then
    PG_STARTED=1
    break
  fi
  echo "PostgreSQL did not start on port ${PG_PORT} (attempt ${attempt}); trying the next port" >&2
  tail -n 5 "${PG_ROOT}/server.log" >&2 || true
  PG_PORT=$((PG_PORT + 1))
done
[[ ${PG_STARTED} -eq 1 ]] || { echo "could not start PostgreSQL" >&2; exit 1; }
export ZPQ_TEST_POSTGRES="Host=127.0.0.1;Port=${PG_PORT};Username=${PG_USER};Password=${PG_PASSWORD};Database=postgres"
echo "PostgreSQL listening on 127.0.0.1:${PG_PORT} (ZPQ_TEST_POSTGRES exported)"

# ---------------------------------------------------------------------------------------
# Build once, then run each test project
# ---------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rm -rf "${OUT_DIR}"
mkdir -p "${OUT_DIR}"

print_summary() {
  local passed=$1 failed=$2 skipped=$3
  echo
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
}

log "building ZhiPingQuan.sln (Release)"
if ! dotnet build ZhiPingQuan.sln -c Release -nologo -v minimal; then
  echo "BUILD FAILED: no test was run" >&2
  print_summary 0 1 0
  exit 1
fi

declare -A RESULT_RC=()
for project in "${PROJECTS[@]}"; do
  if [[ "${project}" == "ZhiPingQuan.EndToEnd" && ${RUN_E2E} -eq 0 ]]; then
    log "skipping ${project} (ZPQ_SKIP_E2E=1)"
    continue
  fi
  log "testing ${project}"
  set +e
  timeout --kill-after=30 "${PROJECT_TIMEOUT}" \
    dotnet test "tests/${project}/${project}.csproj" --no-build -c Release -nologo \
      --logger "trx;LogFileName=${project}.trx" --logger "console;verbosity=normal" \
      --results-directory "${OUT_DIR}/${project}" "${FILTER_ARGS[@]}"
  rc=$?
  set -e
  [[ ${rc} -eq 124 || ${rc} -eq 137 ]] && echo "${project}: timed out after ${PROJECT_TIMEOUT}s" >&2
  RESULT_RC[${project}]=${rc}
done

# ---------------------------------------------------------------------------------------
# Summary from the .trx files (grep/sed only: python may be missing on a fresh machine)
# ---------------------------------------------------------------------------------------
counter() { # counter <attribute> <Counters element>
  local value
  value="$(printf '%s' "$2" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p")"
  echo "${value:-0}"
}

total_passed=0 total_failed=0 total_skipped=0 total_run=0 any_failed=0
log "results"
for project in "${PROJECTS[@]}"; do
  [[ -n "${RESULT_RC[${project}]+x}" ]] || continue
  rc=${RESULT_RC[${project}]}
  trx="${OUT_DIR}/${project}/${project}.trx"
  p=0 f=0 s=0 t=0
  if [[ -f "${trx}" ]]; then
    counters="$(grep -o '<Counters [^>]*>' "${trx}" | head -n 1 || true)"
    t=$(counter total "${counters}")
    p=$(counter passed "${counters}")
    f=$(( $(counter failed "${counters}") + $(counter error "${counters}") + $(counter timeout "${counters}") + $(counter aborted "${counters}") ))
    s=$(counter notExecuted "${counters}")
  fi
  # A project that failed without a failed test (crash, timeout, no results) counts as one failure.
  if [[ ${rc} -ne 0 && ${f} -eq 0 ]]; then f=1; fi
  [[ ${rc} -ne 0 ]] && any_failed=1
  printf '  %-26s exit %-3s total %-4s passed %-4s failed %-4s skipped %s\n' "${project}" "${rc}" "${t}" "${p}" "${f}" "${s}"
  # Name the failed tests here too: CI logs keep only the tail of the output.
  if [[ -f "${trx}" ]]; then
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "${trx}" \
      | sed -n 's/.*testName="\([^"]*\)".*/      failed: \1/p' | head -n 20 || true
  fi
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  total_skipped=$((total_skipped + s))
  total_run=$((total_run + p + f))
done

[[ -d "${OUT_DIR}/screenshots" ]] && echo "  browser screenshots (failed tests are named <Class>.<Test>.png): ${OUT_DIR}/screenshots"
if [[ ${total_run} -eq 0 ]]; then
  echo "no test ran" >&2
  any_failed=1
fi
print_summary "${total_passed}" "${total_failed}" "${total_skipped}"
exit "${any_failed}"
