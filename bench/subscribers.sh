#!/usr/bin/env bash
# Benchmark of the subscriber files (issue 3): import and lint a generated list of ROWS subscribers
# (default 1,000,000) with the JVM heap capped at 256 MB, and print time and peak memory.
# Goals on the reference machine (2 cores): lint under 10 s, import under 20 s.
#
#   bench/subscribers.sh [ROWS]
#
# Set MVNW_FLAGS=-o to build offline. Not part of `./mvnw verify`: this is a benchmark, not a test.
set -euo pipefail

rows=${1:-1000000}
heap=${HEAP:-256m}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "building the jar ..." >&2
./mvnw -B -q ${MVNW_FLAGS:-} -Dmaven.test.skip=true package
classpath="target/newsletter.jar:target/lib/*"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/classes" "$work/project/config" "$work/project/subscribers"
cat > "$work/project/config/newsletter.yaml" <<'YAML'
newsletter:
  name: The PDL Packet
  from: "The PDL Packet <packet@pdl.example.org>"
  list: bench
  listId: packet.pdl.example.org
  baseUrl: https://pdl.example.org/newsletter
smtp:
  mode: capture
YAML
printf 'email,reason,suppressed_at\nana.10@dept10.example.org,unsubscribed,2024-10-15T13:40:00Z\n' \
  > "$work/project/subscribers/suppressed.csv"

javac -d "$work/classes" -cp "$classpath" bench/SubscribersBench.java bench/GenerateSubscribers.java
echo "generating $rows subscribers ..." >&2
java -cp "$work/classes" GenerateSubscribers "$work/subscribers.csv" "$rows"
size=$(du -m "$work/subscribers.csv" | cut -f1)

results="$work/results.tsv"
run() {
  local label=$1
  shift
  echo "== $label: newsletter $*" >&2
  local start end
  start=$(date +%s%N)
  java -Xmx"$heap" -cp "$work/classes:$classpath" SubscribersBench "$results" "$label" "$@" \
    --config "$work/project/config/newsletter.yaml" | tail -n 8 >&2 || true
  end=$(date +%s%N)
  # The process time (JVM start included) goes on the line the run appended.
  sed -i '$ s/$/\t'"$(awk "BEGIN {printf \"%.2f\", ($end - $start) / 1e9}")"'/' "$results"
}

run "import (new list)" subscribers import "$work/subscribers.csv" --create
run "lint" subscribers lint
run "count" subscribers count
run "import --update (all on list)" subscribers import "$work/subscribers.csv" --update
run "add (one row)" subscribers add bench.extra@example.org

echo
echo "subscribers benchmark: $rows rows ($size MB CSV), heap capped at $heap, $(nproc) cores, $(java -version 2>&1 | head -1)"
printf '%-32s %5s %9s %9s %12s %13s %9s %5s\n' \
  "command" "exit" "time (s)" "JVM (s)" "live heap MB" "heap used MB" "RSS MB" "GCs"
while IFS=$'\t' read -r label code seconds live used max rss gcs wall; do
  printf '%-32s %5s %9s %9s %12s %13s %9s %5s\n' "$label" "$code" "$seconds" "$wall" "$live" "$used/$max" "$rss" "$gcs"
done < "$results"
echo
echo "time: the command in the JVM; JVM: the whole process, start-up included."
echo "live heap: most heap still in use after a GC (what the command holds); heap used: most in use before one."
echo "goals: lint < 10 s, import < 20 s."
