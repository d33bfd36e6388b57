#!/bin/sh
# smoke.sh BIN: drive the real Retake binary under Xvfb at three screen
# sizes (800x600, 1280x800, 1920x1080), with a temporary data folder
# holding one sample take with a transcript. At each size it:
#   - switches to each view with Ctrl+1..4, checks the window title names
#     the view and that the screenshot has content unlike the others;
#   - in Review, checks by pixel colour that the flagged words are
#     highlighted in the transcript area, then presses F (next flag), as
#     often as it takes to reach a flag with words, and checks the
#     selection box appears there;
#   - presses E (the transcript editor takes the keyboard), then Ctrl+1,
#     and checks the title says Practice;
#   - records a rehearsal on the null backend (R, wait, R) and checks a
#     take with audio was stored and Practice stayed up for the next one;
#   - opens a take made from an answer flite speaks, transcribes it in the
#     window (Ctrl+T) with PocketSphinx, checks the draft is stored with
#     its engine and word times and the report has a delivery, and takes
#     screenshots of the draft editor and of the card's delivery block.
# At the middle size it also moves and resizes the window, quits with
# Ctrl+Q and checks the next start opens the window where it was.
# Screenshots go to smoke-shots/ (git-ignored). Exits 0 when every check
# passes, 1 with a message otherwise.
set -u

BIN=${1:?usage: scripts/smoke.sh path/to/retake}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
[ -x "$BIN" ] || { echo "smoke: $BIN is not an executable; run make build" >&2; exit 1; }
for tool in Xvfb xdotool convert import compare identify espeak-ng soxi flite sox pocketsphinx_continuous; do
	command -v "$tool" >/dev/null 2>&1 || { echo "smoke: $tool is missing; run make deps-test" >&2; exit 1; }
done

