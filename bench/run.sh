#!/bin/sh
# Chat delivery benchmark (docs/benchmarks.md): installs the harness's two npm packages on first use, then
# runs it. Options: bench/run.sh --help
set -e
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
exec node run.mjs "$@"
