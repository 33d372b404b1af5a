#!/usr/bin/env bash
# PostgreSQL for the Prom.Bus.Postgres tests: starts the Debian cluster 15/main and makes the password role prom_test
# usable over TCP on 127.0.0.1 (root cannot use peer authentication). Each test run creates its own database with this
# role (tests/Prom.Bus.Tests/Postgres/PostgresTestDatabase.cs). Idempotent.
set -euo pipefail

cluster_version=15
cluster_name=main
role=prom_test
password=prom_test

if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$cluster_version $cluster_name"; then
  pg_createcluster "$cluster_version" "$cluster_name" >/dev/null
fi

status=$(pg_lsclusters -h | awk -v v="$cluster_version" -v n="$cluster_name" '$1==v && $2==n {print $4}')
if [ "$status" != "online" ]; then
  pg_ctlcluster "$cluster_version" "$cluster_name" start
fi

# Wait (bounded) until the server accepts connections.
for _ in $(seq 1 50); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 0.2
done

su postgres -c "psql -v ON_ERROR_STOP=1 -qAt" <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SQL

# The Debian default pg_hba.conf already allows password (scram-sha-256) logins from 127.0.0.1; check it works.
PGPASSWORD=$password psql -h 127.0.0.1 -U "$role" -d postgres -qAtc 'select 1' >/dev/null
echo "postgres: cluster $cluster_version/$cluster_name online, role $role usable on 127.0.0.1:5432"
