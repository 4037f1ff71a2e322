#!/usr/bin/env bash
# The HTML report opens in a real browser: ingest the corpora into a fresh
# index, write `report --format html --by year,region`, open the page in
# headless Chromium (Debian's `chromium`, installed by analyzer/tools/setup)
# and take a screenshot. Passes when Chromium exits 0, the screenshot is a
# real picture (> 10 KB), the page logs nothing to the console (no script
# errors, no refused loads: the page's Content-Security-Policy turns any
# fetch into a console error), and the HTML references nothing outside
# itself and holds inline SVG.
#
# Usage: html_report_test.sh ANALYZER_BINARY CORPORA_DIR
# Set ANALYZER_TEST_KEEP=1 to keep the temporary folder (the page, the
# screenshot, the logs); it is always kept when the test fails.
# Chromium's own dbus/GPU complaints on stderr are not failures: only
# messages from the page (CONSOLE lines, "Uncaught") are.
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 ANALYZER_BINARY CORPORA_DIR" >&2
  exit 2
fi
analyzer=$1
corpora=$2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/analyzer-html-test.XXXXXX")
failed=0
fail() {
  echo "FAIL: $*" >&2
  failed=1
}
finish() {
  if [ "$failed" -ne 0 ] || [ -n "${ANALYZER_TEST_KEEP:-}" ]; then
    echo "kept: $tmp (report.html, shot.png, chromium.log)" >&2
  else
    rm -rf "$tmp"
  fi
}
trap finish EXIT

browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
  fail "chromium is not installed (run analyzer/tools/setup, which installs Debian's chromium)"
  exit 1
fi

# 1. ingest and report
if ! "$analyzer" ingest --index "$tmp/index" "$corpora" >"$tmp/ingest.log" 2>&1; then
  cat "$tmp/ingest.log" >&2
  fail "analyzer ingest failed"
  exit 1
fi
if ! "$analyzer" report --index "$tmp/index" --format html --output "$tmp/report.html" --by year,region \
    >"$tmp/report.log" 2>&1; then
  cat "$tmp/report.log" >&2
  fail "analyzer report --format html failed"
  exit 1
fi
if [ ! -s "$tmp/report.html" ]; then
  fail "analyzer report wrote no $tmp/report.html"
  exit 1
fi

# 2. self-contained: no reference to anything outside the file. Text quoted
# from the answers may mention an address; only tags (attributes) and the
# style sheet are references.
tags=$(grep -o '<[^>]*>' "$tmp/report.html")
styles=$(sed -n '/<style>/,/<\/style>/p' "$tmp/report.html")
if grep -Eiq 'https?://' <<<"$tags"; then
  grep -Eio '<[^>]*https?://[^>]*>' "$tmp/report.html" | head -5 >&2
  fail "the HTML references http:// or https:// (it must be self-contained)"
fi
# Links and sources may only point inside the page (#id) or be data: URLs.
outside=$(grep -Eio '(src|href|action|poster|srcset)="[^"]*"' <<<"$tags" | grep -Eiv '="(#|data:)' || true)
if [ -n "$outside" ]; then
  head -5 <<<"$outside" >&2
  fail "the HTML links to or loads files outside itself"
fi
if grep -Eiq '<(script|link|iframe|object|embed|base)[ >]' <<<"$tags"; then
  grep -Eio '<(script|link|iframe|object|embed|base)[^>]*>' "$tmp/report.html" | head -5 >&2
  fail "the HTML has scripts, style sheet links, frames or embedded objects"
fi
if grep -Eiq 'https?://|@import|url\([^#]' <<<"$styles"; then
  fail "the style sheet loads something from outside (@import, url(), http)"
fi
grep -q '<svg' "$tmp/report.html" || fail "the HTML has no inline SVG (<svg)"
grep -q '<html lang="sv"' "$tmp/report.html" || fail "the HTML is not marked as Swedish (lang=\"sv\")"

# 3. open it in headless Chromium: its own HOME and profile, so parallel
# runs and a read-only home do not matter; timeout as a safety net.
mkdir -p "$tmp/home"
start=$(date +%s)
HOME="$tmp/home" timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
  --no-first-run --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 \
  --screenshot="$tmp/shot.png" --window-size=1200,2000 "file://$tmp/report.html" \
  >"$tmp/chromium.out" 2>"$tmp/chromium.log"
status=$?
elapsed=$(( $(date +%s) - start ))
if [ "$status" -ne 0 ]; then
  tail -20 "$tmp/chromium.log" >&2
  fail "chromium exited with status $status"
fi
if [ ! -f "$tmp/shot.png" ]; then
  fail "chromium wrote no screenshot"
else
  size=$(stat -c %s "$tmp/shot.png")
  if [ "$size" -le 10240 ]; then
    fail "the screenshot is only $size bytes (a blank page?)"
  fi
fi
if grep -E 'CONSOLE|Uncaught' "$tmp/chromium.log" >"$tmp/console.log"; then
  cat "$tmp/console.log" >&2
  fail "the page logged to the console"
fi

if [ "$failed" -eq 0 ]; then
  echo "ok: report.html ($(stat -c %s "$tmp/report.html") bytes) opened in $("$browser" --version 2>/dev/null | head -1);" \
       "screenshot $(stat -c %s "$tmp/shot.png") bytes in ${elapsed}s"
fi
exit "$failed"
