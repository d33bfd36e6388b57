#!/bin/sh
# The analyzer's speed and memory, measured as a person would meet them:
# whole processes on the same files in the same run.
#
#  1. 1 MiB of answers: `retake analyze --json` against write-good's
#     passive check alone (node), in rounds that run each once, one
#     after the other: this machine's speed drifts over seconds, and
#     timing all runs of one command before the other (as hyperfine
#     does) moved the ratio between 0.96 and 1.15 in one afternoon.
#     Reported: each command's median and mean, and the median of the
#     rounds' ratios; the goal is a ratio at or under 1.
#  2. 10 MB of prose and 10 MB of 600,000 short lines: peak RSS of
#     `retake analyze --json` from /usr/bin/time -v; the goal is under
#     150 MB.
#
# usage: bench/analyzer/run.sh [ROUNDS]   (from anywhere, 30 rounds by
# default; needs Go, node, npm, python3 and GNU time: make bench-scripts
# installs them)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rounds=${1:-30}
for tool in go node npm python3 /usr/bin/time; do
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

echo "== 1 MiB: whole process, retake analyze vs write-good's passive check ($rounds rounds)"
python3 - "$rounds" "$here/wg-passive.mjs" "$out" <<'PY'
import statistics, subprocess, sys, time
rounds, wg, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cmds = [["node", wg, out + "/1mib.txt"], [out + "/retake", "analyze", "--json", out + "/1mib.txt"]]
def run(c):
    t = time.perf_counter()
    subprocess.run(c, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t
for c in cmds:  # warm the page cache and node's compile cache
    run(c); run(c)
times = [[], []]
for r in range(rounds):
    # Each goes first in every other round, so neither always follows
    # the other.
    for j in ((0, 1) if r % 2 == 0 else (1, 0)):
        times[j].append(run(cmds[j]))
ms = lambda xs, f: f(xs) * 1000
wg_t, ours = times
print(f"write-good passive: median {ms(wg_t, statistics.median):.1f} ms, mean {ms(wg_t, statistics.mean):.1f} ms")
print(f"retake analyze:     median {ms(ours, statistics.median):.1f} ms, mean {ms(ours, statistics.mean):.1f} ms")
ratios = [o / w for o, w in zip(ours, wg_t)]
print(f"ratio (median of {rounds} rounds) {statistics.median(ratios):.2f}; of the means {statistics.mean(ours) / statistics.mean(wg_t):.2f}")
PY

for f in 10mb 600k-lines; do
	/usr/bin/time -v "$out/retake" analyze --json "$out/$f.txt" >/dev/null 2>"$out/time.txt"
	rss=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$out/time.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/time.txt")
	echo "== $f: peak RSS $((rss / 1024)) MB, wall $wall"
done
