#!/usr/bin/env bash
# Builds the JMH uber-jar, runs it with -prof gc and JSON output, and turns the JSON into
# benchmarks/RESULTS.md (text above the marker line in RESULTS.md is kept; the rest is regenerated).
#
# Usage (from anywhere):
#   bash benchmarks/run.sh                       # every benchmark, default iterations (long!)
#   bash benchmarks/run.sh 'Aead|Record'         # a regex selects benchmarks
#   bash benchmarks/run.sh --tls                 # the TLS tables only: handshakes (full, resumed),
#                                                #   bulk, public-key floors (~12 min)
#   bash benchmarks/run.sh --smoke               # one short iteration of every benchmark
#   bash benchmarks/run.sh --smoke --tls         # ... of the TLS tables
#   bash benchmarks/run.sh -wi 0 -i 1 -r 100ms 'Digest|Hmac'   # any JMH options
#   bash benchmarks/run.sh -p backend=bc,jca,default 'Aead'    # also the default provider
#   bash benchmarks/run.sh --loopback            # TLS over real TCP on 127.0.0.1 against openssl
#                                                #   s_server/s_time (dev.jtls.bench.LoopbackBench, ~9 min):
#                                                #   writes benchmarks/RESULTS-loopback.md instead
#   bash benchmarks/run.sh --loopback --smoke    # ... one tiny round of every row (checks only)
#   bash benchmarks/run.sh --loopback --reps 5 --note 'quiet machine'   # any LoopbackBench options
#   bash benchmarks/run.sh --memory              # (first argument) retained heap per idle connection (10,000 pairs
#                                                #   per implementation, one JVM each; ~5 min) into
#                                                #   benchmarks/RESULTS-memory.md (not JMH)
#   bash benchmarks/run.sh --memory -n 2000 --impls jtls,sunjsse   # IdleMemory's own options
#
# --smoke adds "-wi 0 -i 1 -r 100ms -f 1" (figures meaningless; it checks every benchmark runs and
# that each op's own checks pass). --tls adds the regex of the TLS tables.
# With --loopback, JMH is not run: the other arguments go to LoopbackBench (see its --help) and
# --smoke means "--seconds 1 --reps 1 --warmup 0 --bulk-mib 1 --max-connections 5"; needs openssl.
# Every argument goes to JMH as is (see `java -jar benchmarks/target/benchmarks.jar -h`).
# Environment: JAVA_HOME picks the JDK used to build and run (default: java on PATH);
# MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o); SKIP_BUILD=1 reuses the existing jar;
# RESULTS_MD overrides the output file (default benchmarks/RESULTS.md; with --loopback
# benchmarks/RESULTS-loopback.md, with --memory benchmarks/RESULTS-memory.md).
set -euo pipefail

cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jar=benchmarks/target/benchmarks.jar
json=benchmarks/target/jmh-result.json
md="${RESULTS_MD:-benchmarks/RESULTS.md}"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # shellcheck disable=SC2086
    mvn -B -q -DskipTests ${MVN_ARGS:-} package -pl benchmarks -am
fi

command="bash benchmarks/run.sh$(printf ' %q' "$@")"
if [ "${1:-}" = --memory ]; then
    # Not JMH: dev.jtls.bench.IdleMemory forks one JVM per implementation and writes its own report.
    shift
    exec "$java" -cp "$jar" dev.jtls.bench.IdleMemory --out "${RESULTS_MD:-benchmarks/RESULTS-memory.md}" \
        --command "$command" "$@"
fi

for a in "$@"; do
    if [ "$a" = --loopback ]; then
        largs=()
        for b in "$@"; do
            case "$b" in
                --loopback) ;;
                --smoke) largs+=(--seconds 1 --reps 1 --warmup 0 --bulk-mib 1 --max-connections 5) ;;
                *) largs+=("$b") ;;
            esac
        done
        exec "$java" -cp "$jar" dev.jtls.bench.LoopbackBench --command "$command" \
            --out "${RESULTS_MD:-benchmarks/RESULTS-loopback.md}" "${largs[@]}"
    fi
done
args=()
for a in "$@"; do
    case "$a" in
        --smoke) args+=(-wi 0 -i 1 -r 100ms -f 1) ;;
        --tls) args+=('HandshakeBench|ResumptionBench|TicketResumptionBench|BulkBench|ChaChaBulkBench|CbcBulkBench|GcmPrimitiveBench|FloorBench') ;;
        *) args+=("$a") ;;
    esac
done
rm -f "$json"
status=0
"$java" -jar "$jar" -prof gc -rf json -rff "$json" "${args[@]}" || status=$?

if [ -s "$json" ]; then
    "$java" -cp "$jar" dev.jtls.bench.Results "$json" "$md" "$command"
else
    echo "run.sh: no JMH results in $json; $md left as it was" >&2
    [ "$status" -ne 0 ] || status=1
fi
exit "$status"
