#!/usr/bin/env bash
# A long Jazzer run of tls-core's fuzz targets, one target after the other, each for a given time,
# each resuming from (and adding to) the corpus Jazzer keeps in tls-core/.cifuzz-corpus/.
# Prints one Markdown table row per target: wall time, executions, coverage (cov) and features (ft)
# reached, corpus size, findings. Logs go to tls-core/target/fuzz-logs/.
#
#   tls-core/scripts/fuzz-long-run.sh SECONDS [Class#method ...]
#
# Without targets it runs all six. FUZZ_NICE (default 19) is the niceness of the runs, so that on a
# shared machine they only take idle CPU; FUZZ_DEADLINE (epoch seconds, optional) shortens the last
# runs so that none goes past it, and skips a target with less than a minute left; FUZZ_START
# (default 300) is the seconds allowed for Maven's build and the JVM's start before the fuzzer's
# clock starts (on a loaded machine at nice 19 it took up to 15 minutes).
# Let a run end by itself: a run stopped by a signal has Jazzer write the input it was on as a
# crash-... file into the Inputs directory, which is then not a finding (replay it to be sure).
# A finding stops that target's run: Jazzer writes the input into the target's
# src/test/resources/**/<Class>Inputs/<method>/ directory (a regression test from then on) and the
# row says so; fix the code, keep the input, run again.
set -u
cd "$(dirname "$0")/../.." || exit 2

seconds=${1:?usage: $0 SECONDS [Class#method ...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(ConnectionFuzzTest#serverFedAByteStream ConnectionFuzzTest#clientFedAByteStream
           DecoderFuzzTest#recordsAndHandshakeFrames DecoderFuzzTest#messageAndExtensionDecoders
           PkiFuzzTest#chainFromDer PkiFuzzTest#trustAnchorsFromPemOrDer)
fi
logs=tls-core/target/fuzz-logs
mkdir -p "$logs"

echo "| Target | Wall time | Executions | exec/s | cov | ft | Corpus (files) | Findings |"
echo "|---|---|---|---|---|---|---|---|"
for t in "${targets[@]}"; do
  run=$seconds
  if [ -n "${FUZZ_DEADLINE:-}" ]; then
    left=$(( FUZZ_DEADLINE - $(date +%s) - ${FUZZ_START:-300} ))
    if [ "$left" -lt 60 ]; then
      echo "| $t | skipped (deadline) | | | | | | |"
      continue
    fi
    [ "$left" -lt "$run" ] && run=$left
  fi
  log="$logs/${t/\#/.}.log"
  start=$(date +%s)
  # The annotation's maxDuration is a short CI-sized run; libFuzzer takes the last -max_total_time,
  # so the one given here (a libFuzzer argument, through Jazzer's JUnit configuration) wins.
  JAZZER_FUZZ=1 nice -n "${FUZZ_NICE:-19}" mvn -B -ntp -o -pl tls-core -am test \
      -Djazzer.hooks=true -Dsurefire.failIfNoSpecifiedTests=false -Dtest="$t" \
      -Djazzer.internal.arg.0=fake_argv0 -Djazzer.internal.arg.1=-max_total_time="$run" \
      >"$log" 2>&1
  rc=$?
  wall=$(( $(date +%s) - start ))
  # the last libFuzzer status line: "#N DONE|pulse|NEW ... cov: C ft: F corp: K/S ... exec/s: E"
  status=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -1)
  execs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$status")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$status")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$status")
  eps=$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$status")
  class=${t%%#*}
  method=${t##*#}
  corpus=$(find tls-core/.cifuzz-corpus -path "*.${class}/${method}/*" -type f 2>/dev/null | wc -l)
  if [ "$rc" -eq 0 ]; then
    findings=none
  else
    findings="exit $rc: $(grep -m1 -E '== Java Exception|FuzzTestFindingException|ERROR: libFuzzer|Test unit written' "$log" | cut -c1-120) (see $log)"
  fi
  echo "| $t | ${wall} s (fuzzing ${run} s) | ${execs:-?} | ${eps:-?} | ${cov:-?} | ${ft:-?} | $corpus | $findings |"
done
