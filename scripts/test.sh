#!/usr/bin/env bash
# `npm test`: every gate and every test, ending with one line "N passed, N failed".
# Gates (format/lint, types, module boundaries) count as one test each; vitest suites are
# counted per test from their JSON reports.
set -u
cd "$(dirname "$0")/.."
mkdir -p .tmp
passed=0
failed=0
failures=()

gate() {
  local name=$1
  shift
  echo "::: $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

suite() {
  local name=$1 report=$2
  shift 2
  echo "::: $name"
  rm -f "$report"
  "$@"
  local rc=$?
  if [ -f "$report" ]; then
    read -r p f < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests)' "$(pwd)/$report")
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" != "0" ]; then failures+=("$name"); fi
    # a file that fails to load fails no single test but exits non-zero: count it once
    if [ "$rc" != "0" ] && [ "$f" = "0" ]; then failed=$((failed + 1)); failures+=("$name (exit $rc)"); fi
  else
    failed=$((failed + 1))
    failures+=("$name (no report)")
  fi
}

gate "format and lint (biome)" npx biome check .
gate "type check (tsc)" npm run --silent typecheck
gate "module boundaries (dependency-cruiser)" npx depcruise --config .dependency-cruiser.cjs server/src contracts/src web/src
gate "web build (vite)" npm run --silent build
suite "unit and integration tests (vitest)" .tmp/vitest.json npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json
suite "browser journeys and start smoke test (vitest + playwright)" .tmp/e2e.json npx vitest run --config e2e/vitest.config.ts --reporter=default --reporter=json --outputFile.json=.tmp/e2e.json

if [ ${#failures[@]} -gt 0 ]; then
  echo "failed: ${failures[*]}"
fi
echo "${passed} passed, ${failed} failed"
[ "$failed" = "0" ]
