#!/usr/bin/env bash
# Takes the screenshots in docs/ with headless Chromium, by hand (CI never runs this; the PNGs are
# committed):
#
#   docs/preview.png     ./newsletter preview issues/2024-fall.yaml
#   docs/report.png      ./newsletter report issues/2024-fall.yaml --format html
#   docs/report-all.png  ./newsletter report --all --format html   (when this build has it)
#
#   scripts/screenshots.sh [--install] [OUTDIR]
#
# It works on a copy of the sample project in a temporary folder: a capture-mode send there gives
# the reports a journal (the embedded SMTP server, loopback only); the repository's own files are
# not touched. OUTDIR defaults to docs/.
#
# --install  install Debian's chromium package if no Chromium is found (needs root and apt-get)
# CHROMIUM   the browser to use, when it is not chromium, chromium-browser or google-chrome on PATH
set -euo pipefail

install=false
if [ "${1:-}" = "--install" ]; then
  install=true
  shift
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$here/docs}" && cd "${1:-$here/docs}" && pwd)"

say() { echo "screenshots: $*" >&2; }

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then
      browser="$(command -v "$name")"
      break
    fi
  done
fi
if [ -z "$browser" ] && $install; then
  say "installing Debian's chromium package"
  apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  browser="$(command -v chromium)"
fi
if [ -z "$browser" ]; then
  say "no Chromium found; install it (apt-get install chromium, or run with --install) or set CHROMIUM"
  exit 2
fi

work="$(mktemp -d)"
preview_pid=""
cleanup() {
  if [ -n "$preview_pid" ]; then
    kill "$preview_pid" 2>/dev/null || true
    wait "$preview_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# shot URL FILE WIDTH HEIGHT: a screenshot of the page's viewport
shot() {
  local sandbox=()
  [ "$(id -u)" = 0 ] && sandbox=(--no-sandbox) # Chromium refuses to run as root with its sandbox
  rm -rf "$work/profile"
  # no background networking: the page is all there is (these machines have no internet either);
  # --timeout: shoot after 8 s, once the frames have painted (4 s left them blank on a busy machine; the preview's page never stops
  # listening for changes, so waiting for the network to go idle would wait for ever)
  "$browser" --headless "${sandbox[@]}" --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --timeout=8000 \
    --user-data-dir="$work/profile" --window-size="$3,$4" --screenshot="$2" "$1" >"$work/chromium.log" 2>&1 \
    || { cat "$work/chromium.log" >&2; say "Chromium failed on $1"; exit 1; }
  say "wrote $2"
}

project="$work/project"
mkdir -p "$project"
cp -R "$here/config" "$here/templates" "$here/issues" "$here/subscribers" "$project/"
newsletter() { "$here/newsletter" "$@" --config "$project/config/newsletter.yaml"; }
issue="$project/issues/2024-fall.yaml"

# 1. the preview, as an editor sees it
newsletter --version >/dev/null # builds the jar first, if it must
newsletter preview "$issue" >"$work/preview.out" 2>"$work/preview.err" &
preview_pid=$!
url=""
for _ in $(seq 1 240); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/[A-Za-z0-9_-]*/' "$work/preview.out" || true)"
  [ -n "$url" ] && break
  kill -0 "$preview_pid" 2>/dev/null || { cat "$work/preview.err" >&2; say "preview did not start"; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { say "preview printed no address"; exit 1; }
shot "$url" "$out/preview.png" 1800 1600
kill "$preview_pid"
wait "$preview_pid" 2>/dev/null || true
preview_pid=""

# 2. the reports, after a send in capture mode (the embedded server, nothing leaves the machine)
help="$(newsletter report --help)"
if ! grep -q 'html' <<<"$help"; then
  say "this build's report has no --format html; skipping the reports"
  exit 0
fi
(cd "$project" && newsletter send "$issue" --yes >"$work/send.log" 2>&1) || { cat "$work/send.log" >&2; say "the send failed"; exit 1; }
(cd "$project" && newsletter report "$issue" --format html >"$work/report.html")
shot "file://$work/report.html" "$out/report.png" 1400 1600
if grep -q -- '--all' <<<"$help"; then
  (cd "$project" && newsletter report --all --format html >"$work/report-all.html")
  shot "file://$work/report-all.html" "$out/report-all.png" 1400 1600
else
  say "this build's report has no --all; skipping report-all.png"
fi
