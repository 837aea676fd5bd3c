#!/usr/bin/env bash
# Start-up and small-list benchmark (issue 15): one table, each figure beside its reference, all
# measured in one sitting. Runs `newsletter` as ./newsletter runs it (the launcher: serial GC, the
# StreamProvider property, the class-data archive it makes once per build).
#
#   bench/startup.sh                         everything
#   QUICK=1 bench/startup.sh                 no 100,000 send, lint of 200,000 rows
#   RUNS=3 ROWS=500000 SENDS="30000" bench/startup.sh   fewer runs, rows, sends (SENDS="": none)
#   BASELINE_JAR=/tmp/before/newsletter.jar bench/startup.sh
#       also measures that jar (run as the old launcher ran it: java -jar, no archive), interleaved
#       with ours run for run, in a "baseline" column: to compare two versions in one sitting, build
#       the old one first and copy target/newsletter.jar and target/lib/ to a folder of their own.
#
# Rows:
#   send (sample)   ./newsletter send issues/2024-fall.yaml --yes on a fresh copy of the sample project
#                   (5 people, capture mode), whole process; median of RUNS (5) runs, wall and CPU.
#   send --dry-run  the same, nothing sent;  --version  the launcher's shortest command.
#   30k / 100k      bench/run.sh: smtp-source -d against our whole send process (JVM start to exit,
#                   pre-send check included), same smtp-sink, same connection count (4).
#   lint 1M         subscribers lint of 1,000,000 generated rows, -Xmx256m, against Python's csv
#                   module merely reading the same file; median of 3, interleaved.
# Goals: sample <= 0.8 s; 30k >= 0.5 of smtp-source; 100k >= 0.7; lint <= 3x Python.
# Not part of `./mvnw verify`: a benchmark, not a test. Set MVNW_FLAGS=-o to build offline.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
rows="${ROWS:-1000000}"
[ -n "${QUICK:-}" ] && rows="${ROWS:-200000}"
baseline="${BASELINE_JAR:+$(realpath "$BASELINE_JAR")}"
work="$(mktemp -d /tmp/newsletter-startup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export NEWSLETTER_UNSUBSCRIBE_SECRET="bench-secret-of-at-least-16-bytes"
[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null

echo "building..." >&2
(cd "$root" && ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests package)
"$root/newsletter" --version >/dev/null # makes the class-data archive, once per build

# One fresh copy of the sample project per run (a send resumes: a second one would skip everyone).
fresh_project() {
  local dir="$work/project.$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$root/config" "$root/issues" "$root/templates" "$root/subscribers" "$dir/"
  echo "$dir"
}

# Runs a command (in a fresh project) and appends "wall cpu" to a file.
timed() {
  local out="$1" dir="$2"
  shift 2
  (cd "$dir" && /usr/bin/time -f '%e %U %S' -o "$work/t" "$@" >/dev/null 2>"$work/err") || {
    cat "$work/err" >&2
    echo "failed: $*" >&2
    exit 1
  }
  awk '{printf "%s %.3f\n", $1, $2 + $3}' "$work/t" >>"$out"
}
# The commands timed, as programs (/usr/bin/time runs programs, not shell functions).
mkdir -p "$work/bin"
printf '#!/usr/bin/env bash\nexec "%s/newsletter" "$@"\n' "$root" >"$work/bin/ours"
printf '#!/usr/bin/env bash\nexec java -XX:+UseSerialGC -Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider ${BASELINE_JAVA_OPTS:-} -jar "%s" "$@"\n' \
  "$baseline" >"$work/bin/old"
printf '#!/usr/bin/env python3\nimport csv, sys\nwith open(sys.argv[1], newline="", encoding="utf-8") as f:\n    for row in csv.reader(f): pass\n' \
  >"$work/bin/python_read"
# lint exits 1 for warnings (the generated list has one: an active address that is suppressed)
for who in ours old; do
  printf '#!/usr/bin/env bash\n%s subscribers lint "$@" || [ $? = 1 ]\n' "$who" >"$work/bin/${who}_lint"
done
chmod +x "$work/bin/"*
export PATH="$work/bin:$PATH"
# median of column $2 of file $1
median() { sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

echo "the sample, --dry-run and --version, $runs runs each, interleaved..." >&2
for i in $(seq "$runs"); do
  for who in ours ${baseline:+old}; do
    timed "$work/send.$who" "$(fresh_project "$who")" "$who" send issues/2024-fall.yaml --yes
    timed "$work/dry.$who" "$(fresh_project "$who")" "$who" send issues/2024-fall.yaml --dry-run
    timed "$work/version.$who" "$work" "$who" --version
  done
done

# The sends into smtp-sink, through bench/run.sh, which runs ours through the launcher.
sends="30000 100000"
[ -n "${QUICK:-}" ] && sends="30000"
sends="${SENDS-$sends}" # SENDS="" skips them
for n in $sends; do
  echo "$n people into smtp-sink (bench/run.sh)..." >&2
  "$root/bench/run.sh" "$n" 4 >"$work/run.$n" 2>"$work/run.$n.err" || {
    cat "$work/run.$n.err" >&2; exit 1; }
  if [ -n "$baseline" ]; then
    BENCH_JAR="$baseline" "$root/bench/run.sh" "$n" 4 >"$work/run.$n.old" 2>"$work/run.$n.old.err" || {
      cat "$work/run.$n.old.err" >&2; exit 1; }
  fi
done
field() { grep -F "$2" "$1" | awk -F'|' '{gsub(/ /, "", $3); print $3}'; }

echo "lint of $rows rows (-Xmx256m) against Python's csv..." >&2
lint="$work/lint"
mkdir -p "$lint/classes" "$lint/config" "$lint/subscribers"
javac -d "$lint/classes" "$root/bench/GenerateSubscribers.java"
java -cp "$lint/classes" GenerateSubscribers "$lint/subscribers/bench.csv" "$rows" >/dev/null
printf 'email,reason,suppressed_at\nana.10@dept10.example.org,unsubscribed,2024-10-15T13:40:00Z\n' \
  >"$lint/subscribers/suppressed.csv"
printf 'newsletter:\n  name: The PDL Packet\n  from: "The PDL Packet <packet@pdl.example.org>"\n  list: bench\n  listId: packet.pdl.example.org\n  baseUrl: https://pdl.example.org/newsletter\nsmtp:\n  mode: capture\n' \
  >"$lint/config/newsletter.yaml"
for i in 1 2 3; do
  NEWSLETTER_JAVA_OPTS=-Xmx256m timed "$work/lint.ours" "$lint" ours_lint
  [ -n "$baseline" ] && BASELINE_JAVA_OPTS=-Xmx256m timed "$work/lint.old" "$lint" old_lint
  timed "$work/lint.python" "$lint" python_read "$lint/subscribers/bench.csv"
done

# The table.
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
row() { printf '| %-46s | %10s | %-26s | %6s | %-8s | %10s |\n' "$@"; }
echo
echo "bench/startup.sh: $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo
row "what" "newsletter" "reference" "ratio" "goal" "baseline"
printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..48})" "------------" "----------------------------" "--------" "----------" "------------"
b() { [ -n "$baseline" ] && echo "$1" || echo "-"; }
row "send, 5-person sample, capture: wall (s)" "$(median "$work/send.ours" 1)" "goal" "" "<= 0.8" \
  "$(b "$(median "$work/send.old" 1 2>/dev/null)")"
