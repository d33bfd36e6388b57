#!/bin/sh
# smoke.sh BIN: start the real Retake binary under Xvfb with a temporary
# data folder holding one sample take, switch to each main view with the
# keyboard, screenshot it, and check that every screenshot has content,
# that the window title names the view, and that the views look
# different from each other. Screenshots go to smoke-shots/ (git-ignored).
# Exits 0 when every check passes, 1 with a message otherwise.
set -u

BIN=${1:?usage: scripts/smoke.sh path/to/retake}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
[ -x "$BIN" ] || { echo "smoke: $BIN is not an executable; run make build" >&2; exit 1; }
for tool in Xvfb xdotool convert import espeak-ng soxi; do
	command -v "$tool" >/dev/null 2>&1 || { echo "smoke: $tool is missing; run make deps-test" >&2; exit 1; }
done

SHOTS=$(pwd)/smoke-shots
TMP=$(mktemp -d /tmp/retake-smoke.XXXXXX)
XPID= APID=
cleanup() {
	[ -n "$APID" ] && kill "$APID" 2>/dev/null
	[ -n "$XPID" ] && kill "$XPID" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
fail() {
	echo "smoke: FAIL: $*" >&2
	[ -s "$TMP/app.log" ] && { echo "--- app log:" >&2; tail -20 "$TMP/app.log" >&2; }
	exit 1
}

# Everything the app writes stays in the temporary folder.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_CACHE_HOME="$TMP/cache"
export RETAKE_DATA_DIR="$TMP/takes" RETAKE_AUDIO_BACKEND=null LIBGL_ALWAYS_SOFTWARE=1
mkdir -p "$HOME" "$XDG_CONFIG_HOME"

# One sample take, made with the binary's own import command.
cat > "$TMP/answer.txt" <<'TXT'
Last spring I led the move of our billing jobs to a new scheduler. I
skipped the dry run because I assumed the old and new cron syntax were
the same, and two thousand customers were charged twice. That same
morning I paused the jobs, refunded everyone within four hours and told
support what to say. Now every migration I run has a dry-run step on a
copy of production in its checklist, and it caught a time zone bug last
month.
TXT
espeak-ng -w "$TMP/answer.wav" -f "$TMP/answer.txt" 2>/dev/null || fail "espeak-ng could not make the sample audio"
"$BIN" import "$TMP/answer.wav" --transcript "$TMP/answer.txt" --story "billing" >"$TMP/import.log" 2>&1 ||
	fail "retake import of the sample take failed: $(cat "$TMP/import.log")"

# A free display: no lock file and no socket.
D=99
while [ -e /tmp/.X$D-lock ] || [ -e /tmp/.X11-unix/X$D ]; do D=$((D + 1)); done
export DISPLAY=:$D
Xvfb ":$D" -screen 0 1280x800x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
XPID=$!
i=0
until xdotool getdisplaygeometry >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 50 ] && fail "Xvfb did not start on $DISPLAY"
	kill -0 "$XPID" 2>/dev/null || fail "Xvfb exited: $(cat "$TMP/xvfb.log")"
	sleep 0.2
done

"$BIN" >"$TMP/app.log" 2>&1 &
APID=$!
WID=
i=0
while [ -z "$WID" ]; do
	i=$((i + 1)); [ $i -gt 150 ] && fail "no Retake window appeared within 30 s"
	kill -0 "$APID" 2>/dev/null || fail "retake exited before showing a window"
	WID=$(xdotool search --onlyvisible --name '^Retake' 2>/dev/null | head -1)
	sleep 0.2
done
sleep 2 # let the first frames and the take list arrive

rm -rf "$SHOTS"
mkdir -p "$SHOTS"
n=0
sigs=
for view in Practice Review History Settings; do
	n=$((n + 1))
	xdotool windowfocus "$WID" 2>/dev/null
	xdotool key --clearmodifiers "ctrl+$n"
	title=
	i=0
	while [ "$title" != "Retake — $view" ]; do
		i=$((i + 1)); [ $i -gt 25 ] && fail "after Ctrl+$n the title is '$title', want 'Retake — $view'"
		kill -0 "$APID" 2>/dev/null || fail "retake exited while showing $view"
		sleep 0.2
		title=$(xdotool getwindowname "$WID" 2>/dev/null)
	done
	sleep 1
	shot="$SHOTS/$n-$(echo "$view" | tr 'A-Z' 'a-z').png"
	import -window root "$shot" 2>/dev/null || fail "screenshot of $view failed"
	sd=$(convert "$shot" -format '%[fx:standard_deviation]' info:)
	# A blank or single-colour window has a deviation near zero.
	awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' || fail "$view screenshot looks blank (standard deviation $sd)"
	sig=$(identify -format '%#' "$shot")
	case " $sigs " in *" $sig "*) fail "$view looks exactly like an earlier view" ;; esac
	sigs="$sigs $sig"
	echo "smoke: $view ok (title '$title', standard deviation $sd) -> $shot"
done

# A rehearsal on the null backend: R starts it, the timer runs, R stops
# it and the app moves to Review with the new take.
xdotool windowfocus "$WID" 2>/dev/null
xdotool key --clearmodifiers ctrl+1
sleep 1
xdotool key --clearmodifiers r
sleep 4
shot="$SHOTS/5-recording.png"
import -window root "$shot" 2>/dev/null || fail "screenshot while recording failed"
sig=$(identify -format '%#' "$shot")
case " $sigs " in *" $sig "*) fail "the Practice view did not change while recording" ;; esac
xdotool key --clearmodifiers r
i=0
until [ "$(xdotool getwindowname "$WID" 2>/dev/null)" = "Retake — Review" ]; do
	i=$((i + 1)); [ $i -gt 25 ] && fail "stopping the rehearsal did not open Review"
	sleep 0.2
done
sleep 1
import -window root "$SHOTS/6-after-recording.png" 2>/dev/null
echo "smoke: rehearsal ok (recorded, stopped, opened in Review) -> $shot"

kill -0 "$APID" 2>/dev/null || fail "retake exited during the run"
takes=$(ls "$RETAKE_DATA_DIR/takes" 2>/dev/null | wc -l)
[ "$takes" -ge 2 ] || fail "the rehearsal stored no take in $RETAKE_DATA_DIR/takes (found $takes)"
# The rehearsal on the null backend must have recorded audio: the newest
# take folder holds a WAV of about the length of the rehearsal.
newest=$(ls -d "$RETAKE_DATA_DIR"/takes/*/ | sort | tail -1)
wav=$(ls "$newest" | grep -i '\.wav$' | head -1)
[ -n "$wav" ] || fail "the rehearsal take $newest has no audio file"
secs=$(soxi -D "$newest/$wav" 2>/dev/null || echo 0)
awk -v s="$secs" 'BEGIN { exit !(s >= 2) }' || fail "the rehearsal audio $newest$wav lasts $secs s, expected about 4 s"
echo "smoke: the rehearsal recorded $secs s of audio"
echo "smoke: PASS: 4 views and a rehearsal checked, screenshots in $SHOTS"
exit 0
