#!/bin/sh
# Makes the schema fixture vN.db beside this script: a war room written by
# warroom at each schema version in turn (migrate to v1, write seed-v1.sql,
# migrate to v2, write seed-v2.sql, … up to vN), the way a real file ages.
# The migrations are the first N of today's, which are appended and never
# edited, so they are exactly version N's migrator.
#
# Usage (from the repository root): Tests/WarRoomCoreTests/Fixtures/schema/make-fixture.sh N
# For a new schema version N: write seed-vN.sql (rows using what vN adds),
# run this, commit vN.db and the seed; SchemaUpgradeTests picks it up.
set -eu
n=${1:?usage: make-fixture.sh N}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/v$n.db"
swift build --product warroom-bench >&2
bench="$(swift build --show-bin-path)/warroom-bench"
rm -f "$out" "$out-wal" "$out-shm"
i=1
while [ "$i" -le "$n" ]; do
    "$bench" --schema-fixture "$out" "$i"
    sqlite3 "$out" < "$here/seed-v$i.sql"
    i=$((i + 1))
done
# One file: the sqlite3 CLI, closing last, folds the -wal in and removes it.
sqlite3 "$out" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
rm -f "$out-wal" "$out-shm"
sqlite3 "$out" "PRAGMA integrity_check; PRAGMA user_version;"
