#!/usr/bin/env bash
# Adds a migration with the same name to each provider's migrations set (SQLite, PostgreSQL,
# SQL Server). No database server is needed: EF Core generates migrations from the model.
# Usage: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"
dotnet tool restore >/dev/null
dotnet build src/ZhiPingQuan.Web -nologo -v quiet
for provider in Sqlite Postgres SqlServer; do
  echo "==> ${provider}"
  dotnet ef migrations add "${name}" --no-build --project src/ZhiPingQuan.Web \
    --context "${provider}AppDbContext" --output-dir "Data/Migrations/${provider}"
done
