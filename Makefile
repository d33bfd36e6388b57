# Retake: build, run and test. Every target installs what it needs first,
# so `make run` and `make test` work on a fresh Debian 12 machine.

GO        ?= go
TAGS      := migrated_fynedo
TEST_TAGS := ci,migrated_fynedo
BIN       := build/retake

# Debian packages the build needs (Fyne's GLFW through cgo; ALSA headers
# are optional for miniaudio, which loads the sound libraries at run time).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libasound2-dev
# Packages the app runs with: PocketSphinx and its US English model
# transcribe offline, sox converts audio for it (libsox-fmt-mp3 lets it
# read MP3). Without them the app still works and says how to add them.
RUN_PKGS   := pocketsphinx pocketsphinx-en-us sox libsox-fmt-mp3
# Extra packages for the tests: speech fixtures (flite voices, the real
# recordings in pocketsphinx-testdata), the Xvfb smoke test and its
# screenshot checks.
TEST_PKGS  := $(RUN_PKGS) pocketsphinx-testdata flite espeak-ng xvfb imagemagick xdotool
# Extra tools for the comparison scripts under bench/ (not needed by tests).
BENCH_PKGS := ffmpeg bc time python3

export LANG := en_US.UTF-8

.PHONY: all build run test vet unit smoke bench bench-scripts fuzz package deps deps-run deps-test clean

all: build

# deps installs the build packages when they are missing: with apt-get
# where we run as root, otherwise it prints the exact command and stops.
deps:
	@scripts/apt-deps.sh $(BUILD_PKGS)

deps-run:
	@scripts/apt-deps.sh $(BUILD_PKGS) $(RUN_PKGS)

deps-test:
	@scripts/apt-deps.sh $(BUILD_PKGS) $(TEST_PKGS)

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/retake

run: build deps-run
	./$(BIN)

vet: deps-test
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) vet -tags $(TEST_TAGS) ./...

unit: deps-test
	$(GO) test -race -tags $(TEST_TAGS) ./...

test: vet unit smoke

smoke: build
	scripts/smoke.sh $(BIN)

# bench runs every Go benchmark once (the speech ones stream a 2:15
# answer at real-time pace, so this takes a few minutes); bench-scripts
# runs the comparisons with outside tools (sox, ffmpeg, write-good,
# retext-passive), the analyzer's whole-process speed and memory
# (bench/analyzer: 1 MiB against write-good, 10 MB peak RSS) and the
# speech benchmarks in four voices.
bench: deps-test
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -bench . -benchmem ./...

bench-scripts: deps-test
	@scripts/apt-deps.sh $(BENCH_PKGS)
	@command -v npm >/dev/null 2>&1 || scripts/apt-deps.sh nodejs npm
	bench/passive-peers/run.sh
	bench/analyzer/run.sh
	bench/audio-peaks/run.sh
	bench/audio-mp3/run.sh
	bench/speech/run.sh

# fuzz gives each fuzz target a short run; FUZZTIME=5m for a longer one.
FUZZTIME ?= 30s
fuzz: deps-test
	@for t in "FuzzParse ./scoring/transcript" "FuzzParseTiming ./scoring/transcript" "FuzzAnalyze ./scoring" \
		"FuzzParseRubric ./scoring" "FuzzAnalyzeShapes ./scoring" "FuzzTokenize ./scoring/text" \
		"FuzzFind ./scoring/passive" "FuzzReader ./audio/wav" "FuzzMP3 ./audio" "FuzzDecodeTake ./take" \
		"FuzzValidateID ./take" "FuzzReadJournal ./take" "FuzzRenderCard ./take" \
		"FuzzParseRubric ./ui" \
		"FuzzParseSphinxClassic ./speech" "FuzzParseSphinxJSON ./speech" "FuzzParseWhisperJSON ./speech" \
		"FuzzReadOutput ./speech" "FuzzAlign ./speech/words"; do \
		set -- $$t; echo "== $$1 $$2"; \
		$(GO) test -tags $(TEST_TAGS) -run '^$$' -fuzz "^$$1$$" -fuzztime $(FUZZTIME) $$2 || exit 1; \
	done

# package wraps the built binary with its icon and desktop entry into an
# archive that installs with `make install` (system) or `make user-install`.
# fyne reads FyneApp.toml from --src; with --executable it does not rebuild.
package: build
	$(GO) install fyne.io/tools/cmd/fyne@v1.7.4
	$$($(GO) env GOPATH)/bin/fyne package --os linux --src . --executable $(BIN)
	mv -f Retake.tar.xz build/Retake.tar.xz
	@ls -l build/Retake.tar.xz

clean:
	rm -rf build
