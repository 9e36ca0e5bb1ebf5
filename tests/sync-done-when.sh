#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The issue's "Done when", exactly: against a local server answering with
# the fixtures,
#   PAPERBOY_API_URL=http://127.0.0.1:PORT paperboy-cli sync --from 2026-08-17 --to 2026-08-21
# imports them, and `status --json` reports the run.
#
#   tests/sync-done-when.sh PAPERBOY-CLI PB-FIXTURE-SERVER FIXTURES-DIR

set -euo pipefail
cli=$1 server=$2 fixtures=$3
T=$(mktemp -d)
exec 3> >("$server" "$fixtures" >"$T/url")  # the server runs until fd 3 closes
trap 'exec 3>&-; rm -rf "$T"' EXIT
for _ in $(seq 500); do [ -s "$T/url" ] && break; sleep 0.01; done
url=$(cat "$T/url")
echo "# server at $url"

PAPERBOY_API_URL=$url "$cli" --db "$T/papers.db" sync --from 2026-08-17 --to 2026-08-21 | sed "s/^/# /"
PAPERBOY_API_URL=$url "$cli" --db "$T/papers.db" status --json >"$T/status.json"
cat "$T/status.json" | sed 's/^/# /'

/usr/bin/python3 - "$T/status.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
run = s["last_sync"]
assert s["papers"] == 95, s["papers"]
assert s["latest_daily_list"] == "2026-08-20", s["latest_daily_list"]
assert run["outcome"] == "ok" and run["new"] == 95 and run["requests"] == 6, run
assert s["last_successful_sync"]["finished_at"] == run["finished_at"]
assert s["last_error"] is None
assert s["bundled_snapshot"] is False
assert s["next_sync_due"] > run["finished_at"]
print("ok 1 sync --from 2026-08-17 --to 2026-08-21 imports the fixtures; status --json reports the run")
print("1..1")
PY
