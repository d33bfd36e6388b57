#!/bin/sh
# Speech benchmarks: PocketSphinx on a 2:15 answer that flite speaks in
# each voice (answers of our own, speech/testdata/answers), as a whole
# file and streamed at real-time pace the way a take is recorded.
# Prints CPU and wall time per second of audio, the seconds from the end
# of the take to the whole draft, and the word error rate per voice.
# Each streamed voice takes 2:15 of wall time.
# Usage: bench/speech/run.sh [VOICES]   (default: rms slt awb kal)
set -eu
cd "$(dirname "$0")/../.."
RETAKE_BENCH_VOICES=${1:-rms slt awb kal} go test -tags ci,migrated_fynedo -run '^$' \
	-bench 'BenchmarkTranscribeFile|BenchmarkStreamDraft' -benchtime 1x ./speech