SHOTS=$(pwd)/smoke-shots
TMP=$(mktemp -d /tmp/retake-smoke.XXXXXX)
XPID= APID=
stop_app() {
	[ -n "$APID" ] && kill "$APID" 2>/dev/null && wait "$APID" 2>/dev/null
	APID=
}
stop_x() {
	stop_app
	[ -n "$XPID" ] && kill "$XPID" 2>/dev/null && wait "$XPID" 2>/dev/null
	XPID=
}
cleanup() {
	stop_x
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM
fail() {
	echo "smoke: FAIL: $*" >&2
	[ -s "$TMP/app.log" ] && { echo "--- app log:" >&2; head -30 "$TMP/app.log" >&2; }
	[ -s "$TMP/xvfb.log" ] && { echo "--- Xvfb log ($DISPLAY):" >&2; tail -5 "$TMP/xvfb.log" >&2; }
	exit 1
}

# Everything the app writes stays in the temporary folder.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_CACHE_HOME="$TMP/cache"
export RETAKE_DATA_DIR="$TMP/takes" RETAKE_AUDIO_BACKEND=null LIBGL_ALWAYS_SOFTWARE=1
mkdir -p "$HOME" "$XDG_CONFIG_HOME"

# One sample take, made with the binary's own import command. The
# analyzer flags "were charged" (a passive hiding who did it) as major.
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
# Each size starts from this library, so Review opens the sample take
# rather than the rehearsal of the size before.
cp -a "$RETAKE_DATA_DIR" "$TMP/pristine"

# A second library holds one take of an answer flite speaks, line by
# line with a pause after each, for the draft step: it has no transcript
# until the window transcribes it.
cat > "$TMP/spoken.txt" <<'TXT'
Last spring I led the move of our billing jobs to a new scheduler.
I skipped the dry run because I assumed the old and new cron syntax were the same.
Two thousand customers were charged twice.
That same morning I paused the jobs, refunded everyone within four hours and told support what to say.
Now every migration I run has a dry run step on a copy of production in its checklist.
TXT
i=0
while read -r line; do
	i=$((i + 1))
	flite -voice slt -t "$line" -o "$TMP/line$i.wav" && sox "$TMP/line$i.wav" "$TMP/pad$i.wav" pad 0 1.5 ||
		fail "flite or sox could not make the spoken answer"
done <"$TMP/spoken.txt"
sox "$TMP"/pad*.wav -r 16000 -c 1 -b 16 "$TMP/spoken.wav" || fail "sox could not join the spoken answer"
SPOKEN=$(RETAKE_DATA_DIR="$TMP/spoken-pristine" "$BIN" import "$TMP/spoken.wav" --story "spoken" 2>"$TMP/import.log") ||
	fail "retake import of the spoken answer failed: $(cat "$TMP/import.log")"

# start_x W H starts Xvfb with a screen of W x H on a display nobody
# else uses: no lock file, no socket, no server answering there (other
# users' servers can share the abstract socket names), and the lock file
# then names our Xvfb. A display someone takes at the same moment is
# given up for the next one.
start_x() {
	D=99
	while [ $D -lt 300 ]; do
		D=$((D + 1))
		[ -e /tmp/.X$D-lock ] || [ -e /tmp/.X11-unix/X$D ] && continue
		DISPLAY=:$D xdotool getdisplaygeometry >/dev/null 2>&1 && continue
		Xvfb ":$D" -screen 0 "${1}x${2}x24" -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
		XPID=$!
		i=0
		while kill -0 "$XPID" 2>/dev/null && ! DISPLAY=:$D xdotool getdisplaygeometry >/dev/null 2>&1; do
			i=$((i + 1)); [ $i -gt 50 ] && break
			sleep 0.2
		done
		# Ours: alive, named in the lock file, and with the screen size
		# asked for (a server of another user on the same number would
		# answer with its own).
		if kill -0 "$XPID" 2>/dev/null && [ "$(tr -dc 0-9 </tmp/.X$D-lock 2>/dev/null)" = "$XPID" ] &&
			[ "$(DISPLAY=:$D xdotool getdisplaygeometry 2>/dev/null)" = "$1 $2" ]; then
			export DISPLAY=:$D
			return
		fi
		kill "$XPID" 2>/dev/null
		wait "$XPID" 2>/dev/null
		XPID=
	done
	fail "found no free display for Xvfb: $(cat "$TMP/xvfb.log")"
}

# start_app starts Retake and waits for its window (WID). It returns 1
# when the app could not open the display (the X server went away), so
# the caller can take another one.
start_app() {
	"$BIN" >"$TMP/app.log" 2>&1 &
	APID=$!
	WID=
	i=0
	while [ -z "$WID" ]; do
		i=$((i + 1)); [ $i -gt 150 ] && fail "no Retake window appeared within 30 s"
		if ! kill -0 "$APID" 2>/dev/null; then
			grep -q "Failed to open display" "$TMP/app.log" && { APID=; return 1; }
			fail "retake exited before showing a window"
		fi
		WID=$(xdotool search --onlyvisible --name '^Retake' 2>/dev/null | head -1)
		sleep 0.2
	done
	sleep 2 # let the first frames and the take list arrive
}

# start_both starts Xvfb (W x H) and the app, on another display if the
# first one fails under the app.
start_both() {
	for try in 1 2 3; do
		start_x "$1" "$2"
		start_app && return
		echo "smoke: the app could not open $DISPLAY; trying another display" >&2
		stop_x
	done
	fail "the app could not open a display three times"
}

# wait_title T waits until the window title is "Retake — T".
wait_title() {
	title= i=0
	while [ "$title" != "Retake — $1" ]; do
		i=$((i + 1)); [ $i -gt 25 ] && fail "$2: the title is '$title', want 'Retake — $1'"
		kill -0 "$APID" 2>/dev/null || fail "retake exited ($2)"
		sleep 0.2
		title=$(xdotool getwindowname "$WID" 2>/dev/null)
	done
}

key() { xdotool windowfocus "$WID" 2>/dev/null; xdotool key --clearmodifiers "$@"; }

shot() { import -window root "$1" 2>/dev/null || fail "screenshot $1 failed"; }

# count_colour SHOT GEOMETRY FX counts the pixels of the crop for which
# the fx expression holds.
count_colour() {
	convert "$1" -crop "$2" +repage -fx "$3" -format '%[fx:mean*w*h]' info: 2>/dev/null | cut -d. -f1
}

# The transcript area: the left half of Review below the take's info,
# waveform, timer bar and tools (about 330 pixels at every size), above
# the hint line.
transcript_area() { # W H -> geometry
	echo "$(($1 * 48 / 100))x$(($2 - 330 - 60))+0+330"
}

# The card column of Review: the right half below the tools.
card_area() { # W H -> geometry
	echo "$(($1 * 48 / 100))x$(($2 - 330))+$(($1 * 52 / 100))+330"
}

# draft_step W H restarts the app on the library of the spoken answer,
# transcribes the take in Review with Ctrl+T (the editor waits, with
# Cancel, until PocketSphinx's draft is in), checks the draft is stored
# with its engine, word times and a delivery, and takes screenshots of
# the draft editor and of the card scrolled to its delivery block.
draft_step() {
	stop_app
	rm -rf "$RETAKE_DATA_DIR"
	cp -a "$TMP/spoken-pristine" "$RETAKE_DATA_DIR"
	# The X server can go away under us (another user's on the same
	# number): then the step starts on a display of its own.
	if ! start_app; then
		echo "smoke: the app could not open $DISPLAY for the draft step; trying another display" >&2
		stop_x
		start_both "$1" "$2"
	fi
	xdotool windowmove "$WID" 0 0 windowsize "$WID" "$1" "$2" 2>/dev/null
	sleep 1
	key ctrl+2
	wait_title Review "Review of the spoken answer at $size"
	sleep 1
	before="$SHOTS/$size-10-before-draft.png"
	shot "$before"
	key ctrl+t
	json="$RETAKE_DATA_DIR/takes/$SPOKEN/take.json"
	i=0
	until grep -q '"kind": "engine"' "$json" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 120 ] && fail "at $size no draft was stored within 60 s of Ctrl+T"
		kill -0 "$APID" 2>/dev/null || fail "retake exited while transcribing at $size"
		sleep 0.5
	done
	grep -q '"name": "pocketsphinx"' "$json" || fail "at $size the draft does not name PocketSphinx"
	words=$(grep -c '"conf":' "$json")
	[ "$words" -ge 40 ] || fail "at $size the draft has $words timed words, want the answer's 70 or so"
	show=$("$BIN" show --json "$SPOKEN" 2>&1) || fail "retake show of the drafted take failed: $show"
	wpm=$(echo "$show" | grep -o '"wpm": *[0-9.]*' | head -1 | grep -o '[0-9.]*$')
	pauses=$(echo "$show" | tr -d ' \n' | grep -o '"pauses":\[[^]]*\]' | head -1 | grep -o '"start"' | wc -l)
	awk -v w="${wpm:-0}" 'BEGIN { exit !(w > 100 && w < 300) }' || fail "at $size the draft's pace is ${wpm:-none} wpm"
	[ "$pauses" -ge 3 ] || fail "at $size the draft's delivery lists $pauses long pauses, want the answer's four"
	sleep 1.5
	editor="$SHOTS/$size-11-draft-editor.png"
	shot "$editor"
	area=$(transcript_area "$1" "$2")
	changed=$(compare -metric AE -crop "$area" "$before" "$editor" null: 2>&1 | cut -d' ' -f1)
	changed=${changed%%.*}
	[ "${changed:-0}" -ge 500 ] || fail "at $size the draft changed only $changed pixels of the transcript area"
	# The card's delivery block lies below the sections and the time
	# chart, about 44 wheel steps down at every size (the card wraps
	# less on a wide screen, and each step scrolls the same distance).
	cx=$(($1 * 3 / 4)) cy=$(($2 * 3 / 4))
	xdotool mousemove "$cx" "$cy"
	clicks=44
	n=0
	while [ $n -lt $clicks ]; do xdotool click 5; n=$((n + 1)); done
	sleep 1
	card="$SHOTS/$size-12-card-delivery.png"
	shot "$card"
	carea=$(card_area "$1" "$2")
	changed=$(compare -metric AE -crop "$carea" "$editor" "$card" null: 2>&1 | cut -d' ' -f1)
	changed=${changed%%.*}
	[ "${changed:-0}" -ge 500 ] || fail "at $size scrolling the card changed only $changed pixels"
	echo "smoke: $size draft ok ($words timed words, $wpm wpm, $pauses long pauses) -> $editor, $card"
}

