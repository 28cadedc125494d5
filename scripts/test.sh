#!/usr/bin/env bash
# `npm test`: every layer in order, stopping at the first failure, then one summary line.
#
#   typecheck    npm run typecheck
#   lint         npm run lint
#   editor       bash test/editor/setup.sh    (installs ffmpeg, code-server + Chromium once; then ~0.2 s)
#   unit         npm run test:unit            (compiles to out/, mocha on plain Node; real ffmpeg)
#   integration  npm run test:integration     (extension-host suite in code-server)
#   e2e          npm run test:e2e             (packaged .vsix in code-server + Chromium)
#
# One layer alone: npm run test:unit | test:integration | test:e2e  (each takes -- --grep PATTERN).
# A subset here:   npm test -- --only unit,e2e      npm test -- --skip e2e
#                  (or RTK_TEST_ONLY / RTK_TEST_SKIP with the same comma lists)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ALL=(typecheck lint editor unit integration e2e)
only=${RTK_TEST_ONLY:-}
skip=${RTK_TEST_SKIP:-}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --only) only=$2; shift 2 ;;
    --only=*) only=${1#*=}; shift ;;
    --skip) skip=$2; shift 2 ;;
    --skip=*) skip=${1#*=}; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for name in ${only//,/ } ${skip//,/ }; do
  [[ " ${ALL[*]} " == *" $name "* ]] || { echo "unknown layer '$name' (layers: ${ALL[*]})" >&2; exit 2; }
done
wanted() {
  local name=$1
  # unit (ffmpeg, the real encoder of the ingest and OBS tests), integration and e2e need what
  # setup.sh installs, whatever the lists say.
  if [[ $name == editor ]] && { wanted unit || wanted integration || wanted e2e; }; then return 0; fi
  [[ -n $only && ",$only," != *",$name,"* ]] && return 1
  [[ ",$skip," == *",$name,"* ]] && return 1
  return 0
}

LOG_DIR=.test-output/logs
mkdir -p "$LOG_DIR"
summary=()
started=$SECONDS
compiled=0

# Runs one layer with its output shown and kept in $LOG_DIR/test-<name>.log.
run() {
  local name=$1; shift
  local t0=$SECONDS log="$LOG_DIR/test-$name.log"
  printf '\n\033[1m▶ %s\033[0m  %s\n' "$name" "$*"
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  local secs=$((SECONDS - t0))
  # Mocha's counts, if this layer printed any (colour codes stripped).
  local counts
  counts=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -Eo '[0-9]+ (passing|failing|pending)' | awk '{n[$2]+=$1} END {s=""; if ("passing" in n) s=n["passing"] " passed"; if (n["failing"]) s=s ", " n["failing"] " failed"; if (n["pending"]) s=s ", " n["pending"] " pending"; print s}')
  summary+=("$name ${counts:+$counts }${secs}s")
  if [[ $rc -ne 0 ]]; then
    finish "FAILED at $name (exit $rc; log: $log)" "$rc"
  fi
}

finish() {
  local status=$1 rc=$2
  local IFS='|'
  local line="${summary[*]}"
  printf '\n\033[1mnpm test: %s — %s — total %ss\033[0m\n' "$status" "${line//|/, }" "$((SECONDS - started))"
  exit "$rc"
}

wanted typecheck && run typecheck npm run --silent typecheck
wanted lint && run lint npm run --silent lint
wanted editor && run editor bash test/editor/setup.sh
if wanted unit; then run unit npm run --silent test:unit; compiled=1; fi
# The npm scripts of the next two layers each compile first; once is enough here.
if wanted integration || wanted e2e; then
  [[ $compiled == 1 ]] || run compile npm run --silent compile
fi
wanted integration && run integration bash -c 'npm run --silent build && node out/test/editor/runIntegration.js'
wanted e2e && run e2e bash -c 'npm run --silent package >/dev/null && node out/test/editor/runE2e.js'
finish PASSED 0
