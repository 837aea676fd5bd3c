#!/usr/bin/env bash
# Sending benchmark: Postfix's smtp-source (the physical limit of SMTP on this machine) against our
# `send` of personalised messages, same message size, same number of connections, both into one
# smtp-sink on a free loopback port. Prints messages per second for each, our ratio, and our peak
# RSS and heap. Not part of `./mvnw verify`.
#
# Our send runs through ./newsletter, with its JVM options (serial GC, JIT options, class-data archive),
# heap capped at 256 MB.
# Usage: bench/run.sh [MESSAGES (default 100000)] [CONNECTIONS (default 4)]
#        DKIM=1 bench/run.sh ...   signs every message (RSA-2048, a key made for the run)
#        DKIM=ed25519 bench/run.sh ...   signs every message with an Ed25519 key instead
#        BENCH_JAVA_OPTS='-XX:StartFlightRecording=filename=/tmp/send.jfr' bench/run.sh ...   profiles our send
#        ENCLOSURES=1 bench/run.sh ...   also sends with a 50 KB embedded picture (images: embed) and a
#          200 KB attachment, in the same run, and prints both rates and their ratio (the shared parts
#          are encoded once per mailing, so the rate should stay within 20 % of the plain one)
#        BENCH_JAR=/tmp/before.jar bench/run.sh ...   measures that jar instead of building this tree
#          (to compare two versions in one sitting: build and copy the old jar first)
# Needs root for apt-get (installs Debian's postfix package for smtp-sink/smtp-source if missing;
# installing starts no mail daemon here, and the script stops one if it finds it).
set -euo pipefail
messages="${1:-100000}"
connections="${2:-4}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/newsletter-bench.XXXXXX)"
sink_pid=""

cleanup() {
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
  stop_postfix_daemon
  rm -rf "$work"
}
trap cleanup EXIT

stop_postfix_daemon() {
  # only the tools are wanted: never leave Postfix's own daemon (master) running
  if pgrep -x master >/dev/null 2>&1; then
    postfix stop >/dev/null 2>&1 || true
  fi
}

if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
  export PATH="$PATH:/usr/sbin"
fi
if ! command -v smtp-sink >/dev/null || ! command -v smtp-source >/dev/null; then
  echo "installing Debian's postfix package (for smtp-sink and smtp-source)..." >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >/dev/null
  export PATH="$PATH:/usr/sbin"
