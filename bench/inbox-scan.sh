#!/usr/bin/env bash
# Benchmark of `inbox scan` (issue 12): generate COUNT bounce messages (default 10,000) into a
# maildir — a mix of RFC 3464 reports (Postfix, hard and soft), Exim, qmail, Sendmail, Exchange,
# Gmail and Amazon SES texts, ARF complaints, auto-replies, person's mail, and bounces that quote
# nothing but come to the VERP address (sending.returnPath) — and journals of three issues that sent
# them, then time `inbox scan --maildir DIR --format json` with the JVM heap capped at 256 MB.
# Goal on the reference machine (2 cores): 10,000 messages in under 20 s.
#
#   bench/inbox-scan.sh [COUNT]
#
# Set MVNW_FLAGS=-o to build offline. Not part of `./mvnw verify`: this is a benchmark, not a test.
set -euo pipefail

count=${1:-10000}
heap=${HEAP:-256m}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "building the jar ..." >&2
./mvnw -B -q ${MVNW_FLAGS:-} -Dmaven.test.skip=true package

work=$(mktemp -d)
[ -n "${KEEP:-}" ] && echo "keeping $work" >&2 || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project/config" "$work/project/subscribers" "$work/Maildir/new" "$work/Maildir/cur" "$work/Maildir/tmp"
cat > "$work/project/config/newsletter.yaml" <<'YAML'
newsletter:
  name: The PDL Packet
  from: "The PDL Packet <packet@pdl.example.org>"
  list: bench
  listId: packet.pdl.example.org
  baseUrl: https://pdl.example.org/newsletter
smtp:
  mode: capture
sending:
  returnPath: bounces+{token}@pdl.example.org
YAML
export NEWSLETTER_UNSUBSCRIBE_SECRET=bench-secret-0123456789abcdef

echo "generating $count messages ..." >&2
python3 - "$work" "$count" <<'PY'
import base64, hashlib, hmac, json, os, sys
work, count = sys.argv[1], int(sys.argv[2])
issues, lst, domain = ["2024-fall", "2024-winter", "2025-spring"], "bench", "pdl.example.org"
secret = os.environ["NEWSLETTER_UNSUBSCRIBE_SECRET"].encode()
issue = issues[0]
def mid(email, issue=issues[0]):
    # as MessageIds: keyed with the secret (a plain SHA-256 would be an id from before ids were keyed,
    # which inbox scan attributes but lets suppress no one)
    mac = hmac.new(secret, b"newsletter-message-id-v1\0" + (lst + "\n" + email).encode(), hashlib.sha256)
    return "<%s.%s@%s>" % (issue, mac.hexdigest()[:16], domain)
def verp(email, issue):
    # as ReturnPathTokens: base32(tag 4 | id hash 8 | MAC 8), lower case
    m = mid(email, issue)
    tag = hashlib.sha256(issue.encode()).digest()[:4]
    idh = bytes.fromhex(m[:m.index("@")].rsplit(".", 1)[1])
    mac = hmac.new(secret, b"newsletter-return-path-v1\0" + m.encode() + b"\n" + email.lower().encode(), hashlib.sha256).digest()[:8]
    return "bounces+%s@%s" % (base64.b32encode(tag + idh + mac).decode().lower(), domain)
def original(to):
    return ("Return-Path: <bounces@pdl.example.org>\nReceived: from mail.pdl.example.org (mail.pdl.example.org [198.51.100.7])\n"
            "\tby mx.example.com with ESMTPS id 4Xy; Mon, 4 Nov 2024 09:00:00 +0000\n"
            "From: The PDL Packet <packet@pdl.example.org>\nTo: %s\nSubject: The PDL Packet, fall 2024\n"
            "Message-ID: %s\nList-Id: <packet.pdl.example.org>\nDate: Mon, 04 Nov 2024 09:00:00 +0000\n"
            "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n%s\n") % (to, mid(to), "Hello, readers. " * 60)
def dsn(to, status, diag):
    return ("From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\nTo: bounces@pdl.example.org\n"
            "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\n"
            "Content-Type: text/plain\n\nThis is the mail system at host mx.example.com.\n\n<%s>: %s\n\n--B\n"
            "Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\n"
            "Final-Recipient: rfc822; %s\nAction: failed\nStatus: %s\nDiagnostic-Code: smtp; %s\n\n--B\n"
            "Content-Type: message/rfc822\n\n%s\n--B--\n") % (to, diag, to, status, diag, original(to))