rm -rf "$SHOTS"
mkdir -p "$SHOTS"
for size in 800x600 1280x800 1920x1080; do
	W=${size%x*} H=${size#*x}
	rm -rf "$RETAKE_DATA_DIR"
	cp -a "$TMP/pristine" "$RETAKE_DATA_DIR"
	start_both "$W" "$H"
	# Fill the screen: the first run opens at 1100x760, larger than
	# the smallest screen.
	xdotool windowmove "$WID" 0 0 windowsize "$WID" "$W" "$H" 2>/dev/null
	sleep 1
	n=0 sigs=
	for view in Practice Review History Settings; do
		n=$((n + 1))
		key "ctrl+$n"
		wait_title "$view" "after Ctrl+$n at $size"
		sleep 1
		s="$SHOTS/$size-$n-$(echo "$view" | tr 'A-Z' 'a-z').png"
		shot "$s"
		sd=$(convert "$s" -format '%[fx:standard_deviation]' info:)
		# A blank or single-colour window has a deviation near zero.
		awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' || fail "$view at $size looks blank (standard deviation $sd)"
		sig=$(identify -format '%#' "$s")
		case " $sigs " in *" $sig "*) fail "$view at $size looks exactly like an earlier view" ;; esac
		sigs="$sigs $sig"
		echo "smoke: $size $view ok (standard deviation $sd) -> $s"
	done

	# Review: the flagged words are tinted in place (red for major),
	# and F selects the first flag's words in a selection box.
	key ctrl+2
	wait_title Review "Review at $size"
	sleep 1
	area=$(transcript_area "$W" "$H")
	before="$SHOTS/$size-5-review-flags.png"
	shot "$before"
	red=$(count_colour "$before" "$area" 'r > g + 0.15 && r > b + 0.15 ? 1 : 0')
	[ "${red:-0}" -ge 40 ] || fail "at $size no red highlight in the transcript area ($red red pixels in $area)"
	# The worst flags can be about the whole answer (too short, time
	# out of balance) with no words to show: F moves on to the next
	# until one with words is selected.
	after="$SHOTS/$size-6-review-flag-selected.png"
	presses=0 changed=0
	while [ "${changed:-0}" -lt 40 ] && [ $presses -lt 4 ]; do
		key f
		presses=$((presses + 1))
		sleep 1
		shot "$after"
		changed=$(compare -metric AE -crop "$area" "$before" "$after" null: 2>&1 | cut -d' ' -f1)
		changed=${changed%%.*}
	done
	[ "${changed:-0}" -ge 40 ] || fail "at $size selecting the flags ($presses presses of F) changed $changed pixels of the transcript area"
	echo "smoke: $size highlight ok ($red red pixels, $changed changed by the selection after $presses presses of F in $area)"

	# The editor has the keyboard; Ctrl+1 still switches views.
	key e
	sleep 0.5
	shot "$SHOTS/$size-7-review-editor.png"
	key ctrl+1
	wait_title Practice "Ctrl+1 with the transcript editor focused at $size"
	echo "smoke: $size Ctrl+1 from the editor ok"

	# A rehearsal on the null backend: R starts it, the timer runs, R
	# stops it; Practice stays, ready for the next take.
	key Escape
	before=$(ls "$RETAKE_DATA_DIR/takes" | wc -l)
	key r
	sleep 4
	shot "$SHOTS/$size-8-recording.png"
	key r
	sleep 2
	wait_title Practice "after stopping the rehearsal at $size"
	shot "$SHOTS/$size-9-after-recording.png"
	takes=$(ls "$RETAKE_DATA_DIR/takes" | wc -l)
	[ "$takes" -gt "$before" ] || fail "the rehearsal at $size stored no take ($takes takes)"
	newest=$(ls -d "$RETAKE_DATA_DIR"/takes/*/ | sort | tail -1)
	wav=$(ls "$newest" | grep -i '\.wav$' | head -1)
	[ -n "$wav" ] || fail "the rehearsal take $newest has no audio file"
	secs=$(soxi -D "$newest/$wav" 2>/dev/null || echo 0)
	awk -v s="$secs" 'BEGIN { exit !(s >= 2) }' || fail "the rehearsal audio $newest$wav lasts $secs s, expected about 4 s"
	echo "smoke: $size rehearsal ok ($secs s of audio)"

	if [ "$size" = 1280x800 ]; then
		# The window opens again where and as large as it closed.
		xdotool windowmove "$WID" 37 41 windowsize "$WID" 1000 700 2>/dev/null
		sleep 1
		key ctrl+q
		i=0
		while kill -0 "$APID" 2>/dev/null; do
			i=$((i + 1)); [ $i -gt 25 ] && fail "Ctrl+Q did not quit"
			sleep 0.2
		done
		APID=
		start_app || fail "the app could not open $DISPLAY after Ctrl+Q"
		i=0
		until xdotool getwindowgeometry "$WID" | grep -q "Position: 37,41"; do
			i=$((i + 1)); [ $i -gt 25 ] && break
			sleep 0.2
		done
		geo=$(xdotool getwindowgeometry "$WID")
		echo "$geo" | grep -q "Position: 37,41" || fail "the window reopened at $(echo "$geo" | grep Position), want 37,41 (preferences: $(cat "$XDG_CONFIG_HOME"/fyne/*/preferences.json 2>/dev/null))"
		echo "$geo" | grep -q "Geometry: 1000x700" || fail "the window reopened as $(echo "$geo" | grep Geometry), want 1000x700"
		echo "smoke: window place and size remembered across Ctrl+Q"
	fi
	kill -0 "$APID" 2>/dev/null || fail "retake exited during the run at $size"
	draft_step "$W" "$H"
	stop_x
done
echo "smoke: PASS: 3 sizes, 4 views each, highlight, editor shortcut, rehearsal, draft from the spoken answer and window memory checked; screenshots in $SHOTS"
exit 0
