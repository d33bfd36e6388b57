#!/bin/sh
# Compare Retake's passive-voice detector with write-good and
# retext-passive on the project's labeled sentence set, side by side, and
# time write-good's passive check against Retake's full analysis on one
# 350-word answer. Needs Go, Node.js 18+ and npm (the npm registry is the
# only network access it uses); peers go into ./node_modules (git-ignored).
#
# usage: bench/passive-peers/run.sh   (from anywhere)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus="$root/scoring/passive/testdata/sentences.tsv"
answer="$root/scoring/passive/testdata/answer350.txt"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for tool in go node npm; do
	command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is not installed" >&2; exit 1; }
done

if [ ! -d "$here/node_modules/write-good" ] || [ ! -d "$here/node_modules/retext-passive" ]; then
	echo "installing the peers with npm into $here/node_modules ..."
	(cd "$here" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
fi

cd "$root"
go run -tags migrated_fynedo ./bench/passive-peers/ours -corpus "$corpus" -answer "$answer" >"$out/ours.json"
(cd "$here" && node peers.mjs --corpus "$corpus" --answer "$answer" --ours "$out/ours.json")

# The lead's benchmark of the whole analyzer on its own 350-word answer.
echo
if go test -tags ci,migrated_fynedo -list 'BenchmarkAnalyze350' ./scoring 2>/dev/null | grep -q '^BenchmarkAnalyze350$'; then
	echo "go test -run '^\$' -bench BenchmarkAnalyze350 ./scoring"
	go test -tags ci,migrated_fynedo -run '^$' -bench BenchmarkAnalyze350 -benchmem ./scoring | grep -E '^Benchmark|^ok|FAIL'
else
	echo "BenchmarkAnalyze350 is not in ./scoring yet; run when it is:"
	echo "  go test -tags ci,migrated_fynedo -run '^\$' -bench BenchmarkAnalyze350 -benchmem ./scoring"
fi