def exim(to):
    return ("From: Mail Delivery System <Mailer-Daemon@mx.example.net>\nTo: bounces@pdl.example.org\n"
            "Subject: Mail delivery failed: returning message to sender\nX-Failed-Recipients: %s\n\n"
            "This message was created automatically by mail delivery software.\n\nA message that you sent could not be"
            " delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n"
            "  %s\n    host mx.example.net [192.0.2.9]\n    SMTP error from remote mail server after RCPT TO:<%s>:\n"
            "    550 5.1.1 No such user\n\n------ This is a copy of the message, including all the headers. ------\n\n%s") % (to, to, to, original(to))
def qmail(to):
    return ("From: MAILER-DAEMON@qmail.example.com\nTo: bounces@pdl.example.org\nSubject: failure notice\n\n"
            "Hi. This is the qmail-send program at qmail.example.com.\nI'm afraid I wasn't able to deliver your message to the"
            " following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<%s>:\n"
            "192.0.2.3 does not like recipient.\nRemote host said: 552 sorry, mailbox full (#5.2.2)\nGiving up on 192.0.2.3.\n\n"
            "--- Below this line is a copy of the message.\n\n%s") % (to, original(to))
def exchange(to):
    return ("From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\nTo: bounces@pdl.example.org\n"
            "Subject: Undeliverable: The PDL Packet, fall 2024\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"M\"\n\n"
            "--M\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>Delivery has failed to these recipients or groups:</p>"
            "<p>%s<br>The email address you entered couldn't be found.</p><p>Remote Server returned '550 5.1.10 "
            "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'</p></body></html>\n"
            "--M\nContent-Type: message/rfc822\n\n%s\n--M--\n") % (to, original(to))
def arf(to):
    return ("From: feedback@example.net\nTo: abuse@pdl.example.org\nSubject: Abuse report\nMIME-Version: 1.0\n"
            "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F\"\n\n--F\nContent-Type: text/plain\n\n"
            "An abuse report.\n\n--F\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent: ExampleFBL/1.0\n"
            "Version: 1\nOriginal-Rcpt-To: %s\n\n--F\nContent-Type: message/rfc822\n\n%s\n--F--\n") % (to, original(to))
def vacation(to):
    return ("From: %s\nTo: packet@pdl.example.org\nSubject: Out of Office: The PDL Packet, fall 2024\n"
            "Auto-Submitted: auto-replied\nIn-Reply-To: %s\n\nI am away until Monday.\n") % (to, mid(to))
def sendmail(to):
    return ("From: Mail Delivery Subsystem <MAILER-DAEMON@smtp.example.edu>\nTo: <bounces@pdl.example.org>\n"
            "Subject: Returned mail: see transcript for details\nAuto-Submitted: auto-generated (failure)\n"
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"S\"\n\n--S\n\n"
            "The original message was received at Mon, 4 Nov 2024 09:00:01 GMT\n\n   ----- The following addresses had permanent fatal errors -----\n"
            "<%s>\n    (reason: 550 5.1.1 <%s>... User unknown)\n\n   ----- Transcript of session follows -----\n"
            "... while talking to mx.example.edu.:\n>>> RCPT To:<%s>\n<<< 550 5.1.1 <%s>... User unknown\n\n"
            "--S\nContent-Type: text/rfc822-headers\n\n%s--S--\n") % (to, to, to, to, original(to).split("\n\n")[0] + "\n")
def gmail(to):
    return ("From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: bounces@pdl.example.org\n"
            "Subject: Delivery Status Notification (Failure)\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
            "** Address not found **\n\nYour message wasn't delivered to %s because the address couldn't be found, "
            "or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The email account that you tried "
            "to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.\n\n"
            "----- Original message -----\n\n%s") % (to, original(to))
def ses(to):
    return ("From: MAILER-DAEMON@amazonses.com\nTo: bounces@pdl.example.org\nSubject: Delivery Status Notification (Failure)\n"
            "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"A\"\n\n--A\n"
            "Content-Type: text/plain; charset=UTF-8\n\nAn error occurred while trying to deliver the mail to the following recipients:\n%s\n\n"
            "--A\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; a1-2.smtp-out.amazonses.com\n\n"
            "Final-Recipient: rfc822; %s\nAction: failed\nStatus: 5.7.1\nDiagnostic-Code: smtp; 554 5.7.1 Message rejected as spam\n\n"
            "--A\nContent-Type: text/rfc822-headers\n\n%s\n--A--\n") % (to, to, original(to).split("\n\n")[0])
