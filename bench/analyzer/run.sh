#!/bin/sh
# The analyzer's speed and memory, measured as a person would meet them:
# whole processes on the same files in the same run.
#
#  1. 1 MiB of answers: `retake analyze --json` against write-good's
#     passive check alone (node), timed with hyperfine (mean of runs);
#     the goal is a ratio at or under 1.
#  2. 10 MB of prose and 10 MB of 600,000 short lines: peak RSS of
#     `retake analyze --json` from /usr/bin/time -v; the goal is under
#     150 MB.
#
# usage: bench/analyzer/run.sh   (from anywhere; needs Go, node, npm,
# hyperfine and GNU time: make bench-scripts installs them)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for tool in go node npm hyperfine /usr/bin/time; do
	command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is not installed" >&2; exit 1; }
done
if [ ! -d "$root/bench/passive-peers/node_modules/write-good" ]; then
	(cd "$root/bench/passive-peers" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)
fi
cd "$root"
go build -tags migrated_fynedo -o "$out/retake" ./cmd/retake

# The inputs, made from the team's corpus answers (their text after the
# header), so every run measures the same words.
for f in scoring/testdata/answers/*.txt; do sed '1,/^---$/d' "$f"; echo; done >"$out/answers.txt"
python3 - "$out" <<'PY'
import sys, random
out = sys.argv[1]
base = open(out + "/answers.txt").read()
def fill(n):
    s = (base * (n // len(base) + 1))[:n]
    return s[:s.rfind(" ")]
open(out + "/1mib.txt", "w").write(fill(1 << 20))
open(out + "/10mb.txt", "w").write(fill(10_000_000))
words = base.split()
random.seed(7)
lines, size = [], 0
while len(lines) < 600_000:
    l = " ".join(random.choice(words) for _ in range(2))
    lines.append(l)
print(len(lines), "short lines")
open(out + "/600k-lines.txt", "w").write("\n".join(lines)[:10_000_000])
PY

echo "== 1 MiB: whole process, retake analyze vs write-good's passive check"
hyperfine -N -w 2 -r 15 --export-json "$out/h.json" \
	"node $here/wg-passive.mjs $out/1mib.txt" \
	"$out/retake analyze --json $out/1mib.txt" >/dev/null
python3 - "$out/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
wg, ours = r[0]["mean"], r[1]["mean"]
print(f"write-good passive: {wg*1000:.1f} ms   retake analyze: {ours*1000:.1f} ms   ratio {ours/wg:.2f}")
PY

for f in 10mb 600k-lines; do
	/usr/bin/time -v "$out/retake" analyze --json "$out/$f.txt" >/dev/null 2>"$out/time.txt"
	rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$out/time.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/time.txt")
	echo "== $f: peak RSS $((rss / 1024)) MB, wall $wall"
done
