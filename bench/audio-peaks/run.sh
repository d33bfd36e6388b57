#!/bin/sh
# Peaks of a 60-minute WAV: retake's streaming audio.Peaks against
# `sox FILE -n stat` reading the same file. The fixture is generated here
# into bench/out/ (git-ignored), never committed. Needs sox and GNU time.
# Usage: bench/audio-peaks/run.sh [MINUTES]   (default 60)
set -eu
cd "$(dirname "$0")/../.."
minutes=${1:-60}
out=bench/out/audio-peaks
mkdir -p "$out"
wav="$out/speech-like-${minutes}min.wav"
if [ ! -f "$wav" ]; then
	echo "generating $minutes min of 48 kHz 16-bit mono in $wav"
	# Pink noise with a slow tremolo: not silence, so neither tool can
	# shortcut, and no periodicity for caches to love.
	sox -n -r 48000 -c 1 -b 16 "$wav" synth "$((minutes * 60))" pinknoise tremolo 3 60 vol 0.5
fi
ls -l "$wav"
go build -tags migrated_fynedo -o "$out/audio-peaks" ./bench/audio-peaks
# Warm the page cache so both tools read from memory, not the disk.
cat "$wav" >/dev/null

runs=${RUNS:-3}
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	echo "--- run $i"
	/usr/bin/time -f "sox stat:     %e s wall, %M KiB max RSS" sox "$wav" -n stat 2>&1 | grep -E "sox stat|Maximum amplitude"
	/usr/bin/time -f "retake peaks: %e s wall, %M KiB max RSS" "$out/audio-peaks" "$wav" 2000 2>&1
done
