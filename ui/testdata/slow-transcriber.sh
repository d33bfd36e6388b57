#!/bin/sh
# A transcriber that never finishes, to test cancelling: exec makes the
# sleep the process the app kills.
echo "thinking" >&2
exec sleep 60
