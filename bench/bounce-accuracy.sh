#!/usr/bin/env bash
# Accuracy of `inbox scan` against a folder of real bounces whose right answers you know. It holds
# no messages: bring your own maildir (new/ and cur/) and a tab-separated expected file,
#
#   file  recipient  status  kind  [note]
#
# one line per (message, recipient): `file` is the message's name in the maildir, `status` the
# enhanced status code or `-` (not checked), `kind` one of our kinds, or several joined by `|` when
# either is right (an account "suspended" may be read either way). Lines starting with `file` or `#`
# are skipped. It prints the share of recipients found, status codes and kinds right, the confusion
# table (expected kind by our kind), and each mistake, worst first: a good reader suppressed (read as
# a hard bounce or a complaint when it is neither), then hard read as soft, then the rest.
#
#   bench/bounce-accuracy.sh MAILDIR EXPECTED.tsv
#
# Set JAR to use a jar already built (default: target/newsletter.jar, built when missing).
set -euo pipefail
maildir=$(cd "$1" && pwd)
expected=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${JAR:-$root/target/newsletter.jar}
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -B -q ${MVNW_FLAGS:-} -Dmaven.test.skip=true package)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project/config" "$work/project/subscribers"
cat > "$work/project/config/newsletter.yaml" <<'YAML'
newsletter:
  name: Accuracy
  from: "Accuracy <news@example.org>"
  list: accuracy
  listId: accuracy.example.org
  baseUrl: https://example.org/news
smtp:
  mode: capture
YAML
(cd "$work/project" && java -jar "$jar" inbox scan --maildir "$maildir" --format json) > "$work/scan.jsonl"
python3 - "$work/scan.jsonl" "$expected" <<'PY'
import json, sys, collections
found = collections.defaultdict(list)
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if line:
        f = json.loads(line)
        found[f["source"]].append(f)
rows = []
for line in open(sys.argv[2], encoding="utf-8"):
    if not line.strip() or line.startswith("#") or line.startswith("file\t"):
        continue
    cols = line.rstrip("\n").split("\t")
    rows.append(cols[:4] + [cols[4] if len(cols) > 4 else ""])
n = len(rows); got_rcpt = got_status = status_checked = got_kind = 0
confusion = collections.Counter(); mistakes = []
def short(kind):
    return kind.replace("-bounce", "")
for name, rcpt, status, kind, note in rows:
    ours = found.get(name, [])
    match = next((f for f in ours if (f["recipient"] or "") == rcpt.lower()), None)
    if match is None and len(ours) == 1 and rows.count is not None and sum(1 for r in rows if r[0] == name) == 1:
        match_kind = ours[0]
    else:
        match_kind = match
    if match is not None:
        got_rcpt += 1
    else:
        mistakes.append((3, name, rcpt, "recipient not found; ours: " + ", ".join(
            f"{f['recipient']} {f['kind']} {f['status']}" for f in ours)))
    f = match_kind
    our_kind = f["kind"] if f else "missing"
    our_status = f["status"] if f else None
    if status != "-":
        status_checked += 1
        if our_status == status:
            got_status += 1
        else:
            mistakes.append((4, name, rcpt, f"status {our_status}, expected {status}"))
    wanted = kind.split("|")
    confusion[(wanted[0] if len(wanted) == 1 else "either", our_kind if our_kind in wanted or len(wanted) == 1 else "other:" + our_kind)] += 1
    if our_kind in wanted:
        got_kind += 1
    else:
        rank = 1 if our_kind in ("hard-bounce", "complaint") else 2 if "hard-bounce" in wanted and our_kind == "soft-bounce" else 3
        mistakes.append((rank, name, rcpt, f"kind {our_kind}, expected {kind} ({note}); diagnostic: {((f or {}).get('diagnostic') or '')[:160]!r}"))
pct = lambda a, b: f"{a}/{b} ({100.0 * a / b:.1f}%)" if b else "0/0"
messages = len({r[0] for r in rows})
print(f"messages: {messages}, expected lines (message, recipient): {n}")
print(f"recipient found: {pct(got_rcpt, n)}")
print(f"status equal:    {pct(got_status, status_checked)} (of lines with a status to check)")
print(f"kind equal:      {pct(got_kind, n)}")
soft_hard = sum(1 for m in mistakes if m[0] == 1)
hard_soft = sum(1 for m in mistakes if m[0] == 2)
print(f"suppressed wrongly (read as hard bounce or complaint, and it is neither): {soft_hard}")
print(f"hard read as soft: {hard_soft}")
print("\nconfusion (expected -> ours): count")
for (e, o), c in sorted(confusion.items()):
    print(f"  {e:12} -> {o:24} {c}")
labels = {1: "WRONGLY SUPPRESSED", 2: "HARD->SOFT", 3: "KIND/RCPT", 4: "STATUS"}
print("\nmistakes, worst first:")
for rank, name, rcpt, what in sorted(mistakes):
    print(f"  [{labels[rank]}] {name} {rcpt}: {what}")
PY
