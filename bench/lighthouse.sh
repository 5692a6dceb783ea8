#!/bin/sh
# Lighthouse on the pages people meet first, on a phone (docs/benchmarks.md): landing, directory, a therapist's
# profile, their free times, the client's home and chat, each run three times. Installs its npm packages
# (bench/lighthouse) on first use. Options: bench/lighthouse.sh --help
set -e
cd "$(dirname "$0")/lighthouse"
if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi
exec node run.mjs "$@"
