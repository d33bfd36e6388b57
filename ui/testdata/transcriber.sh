#!/bin/sh
# A stand-in speech-to-text program for the tests: it checks it was given
# an audio file, reports progress on stderr like a real one, and writes a
# short SRT transcript next to the {out} path it was given.
set -e
audio="$1"
out="$2"
[ -f "$audio" ] || { echo "no such audio: $audio" >&2; exit 3; }
echo "loading model" >&2
echo "progress = 50%" >&2
cat > "$out.srt" <<'SRT'
1
00:00:00,000 --> 00:00:04,000
Last spring I led the billing move.

2
00:00:04,000 --> 00:00:09,000
I skipped the dry run and the invoices went out twice.
SRT
echo "progress = 100%" >&2
