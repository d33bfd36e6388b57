#!/bin/sh
# apt-deps.sh PKG...: make sure the Debian packages are installed.
# As root it installs the missing ones; otherwise it prints the exact
# command to run and fails, so the build never fails obscurely later.
set -e
if ! command -v go >/dev/null 2>&1; then
	echo "retake: Go 1.26 or newer is needed (https://go.dev/doc/install), then run make again" >&2
	exit 1
fi
missing=""
for p in "$@"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends $missing
else
	echo "retake: missing packages:$missing" >&2
	echo "run:    sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
