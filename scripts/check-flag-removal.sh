#!/bin/sh
# Takes each flag of each shipped rubric out in turn (its check made one
# that never fires) and runs the scoring tests without the golden reports,
# which would catch any change: every flag must fail some other test.
# Prints one line per flag; exits 1 when a flag's removal passes.
#
# usage: scripts/check-flag-removal.sh   (from anywhere; needs Go, python3)
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
keep=$(mktemp -d)
cp assets/rubrics/*.json "$keep/"
trap 'cp "$keep"/*.json assets/rubrics/; rm -rf "$keep"' EXIT INT TERM
status=0
for rub in mistake failure; do
	for id in $(python3 -c "import json,sys; print(' '.join(json.load(open(sys.argv[1]))['flags']))" "$keep/$rub.json"); do
		cp "$keep/$rub.json" "assets/rubrics/$rub.json"
		python3 - "assets/rubrics/$rub.json" "$id" <<'PY'
import json, sys
path, fid = sys.argv[1], sys.argv[2]
r = json.load(open(path))
r["flags"][fid]["check"] = {"kind": "phrases", "list": "hedges", "min": 1000000000}
json.dump(r, open(path, "w"), indent=2)
PY
		out=$(go test -count 1 -skip 'Golden' ./scoring 2>&1)
		if echo "$out" | grep -q '^--- FAIL'; then
			echo "$rub $id: caught by $(echo "$out" | grep '^--- FAIL' | awk '{print $3}' | head -3 | tr '\n' ' ')"
		else
			echo "$rub $id: NOT CAUGHT"
			status=1
		fi
	done
	cp "$keep/$rub.json" "assets/rubrics/$rub.json"
done
exit $status
