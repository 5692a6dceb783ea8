#!/bin/sh
# Every performance goal in one command (docs/benchmarks.md): the chat delivery harness --runs times (three by
# default) and the capacity harness, then the median and spread of each measure beside its goal. Installs the
# harness's npm packages on first use. Options: bench/all.sh --help
set -e
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
exec node all.mjs "$@"
