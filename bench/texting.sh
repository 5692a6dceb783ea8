#!/usr/bin/env bash
# Text messages through an SMSC that drops the link (docs/benchmarks.md): Haven's SMPP link sends N reminders
# to an in-process SMSC over TCP, which drops the link at evenly spaced points; then what Haven recorded is
# compared with what the SMSC received. One command; bench/texting.sh --help.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/texting.sh [options]

Queues N reminders (one per verified number that chose reminders; one in ten long, 2 or 3 segments, GSM
and UCS-2), sends them with Haven's SMPP link to an in-process SMSC (DemoSmsc, SMPP over TCP on 127.0.0.1)
that drops the link --drops times at evenly spaced points, waits until every text is settled, and prints
one table: wall time, segments and texts per second against the rate, binds, delivered, unconfirmed (and
whether the SMSC had them), lost, sent twice, load average. With --runs above 1, median and spread. Runs
in one JVM on Haven's embedded test PostgreSQL with fsync and synchronous_commit on.

Options:
  --texts N              reminders per run (default 2000)
  --window N             submit_sm waiting for their answer at once, haven.texting.window (default 10)
  --rate R               submit_sm per second at most, haven.texting.rate (default 20, Haven's default)
  --drops N              times the SMSC drops the link during each run (default 2)
  --runs N               runs (default 3)
  --response-timeout S   seconds a submit_sm waits for its answer, haven.texting.response-timeout
                         (default 10, Haven's default)
  --answer-delay MS      the SMSC answers each submit_sm this many milliseconds after taking it, as a
                         carrier's round trip would (default 0: at once)
  --online               let Maven download what it lacks (default: offline, -o)
  --keep                 keep the run's directory (Maven's full log) even when all went well
  -h, --help             this text

Exit status: 0 nothing lost and nothing sent twice; 1 a text was lost or a segment reached the SMSC twice;
2 the benchmark could not run (the log's end is printed, the directory kept).
EOF
}

texts=2000 window=10 rate=20 drops=2 runs=3 timeout=10 delay=0 offline=-o keep=0
integer() { [[ $2 =~ ^[0-9]+$ ]] || { echo "$1 takes a whole number, not '$2'" >&2; exit 2; }; }
number() { [[ $2 =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "$1 takes a number, not '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
	case "$1" in
		--texts) integer "$1" "${2-}"; texts=$2; shift 2 ;;
		--window) integer "$1" "${2-}"; window=$2; shift 2 ;;
		--rate) number "$1" "${2-}"; rate=$2; shift 2 ;;
		--drops) integer "$1" "${2-}"; drops=$2; shift 2 ;;
		--runs) integer "$1" "${2-}"; runs=$2; shift 2 ;;
		--response-timeout) number "$1" "${2-}"; timeout=$2; shift 2 ;;
		--answer-delay) integer "$1" "${2-}"; delay=$2; shift 2 ;;
		--online) offline=; shift ;;
		--keep) keep=1; shift ;;
		-h|--help) usage; exit 0 ;;
		*) echo "Unknown option: $1 (bench/texting.sh --help)" >&2; exit 2 ;;
	esac
done
if [ "$texts" -lt 1 ] || [ "$runs" -lt 1 ] || [ "$window" -lt 1 ] || [ "$window" -gt 100 ]; then
	echo "--texts and --runs must be at least 1, --window 1 to 100" >&2
	exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/haven-texting-bench.XXXXXX")
log=$dir/maven.log
verdict=$dir/verdict
echo "[texting] Maven's log: $log (Haven's start, the compile if needed, then the runs)"

set +e
(
	cd "$root"
	BENCH_TEXTS=$texts BENCH_WINDOW=$window BENCH_RATE=$rate BENCH_DROPS=$drops BENCH_RUNS=$runs \
	BENCH_RESPONSE_TIMEOUT=$timeout BENCH_ANSWER_DELAY=$delay BENCH_VERDICT=$verdict \
		./mvnw -B -q $offline -Pbenchmark test -Dtest=TextingBench -Dsurefire.failIfNoSpecifiedTests=false \
		-Dspring-javaformat.skip=true
) 2>&1 | tee "$log" | grep --line-buffered '^\[texting\]' | sed -u 's/^\[texting\] //'
status=${PIPESTATUS[0]}
set -e

if [ -f "$verdict" ] && [ "$(cat "$verdict")" = clean ] && [ "$status" -eq 0 ]; then
	[ "$keep" -eq 1 ] && echo "Kept: $dir" || rm -rf "$dir"
	exit 0
fi
if [ -f "$verdict" ]; then
	echo "Kept: $dir"
	exit 1
fi
echo "The benchmark did not finish (Maven exited with $status). The end of its log:" >&2
tail -n 40 "$log" >&2
echo "Kept: $dir" >&2
exit 2