fi
stop_postfix_daemon
if [ ! -x /usr/bin/time ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
fi

if [ -n "${BENCH_JAR:-}" ]; then
  jar="$(realpath "$BENCH_JAR")"
else
  echo "building..." >&2
  (cd "$root" && ./mvnw -B -q ${MVNW_FLAGS:-} -DskipTests package)
  jar="$root/target/newsletter.jar"
fi
echo "measuring $jar" >&2
# How our send runs. This tree: through the launcher (./newsletter), so with exactly its JVM options
# (serial GC, the JIT options, the class-data archive) plus -Xmx256m and ours from BENCH_JAVA_OPTS
# (NEWSLETTER_JAVA_OPTS comes after the launcher's). Another jar (BENCH_JAR): as the old launcher
# ran it, java -jar with serial GC and the StreamProvider property.
# $work/send EXTRA_JAVA_OPTIONS ARGS... runs our command (a program, for /usr/bin/time).
if [ -n "${BENCH_JAR:-}" ]; then
  printf '#!/usr/bin/env bash\nextra="$1"; shift\nexec java -XX:+UseSerialGC -Xmx256m $extra %s -Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider -jar "%s" "$@"\n' \
    "${BENCH_JAVA_OPTS:-}" "$jar" >"$work/send"
else
  "$root/newsletter" --version >/dev/null # makes the class-data archive, once per build
  printf '#!/usr/bin/env bash\nextra="$1"; shift\nNEWSLETTER_JAVA_OPTS="-Xmx256m $extra %s" exec "%s/newsletter" "$@"\n' \
    "${BENCH_JAVA_OPTS:-}" "$root" >"$work/send"
fi
chmod +x "$work/send"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"

# The project: the sample issue and templates, $messages active subscribers, relay to the sink.
project="$work/project"
mkdir -p "$project/config" "$project/subscribers"
cp -r "$root/issues" "$root/templates" "$project/"
cat >"$project/config/newsletter.yaml" <<YAML
newsletter:
  name: The PDL Packet
  from: "The PDL Packet <packet@pdl.example.org>"
  list: pdl-packet
  listId: packet.pdl.example.org
  baseUrl: https://pdl.example.org/newsletter
smtp:
  mode: relay
  host: 127.0.0.1
  port: $port
  tls: none
  connections: $connections
  timeoutSeconds: 30
unsubscribe:
  secretEnv: NEWSLETTER_UNSUBSCRIBE_SECRET
YAML
python3 - "$project/subscribers/pdl-packet.csv" "$messages" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("email,name,status,subscribed_at,tags\n")
    for i in range(1, int(sys.argv[2]) + 1):
        f.write(f"reader{i}@example.org,Reader Number{i},active,2024-01-01,\n")
PY
export NEWSLETTER_UNSUBSCRIBE_SECRET="bench-secret-of-at-least-16-bytes"
if [ "${DKIM:-0}" != 0 ]; then
  algorithm=rsa
  [ "$DKIM" = ed25519 ] && algorithm=ed25519
  (cd "$project" && java -jar "$jar" dkim keygen --selector bench --algorithm "$algorithm" >/dev/null)
  printf 'dkim:\n  domain: pdl.example.org\n  selector: bench\n  privateKey: config/dkim-bench.pem\n' \
    >>"$project/config/newsletter.yaml"
  echo "DKIM on: every message is signed ($algorithm)" >&2
fi

if [ "${ENCLOSURES:-0}" != 0 ]; then
  # The same project again, with a 50 KB picture embedded in every message and a 200 KB attachment.
  enclosed="$work/enclosed"
  cp -r "$project" "$enclosed"
  python3 - "$enclosed/issues/2024-fall" <<'PY'
import os, random, struct, sys, zlib
folder = sys.argv[1]
rng = random.Random(50)
width, height = 250, 200  # 8-bit grey noise: does not compress, so the file is about 50 KB
rows = b"".join(b"\0" + bytes(rng.getrandbits(8) for _ in range(width)) for _ in range(height))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))
open(os.path.join(folder, "bench-noise.png"), "wb").write(png)
open(os.path.join(folder, "bench-attachment.pdf"), "wb").write(b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(200 * 1024 - 9)))
PY
  python3 - "$enclosed/issues/2024-fall.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace("intro: |\n", "intro: |\n  ![Grey noise, 50 KB, for the benchmark](2024-fall/bench-noise.png)\n\n", 1)
text += "attachments:\n  - 2024-fall/bench-attachment.pdf\n"
open(path, "w", encoding="utf-8").write(text)
PY
  printf '\nimages: embed\n' >>"$enclosed/config/newsletter.yaml"
  echo "ENCLOSURES on: a second send with $(stat -c %s "$enclosed/issues/2024-fall/bench-noise.png") bytes embedded and $(stat -c %s "$enclosed/issues/2024-fall/bench-attachment.pdf") attached" >&2
fi

# The message size: one rendered message of the sample issue, as sent.
(cd "$project" && java -jar "$jar" render issues/2024-fall.yaml --subscriber reader1@example.org \
  --out "$work/render" >/dev/null)
size="$(stat -c %s "$(ls "$work"/render/*.eml | head -1)")"

smtp-sink -u nobody "127.0.0.1:$port" 1024 &
sink_pid=$!
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" 2>/dev/null && break
  sleep 0.1
done

now() { date +%s.%N; }

echo "smtp-source: $messages messages of $size bytes over $connections connections (-d: reused)..." >&2
load_before="$(cut -d' ' -f1 /proc/loadavg)"
t0="$(now)"
/usr/bin/time -f '%U %S' -o "$work/source-cpu.txt" smtp-source -d -s "$connections" -m "$messages" \
  -l "$size" -f packet@pdl.example.org -t reader@example.org "127.0.0.1:$port"
t1="$(now)"
source_rate="$(python3 -c "print(round($messages / ($t1 - $t0), 1))")"

echo "newsletter send: $messages personalised messages over $connections connections..." >&2
t0="$(now)"
(cd "$project" && /usr/bin/time -v -o "$work/time.txt" "$work/send" -Xlog:gc:file="$work/gc.log" \
  send issues/2024-fall.yaml --yes >"$work/send.out" 2>"$work/send.err") || {
  cat "$work/send.out" "$work/send.err" >&2; exit 1; }
t1="$(now)"
summary="$(tail -1 "$work/send.out")"
engine_rate="$(sed -E 's/.* ([0-9.]+) messages\/s.*/\1/' <<<"$summary")"
wall_rate="$(python3 -c "print(round($messages / ($t1 - $t0), 1))")"
rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
user_s="$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")"
sys_s="$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")"
cpu_us="$(python3 -c "print(round(($user_s + $sys_s) * 1e6 / $messages))")"
echo "user ${user_s}s sys ${sys_s}s" >&2
source_cpu_us="$(python3 -c "u, s = map(float, open('$work/source-cpu.txt').read().split()); print(round((u + s) * 1e6 / $messages))")"
load_after="$(cut -d' ' -f1 /proc/loadavg)"
heap_mb="$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed -E 's/M->.*//' | sort -n | tail -1)"
live_mb="$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)"

