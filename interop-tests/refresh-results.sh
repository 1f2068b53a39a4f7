#!/usr/bin/env bash
# Refreshes the committed interop matrix (interop-tests/RESULTS.md). A plain test run writes
# interop-tests/target/RESULTS.md and leaves the tree untouched; this runs the module's tests with
# the results pointed at the committed file. Extra arguments go to Maven, e.g. to refresh one
# class's section: interop-tests/refresh-results.sh -Dtest='GnuTls*' -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -ntp -Dstyle.color=never -pl interop-tests -am verify -Dinterop.results="$root/interop-tests/RESULTS.md" "$@"
echo "refreshed interop-tests/RESULTS.md (git diff interop-tests/RESULTS.md shows what changed)"
