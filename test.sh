#!/usr/bin/env bash
# Runs every Omnia test (unit, storage, HTTP API, crash recovery, the real Segment SDK, browser tests)
# and ends with one line: "N passed, N failed".
# Installs the system packages the tests need when they are missing and this runs as root (CI does).
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need_apt+=(python3-aiosmtpd)   # the real SMTP server of the email tests
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need_apt[*]} ..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Missing ${need_apt[*]}: install them (e.g. sudo apt-get install ${need_apt[*]}) for the SDK, browser and email tests." >&2
  fi
fi

if [ -f tests/segment-sdk/package.json ] && [ ! -d tests/segment-sdk/node_modules/@segment/analytics-node ]; then
  (cd tests/segment-sdk && npm install --no-audit --no-fund --loglevel=error) || echo "npm install failed; the Segment SDK test will report it." >&2
fi
if [ -f tests/browser-sdk/package.json ] && { [ ! -d tests/browser-sdk/node_modules/@segment/analytics-next ] || [ ! -d tests/browser-sdk/node_modules/@rudderstack/analytics-js ]; }; then
  (cd tests/browser-sdk && npm install --no-audit --no-fund --loglevel=error) || echo "npm install failed; the browser SDK tests will report it." >&2
fi

results=TestResults
rm -rf "$results"
dotnet test Omnia.slnx --logger "trx" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1   # the build or a test host failed without a test result
fi
echo "$passed passed, $failed failed"
exit "$status"
