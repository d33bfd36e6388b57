#!/bin/sh
# A transcriber that fails the way a missing model would.
echo "error: model file not found" >&2
exit 2
