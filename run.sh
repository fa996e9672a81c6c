#!/usr/bin/env bash
# Starts the 智评券 portal with demo data on a fresh Debian machine that has the .NET SDK.
#
#   ./run.sh              # http://0.0.0.0:5080
#   PORT=8080 ./run.sh
#
# Installs Debian's fonts-noto-cjk when missing (the PDF exports need a CJK font), builds
# the web app in Release and runs it in the Demo environment, which seeds demo accounts.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
REPO_ROOT="$(pwd)"
PORT="${PORT:-5080}"

# Runs a command as root: directly when we are root, through sudo when it exists.
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

# Installs the given Debian packages that are not installed yet; runs apt-get update once first.
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg -s "${pkg}" 2>/dev/null | grep -q '^Status: install ok installed'; then
      missing+=("${pkg}")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  echo "==> 安装 / installing: ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

command -v dotnet >/dev/null 2>&1 || { echo "未找到 .NET SDK / dotnet not found on PATH" >&2; exit 1; }
ensure_packages fonts-noto-cjk

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "==> 构建 / building (Release)"
dotnet build src/ZhiPingQuan.Web/ZhiPingQuan.Web.csproj -c Release -nologo -v minimal

export ASPNETCORE_ENVIRONMENT=Demo
WEB_DIR="${REPO_ROOT}/src/ZhiPingQuan.Web"

echo
echo "智评券门户 / ZhiPingQuan portal: http://localhost:${PORT}  (listening on http://0.0.0.0:${PORT})"
echo "演示账号见 README.md / demo accounts are listed in README.md"
echo

# Run from the project folder so the content root (wwwroot, App_Data) is the project itself.
cd "${WEB_DIR}"
exec dotnet "bin/Release/net10.0/ZhiPingQuan.Web.dll" --contentRoot "${WEB_DIR}" --urls "http://0.0.0.0:${PORT}"
