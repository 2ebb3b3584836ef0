#!/usr/bin/env bash
# Real fuzzing (not the regression replay every test run does): each Jazzer target for the
# duration in its @FuzzTest (120 s), one after the other, then a summary of executions and
# findings. Findings land in src/test/resources/<package>/<Class>Inputs/<method>/ and become
# regression inputs once committed.  Usage: perf/fuzz.sh [Class#method ...]
set -euo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(
    FilterParserFuzzTest#parse_anyText_filterOrInvalidFilter
    PatchFuzzTest#patch_anyBody_resultOrDeclaredError
    PatchFuzzTest#parsePath_anyText_pathOrDeclaredError
    UserDocumentsFuzzTest#fromRequest_anyBody_documentOrDeclaredError
    SyncRuleFuzzTest#parse_anyBody_definitionOrBadRequest
    CompactJwtFuzzTest#parse_anyToken_parsedOrRefused
  )
fi
mvn -B -o -q test-compile
out=target/fuzz; mkdir -p "$out"
printf '| target | executions | seconds | result |\n|---|---|---|---|\n' > "$out/summary.md"
for target in "${targets[@]}"; do
  log="$out/${target//#/_}.log"
  if JAZZER_FUZZ=1 mvn -B -o -q surefire:test@fuzz-regression -Dtest="$target" \
      -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then result=ok; else result=FINDING; fi
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 || true)
  printf '| %s | %s | %s | %s |\n' "$target" "$(awk '{print $2}' <<<"$runs")" "$(awk '{print $5}' <<<"$runs")" \
    "$result" >> "$out/summary.md"
done
cat "$out/summary.md"
