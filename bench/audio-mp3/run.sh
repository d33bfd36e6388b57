#!/bin/sh
# go-mp3 decoding against ffmpeg decoding the same MP3 (single thread,
# output thrown away), and the ratio. The MP3 is generated here into
# bench/out/ (git-ignored). Needs ffmpeg and sox.
# Usage: bench/audio-mp3/run.sh [MINUTES]   (default 10)
set -eu
cd "$(dirname "$0")/../.."
minutes=${1:-10}
out=bench/out/audio-mp3
mkdir -p "$out"
mp3="$out/noise-${minutes}min.mp3"
if [ ! -f "$mp3" ]; then
	echo "generating $minutes min of 44.1 kHz stereo MP3 in $mp3"
	sox -n -r 44100 -c 2 -b 16 "$out/src.wav" synth "$((minutes * 60))" pinknoise tremolo 3 60 vol 0.5
	ffmpeg -hide_banner -loglevel error -y -i "$out/src.wav" -codec:a libmp3lame -b:a 128k "$mp3"
	rm -f "$out/src.wav"
fi
ls -l "$mp3"
go build -tags migrated_fynedo -o "$out/audio-mp3" ./bench/audio-mp3
cat "$mp3" >/dev/null

runs=${RUNS:-3}
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	echo "--- run $i"
	s=$(date +%s.%N)
	ffmpeg -hide_banner -loglevel error -threads 1 -i "$mp3" -f s16le -y /dev/null
	e=$(date +%s.%N)
	ff=$(echo "$e - $s" | bc -l)
	line=$("$out/audio-mp3" "$mp3")
	echo "ffmpeg decode: $ff s"
	echo "$line"
	gm=$(echo "$line" | sed 's/^go-mp3 decode: \([0-9.]*\) s.*/\1/')
	echo "ratio go-mp3 / ffmpeg: $(echo "scale=2; $gm / $ff" | bc -l)"
done