if [ "${ENCLOSURES:-0}" != 0 ]; then
  (cd "$enclosed" && java -jar "$jar" render issues/2024-fall.yaml --subscriber reader1@example.org \
    --out "$work/render-enclosed" >/dev/null)
  enclosed_size="$(stat -c %s "$(ls "$work"/render-enclosed/*.eml | head -1)")"
  echo "smtp-source: $messages messages of $enclosed_size bytes (the wire's limit at that size)..." >&2
  e0="$(now)"
  smtp-source -d -s "$connections" -m "$messages" -l "$enclosed_size" -f packet@pdl.example.org \
    -t reader@example.org "127.0.0.1:$port"
  e1="$(now)"
  enclosed_source_rate="$(python3 -c "print(round($messages / ($e1 - $e0), 1))")"
  echo "newsletter send with the picture and the attachment: $messages messages of $enclosed_size bytes..." >&2
  (cd "$enclosed" && "$work/send" "" send issues/2024-fall.yaml --yes \
    >"$work/send-enclosed.out" 2>"$work/send-enclosed.err") || {
    cat "$work/send-enclosed.out" "$work/send-enclosed.err" >&2; exit 1; }
  enclosed_summary="$(tail -1 "$work/send-enclosed.out")"
  enclosed_rate="$(sed -E 's/.* ([0-9.]+) messages\/s.*/\1/' <<<"$enclosed_summary")"
fi
echo
echo "$summary"
echo
printf '| %-44s | %12s |\n' "what" "result"
printf '|%s|%s|\n' "----------------------------------------------" "--------------"
printf '| %-44s | %12s |\n' "message size (bytes)" "$size"
printf '| %-44s | %12s |\n' "connections" "$connections"
printf '| %-44s | %12s |\n' "smtp-source msg/s (-d, reused connections)" "$source_rate"
printf '| %-44s | %12s |\n' "newsletter send msg/s (sending phase)" "$engine_rate"
printf '| %-44s | %12s |\n' "newsletter send msg/s (whole process)" "$wall_rate"
printf '| %-44s | %12s |\n' "ratio send / smtp-source (sending phase)" \
  "$(python3 -c "print(round($engine_rate / $source_rate, 2))")"
printf '| %-44s | %12s |\n' "ratio send / smtp-source (whole process)" \
  "$(python3 -c "print(round($wall_rate / $source_rate, 2))")"
printf '| %-44s | %12s |\n' "CPU per message, smtp-source (us)" "$source_cpu_us"
printf '| %-44s | %12s |\n' "CPU per message, newsletter send (us)" "$cpu_us"
printf '| %-44s | %12s |\n' "load average before / after (2 cores)" "$load_before / $load_after"
printf '| %-44s | %12s |\n' "peak RSS (MB)" "$((rss_kb / 1024))"
printf '| %-44s | %12s |\n' "peak heap before GC / max live after GC (MB)" "${heap_mb:-?} / ${live_mb:-?}"
printf '| %-44s | %12s |\n' "heap cap" "-Xmx256m"
if [ "${ENCLOSURES:-0}" != 0 ]; then
  printf '| %-44s | %12s |\n' "with 50 KB embedded + 200 KB attached: size" "$enclosed_size"
  printf '| %-44s | %12s |\n' "with them: newsletter send msg/s (sending)" "$enclosed_rate"
  printf '| %-44s | %12s |\n' "ratio with / without them (sending phase)" \
    "$(python3 -c "print(round($enclosed_rate / $engine_rate, 2))")"
  printf '| %-44s | %12s |\n' "with them: smtp-source msg/s at that size" "$enclosed_source_rate"
  printf '| %-44s | %12s |\n' "with them: ratio send / smtp-source" \
    "$(python3 -c "print(round($enclosed_rate / $enclosed_source_rate, 2))")"
fi
