#!/usr/bin/env bash
# Benchmark of the reports (issue 16): `report ISSUE --format html` of a generated journal of
# RECIPIENTS recipients (default 1,000,000; two runs, retries, rejections, 20,000 domains) with the
# return-path records a busy list has (complaints, soft bounces, one-click unsubscribes), and
# `report --all` in each format, with the JVM heap capped at 256 MB. Prints a table of wall-clock
# time and CPU time (JVM start included), the peak resident memory and the output size.
# Goal on the reference machine (2 cores): the HTML report of 1,000,000 recipients in under 10 s.
#
#   bench/report.sh [RECIPIENTS]
#
# Set MVNW_FLAGS=-o to build offline. Not part of `./mvnw verify`: this is a benchmark, not a test.
set -euo pipefail

recipients=${1:-1000000}
heap=${HEAP:-256m}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "building the jar ..." >&2
./mvnw -B -q ${MVNW_FLAGS:-} -Dmaven.test.skip=true package
classpath="target/newsletter.jar:target/lib/*"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/classes" "$work/project"
cp -r config templates issues subscribers "$work/project/"
javac -d "$work/classes" bench/GenerateJournal.java
echo "generating a journal of $recipients recipients ..." >&2
java -cp "$work/classes" GenerateJournal "$work/project" 2024-fall pdl-packet "$recipients"
cp subscribers/pdl-packet.csv "$work/project/subscribers/pdl-packet.csv"
journal="$work/project/var/capture/2024-fall/pdl-packet.jsonl"
journal_mb=$(du -m "$journal" | cut -f1)

results="$work/results.tsv"
run() {
  local label=$1 out=$2
  shift 2
  echo "== $label: newsletter $*" >&2
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$work/rss" \
    java -Xmx"$heap" -XX:+UseSerialGC -cp "$classpath" dev.newsletter.cli.Main "$@" \
    --config "$work/project/config/newsletter.yaml" > "$out"
  end=$(date +%s%N)
  read -r rss user sys < <(tail -n 1 "$work/rss")
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" \
    "$(awk "BEGIN {printf \"%.2f\", ($end - $start) / 1e9}")" \
    "$(awk "BEGIN {printf \"%.2f\", $user + $sys}")" \
    "$(( rss / 1024 ))" \
    "$(du -k "$out" | cut -f1)" >> "$results"
}

issue="$work/project/issues/2024-fall.yaml"
run "report ISSUE --format html" "$work/report.html" report "$issue" --format html
run "report ISSUE (table)" "$work/report.txt" report "$issue"
run "report ISSUE --format json" "$work/report.json" report "$issue" --format json
run "report --all --format html" "$work/all.html" report --all --format html
run "report --all --format csv" "$work/all.csv" report --all --format csv

echo
echo "report benchmark: $recipients recipients, journal ${journal_mb} MB, heap $heap, $(nproc) cores"
echo "(load average now: $(cut -d' ' -f1-3 /proc/loadavg); on a shared machine, CPU seconds are the steadier figure)"
printf '%-30s %10s %12s %14s %10s\n' "command" "seconds" "CPU seconds" "peak RSS MB" "out KB"
while IFS=$'\t' read -r label seconds cpu rss size; do
  printf '%-30s %10s %12s %14s %10s\n' "$label" "$seconds" "$cpu" "$rss" "$size"
done < "$results"
grep -o 'OVER LIMIT[^\r]*' "$work/report.txt" | head -n 2 || true