def verp_only(to, n):
    # quotes nothing: only the address it came to says whom it is about
    issue = issues[n % 3]
    return ("Return-Path: <>\nDelivered-To: %s\nFrom: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: %s\n"
            "Subject: Undelivered Mail Returned to Sender\n\nThis is the mail system at host mx.example.net.\n\n"
            "I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
            "host mx.example.net[192.0.2.1] said: 550 5.1.1 mailbox unavailable (in reply to RCPT TO command)\n") % (verp(to, issue), verp(to, issue))
def person(to):
    return "From: %s\nTo: packet@pdl.example.org\nSubject: Re: The PDL Packet, fall 2024\nIn-Reply-To: %s\n\nThanks, great issue!\n" % (to, mid(to))
kinds = [lambda t, n: dsn(t, "5.1.1", "550 5.1.1 <%s>: Recipient address rejected: User unknown" % t),
         lambda t, n: dsn(t, "5.2.2", "552 5.2.2 Mailbox full"),
         lambda t, n: exim(t), lambda t, n: qmail(t), lambda t, n: exchange(t), lambda t, n: arf(t),
         lambda t, n: vacation(t), lambda t, n: sendmail(t), lambda t, n: gmail(t), lambda t, n: ses(t),
         verp_only, verp_only, lambda t, n: person(t)]
for each in issues:
    os.makedirs(os.path.join(work, "project/var/deliveries", each), exist_ok=True)
    with open(os.path.join(work, "project/var/deliveries", each, lst + ".jsonl"), "w") as journal:
        for i in range(count):
            to = "reader%d@example%d.com" % (i, i % 50)
            journal.write(json.dumps({"type": "attempt", "time": "2024-11-04T09:00:00Z", "email": to,
                                      "messageId": mid(to, each), "attempt": 1}) + "\n")
if True:
    for i in range(count):
        to = "reader%d@example%d.com" % (i, i % 50)
        folder = "new" if i % 2 == 0 else "cur"
        name = "17307%05d.M%dP%d.mx.example.com" % (i, i, i) + ("" if folder == "new" else ":2,S")
        with open(os.path.join(work, "Maildir", folder, name), "w") as f:
            f.write(kinds[i % len(kinds)](to, i))
PY
size=$(du -sm "$work/Maildir" | cut -f1)

echo "scanning ..." >&2
start=$(date +%s%N)
/usr/bin/time -f "%U %S %M" -o "$work/time.txt" \
  java -XX:+UseSerialGC -Xmx"$heap" -jar target/newsletter.jar inbox scan \
  --config "$work/project/config/newsletter.yaml" --maildir "$work/Maildir" --format json \
  > "$work/out.jsonl" 2> "$work/err.txt"
end=$(date +%s%N)
seconds=$(awk "BEGIN {printf \"%.2f\", ($end - $start) / 1e9}")

lines=$(wc -l < "$work/out.jsonl")
attributed=$(grep -c '"issue":"20' "$work/out.jsonl" || true)
verp=$(grep -c 'mailbox unavailable' "$work/out.jsonl" || true)
verp_attributed=$(grep 'mailbox unavailable' "$work/out.jsonl" | grep -c '"issue":"20' || true)
row() { printf '| %-36s | %-40s |\n' "$1" "$2"; }
echo
row "what" "figure"
row "------------------------------------" "----------------------------------------"
row "messages in the maildir" "$count ($size MB)"
row "JVM heap" "$heap"
row "inbox scan --maildir --format json" "$seconds s (JVM start included)"
row "CPU time (user + system)" "$(awk '{printf "%.2f s (peak RSS %d MB)", $1 + $2, $3 / 1024}' "$work/time.txt")"
row "load average when it ran" "$(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores"
row "messages per second" "$(awk "BEGIN {printf \"%.0f\", $count / $seconds}")"
row "lines" "$lines"
row "lines attributed to issue and list" "$attributed"
row "VERP-only bounces attributed" "$verp_attributed of $verp"
for kind in hard-bounce soft-bounce complaint auto-reply unsubscribe other; do
  row "  $kind" "$(grep -c "\"kind\":\"$kind\"" "$work/out.jsonl" || true)"
done
for action in suppress count unsubscribe none; do
  row "  action $action" "$(grep -c "\"action\":\"$action\"" "$work/out.jsonl" || true)"
done
echo
tail -n 1 "$work/err.txt"
