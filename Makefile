# Retake: build, run and test. Every target installs what it needs first,
# so `make run` and `make test` work on a fresh Debian 12 machine.

GO        ?= go
TAGS      := migrated_fynedo
TEST_TAGS := ci,migrated_fynedo
BIN       := build/retake

# Debian packages the build needs (Fyne's GLFW through cgo; ALSA headers
# are optional for miniaudio, which loads the sound libraries at run time).
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libasound2-dev
# Extra packages for the tests: speech fixtures, the Xvfb smoke test and
# its screenshot checks.
TEST_PKGS  := espeak-ng sox xvfb imagemagick xdotool

export LANG := en_US.UTF-8

.PHONY: all build run test vet unit smoke bench fuzz package deps deps-test clean

all: build

# deps installs the build packages when they are missing: with apt-get
# where we run as root, otherwise it prints the exact command and stops.
deps:
	@scripts/apt-deps.sh $(BUILD_PKGS)

deps-test:
	@scripts/apt-deps.sh $(BUILD_PKGS) $(TEST_PKGS)

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN) ./cmd/retake

run: build
	./$(BIN)

vet: deps-test
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) vet -tags $(TEST_TAGS) ./...

unit: deps-test
	$(GO) test -race -tags $(TEST_TAGS) ./...

test: vet unit smoke

smoke: build
	scripts/smoke.sh $(BIN)

bench: deps-test
	$(GO) test -tags $(TEST_TAGS) -run '^$$' -bench . -benchmem ./...

package: build
	$(GO) install fyne.io/tools/cmd/fyne@v1.7.4
	cd build && $$($(GO) env GOPATH)/bin/fyne package --os linux --src .. --executable retake --release
	@ls -l build/*.tar.xz

clean:
	rm -rf build
