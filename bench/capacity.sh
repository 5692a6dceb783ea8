#!/bin/sh
# One node's capacity (docs/benchmarks.md): start-up, signed-in pages (wrk) and idle sockets, each measure
# run three times. Installs the harness's npm packages on first use. Options: bench/capacity.sh --help
set -e
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
exec node capacity.mjs "$@"