row "send, 5-person sample, capture: CPU (s)" "$(median "$work/send.ours" 2)" "" "" "" \
  "$(b "$(median "$work/send.old" 2 2>/dev/null)")"
row "send --dry-run, sample: wall (s)" "$(median "$work/dry.ours" 1)" "" "" "" \
  "$(b "$(median "$work/dry.old" 1 2>/dev/null)")"
row "--version: wall (s)" "$(median "$work/version.ours" 1)" "" "" "" \
  "$(b "$(median "$work/version.old" 1 2>/dev/null)")"
for n in $sends; do
  goal="0.5"
  [ "$n" = 100000 ] && goal="0.7"
  ours_rate="$(field "$work/run.$n" "msg/s (whole process)")"
  source_rate="$(field "$work/run.$n" "smtp-source msg/s")"
  old_ratio="-"
  [ -n "$baseline" ] && old_ratio="$(field "$work/run.$n.old" "ratio send / smtp-source (whole process)")"
  row "$n people into smtp-sink, whole process (msg/s)" "$ours_rate" "smtp-source -d: $source_rate" \
    "$(ratio "$ours_rate" "$source_rate")" ">= $goal" "$old_ratio"
  row "  $n: sending phase only (msg/s)" "$(field "$work/run.$n" "msg/s (sending phase)")" "" \
    "$(field "$work/run.$n" "ratio send / smtp-source (sending phase)")" "" ""
  row "  $n: peak RSS (MB), heap cap 256 MB" "$(field "$work/run.$n" "peak RSS (MB)")" "" "" "" \
    "$(b "$(field "$work/run.$n.old" "peak RSS (MB)" 2>/dev/null)")"
done
lint_ours="$(median "$work/lint.ours" 1)"
lint_python="$(median "$work/lint.python" 1)"
row "subscribers lint, $rows rows, -Xmx256m: wall (s)" "$lint_ours" "python csv read: $lint_python" \
  "$(ratio "$lint_ours" "$lint_python")" "<= 3" "$(b "$(median "$work/lint.old" 1 2>/dev/null)")"
row "  lint: CPU (s)" "$(median "$work/lint.ours" 2)" "python csv read: $(median "$work/lint.python" 2)" \
  "$(ratio "$(median "$work/lint.ours" 2)" "$(median "$work/lint.python" 2)")" "" \
  "$(b "$(median "$work/lint.old" 2 2>/dev/null)")"
echo
echo "wall and CPU (user + system) of the whole process; medians of $runs (sample, --version) and 3 (lint) runs."
echo "ratio: newsletter / reference (for the sends: messages per second, higher is better; for lint: time, lower is better)."
