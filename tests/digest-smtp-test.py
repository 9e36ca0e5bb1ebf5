#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The digest end to end: paperboy-cli against a real SMTP server (aiosmtpd,
# STARTTLS and implicit TLS, AUTH, throwaway certificates) and the real
# Secret Service of the session (gnome-keyring), with a fake clock (--now).
# Prints TAP.
#
#   digest-smtp-test.py PAPERBOY-CLI DATA-DIR SUITE
#
# SUITE is "main" (needs an unlocked keyring: headless-session --keyring),
# "no-keyring" (a session bus without any Secret Service) or "locked" (locks
# the keyring, so it runs in a session of its own).

import copy
import email
import email.policy
import glob
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import smtp_server  # noqa: E402

CLI, DATA, SUITE = sys.argv[1], sys.argv[2], sys.argv[3]
# aiosmtpd reports refused TLS handshakes (which the tests cause) at length.
logging.getLogger("mail.log").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore")
SCHEMA = "io.github.paperboy.Paperboy"
WORK = tempfile.mkdtemp(prefix="pb-digest-test-", dir=os.environ.get("PAPERBOY_SESSION_DIR"))
STRICT = email.policy.default.clone(raise_on_defect=True)
DAYS = [f"{DATA}/daily_papers_2026-08-{d}.json" for d in (17, 18, 19, 20)]

# Every password any test uses; none may show up in a file, an output or a log.
SECRETS = set()
OUTPUTS = []


def new_secret(name):
    secret = f"S3cret-{name}-{os.getpid()}-Zq"
    SECRETS.add(secret)
    return secret


class Case:
    def __init__(self, name, tz="UTC"):
        self.name = name
        self.dir = os.path.join(WORK, name)
        os.makedirs(self.dir)
        self.db = os.path.join(self.dir, "papers.db")
        self.env = dict(os.environ,
                        XDG_CONFIG_HOME=os.path.join(self.dir, "config"),
                        GSETTINGS_BACKEND="keyfile", LC_ALL="C.UTF-8", TZ=tz)
        self.env.pop("G_MESSAGES_DEBUG", None)

    def run(self, *args, stdin=None, env=None):
        return subprocess.Popen([CLI, "--db", self.db, *args], env=env or self.env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def cli(self, *args, stdin=None, status=0, env=None):
        p = self.run(*args, env=env)
        out, err = p.communicate(stdin, timeout=120)
        OUTPUTS.append(out + err)
        if status is not None and p.returncode != status:
            raise AssertionError(f"paperboy-cli {' '.join(args)} exited {p.returncode}, "
                                 f"not {status}\nstdout: {out}\nstderr: {err}")
        return out, err

    def run_due(self, now, status=None):
        out, err = self.cli("digest", "run-due", "--json", "--now", now, status=status)
        return json.loads(out)

    def log(self):
        out, _ = self.cli("digest", "log", "--json", "--limit", "100")
        return json.loads(out)

    def set(self, key, value):
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, int):
            text = str(value)
        elif isinstance(value, list):
            text = "[" + ", ".join(quote(v) for v in value) + "]"
        else:
            text = quote(value)
        subprocess.run(["gsettings", "set", SCHEMA, key, text], env=self.env, check=True)

    def import_files(self, *paths):
        self.cli("import", *paths)

    def account(self, server, user, password, ca_file, recipients=("reader@example.com",),
                security=None):
        self.set("smtp-host", "127.0.0.1")
        self.set("smtp-port", server.port if server else smtp_server.free_port())
        self.set("smtp-security", security or (server.mode if server else "starttls"))
        self.set("smtp-username", user)
        self.set("smtp-ca-file", ca_file or "")
        self.set("digest-recipients", list(recipients))
        self.set("digest-enabled", True)
        if password is not None:
            self.cli("account", "set-password", stdin=password + "\n")


def quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def parse(path):
    """Strictly: any defect raises."""
    with open(path, "rb") as f:
        raw = f.read()
    check(b"\n" not in raw.replace(b"\r\n", b""), f"{path}: a bare LF in the message")
    message = email.message_from_bytes(raw, policy=STRICT)
    for part in message.walk():
        check(not part.defects, f"{path}: defects {part.defects}")
    return raw, message


def parts(message):
    check(message.get_content_type() == "multipart/alternative",
          f"content type is {message.get_content_type()}")
    subparts = list(message.iter_parts())
    check([p.get_content_type() for p in subparts] == ["text/plain", "text/html"],
          f"parts are {[p.get_content_type() for p in subparts]}")
    return subparts[0].get_content(), subparts[1].get_content()


def paper_ids(text):
    return re.findall(r"https://huggingface\.co/papers/(\d{4}\.\d{4,5})", text)


# Cases of the main suite


def check_delivered_message(path, sender, recipient, day):
    raw, message = parse(path)
    text, html = parts(message)

    check(str(message["From"]) == f"Paperboy <{sender}>", f"From: {message['From']}")
    check(str(message["To"]) == recipient, f"To: {message['To']}")
    check(message["Date"].datetime is not None, "no Date")
    check(re.fullmatch(rf"<paperboy-digest\.{day}\.[0-9a-f]{{16}}@example\.com>",
                       str(message["Message-ID"])), f"Message-ID: {message['Message-ID']}")
    check(message["Auto-Submitted"] == "auto-generated", "no Auto-Submitted")
    for header in ("Bcc", "Cc", "Reply-To"):
        check(header not in message, f"unexpected {header}")
    check(str(message["Subject"]).startswith("Paperboy, "), f"Subject: {message['Subject']}")

    ids = paper_ids(text)
    check(len(ids) >= 3, "too few papers in the text part")
    check(paper_ids(html)[::1] and set(paper_ids(html)) == set(ids),
          "the parts link different papers")
    for paper in ids:
        for url in (f"https://arxiv.org/abs/{paper}", f"https://arxiv.org/pdf/{paper}"):
            check(url in text and f'href="{url}"' in html, f"no link {url}")
    check("<img" not in html.lower() and "url(" not in html.lower(), "an image in the HTML")
    check("prefers-color-scheme: dark" in html and 'name="color-scheme"' in html,
          "no dark mode")
    check("digest-enabled false" in text and "Preferences" in html, "no way to stop it")
    check("upvotes" in text, "no counts")
    return raw, message, text, html


def case_starttls_delivery():
    c = Case("starttls")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("starttls")
    server = smtp_server.Server("starttls", cert, key, "bob@example.com", password,
                                os.path.join(c.dir, "received"))
    c.account(server, "bob@example.com", password, cert)

    report = c.run_due("2026-08-20T07:59:00")
    check(report["outcome"] == "not-due" and not server.messages, f"before 08:00: {report}")
    report = c.run_due("2026-08-20T09:00:00")
    check(report["outcome"] == "sent" and report["delivered"] == 1, f"at 09:00: {report}")
    check(len(server.messages) == 1, f"{len(server.messages)} messages")

    path, mail_from, rcpt_tos = server.messages[0]
    check(mail_from == "bob@example.com" and rcpt_tos == ["reader@example.com"],
          f"envelope {mail_from} {rcpt_tos}")
    raw, message, text, html = check_delivered_message(path, "bob@example.com",
                                                       "reader@example.com", "2026-08-20")

    # The same day, again: nothing. The preview shows the same Message-ID,
    # which is what lets a re-send after a crash be recognised.
    report = c.run_due("2026-08-20T12:00:00")
    check(report["outcome"] == "not-due" and len(server.messages) == 1, f"again: {report}")
    preview, _ = c.cli("digest", "preview", "--mime", "--now", "2026-08-20T12:00:00")
    check(f"Message-Id: {message['Message-ID']}" in preview, "Message-ID is not per day")

    log = c.log()
    check([a["result"] for a in log["attempts"]] == ["sent"], f"log {log}")
    # Kept in the build tree (G_TEST_BUILDDIR), to read after the run.
    kept = os.path.join(os.environ.get("G_TEST_BUILDDIR", WORK), "digest-delivered-starttls.eml")
    shutil.copy(path, kept)
    print(f"# delivered: {kept}")
    server.stop()


def case_tls_delivery():
    c = Case("tls", tz="Europe/Paris")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("tls")
    server = smtp_server.Server("tls", cert, key, "ann@example.com", password,
                                os.path.join(c.dir, "received"))
    c.account(server, "ann@example.com", password, cert, recipients=("a@example.org",
                                                                      "b@example.org"))
    c.set("digest-time", "07:30")

    # 07:29 in Paris is 05:29 UTC: not yet.
    check(c.run_due("2026-08-19T05:29:00Z")["outcome"] == "not-due", "due before 07:30 Paris")
    report = c.run_due("2026-08-19T05:31:00Z")
    check(report["outcome"] == "sent" and report["delivered"] == 2, f"{report}")
    check(sorted(r[2][0] for r in server.messages) == ["a@example.org", "b@example.org"],
          "one message per recipient")
    ids = set()
    for path, _, rcpt in server.messages:
        _, message, _, _ = check_delivered_message(path, "ann@example.com", rcpt[0],
                                                   "2026-08-19")
        ids.add(str(message["Message-ID"]))
    check(len(ids) == 2, "the two recipients got the same Message-ID")
    server.stop()


def write_evil_list(directory):
    items = json.load(open(DAYS[3], encoding="utf-8"))
    evil = copy.deepcopy(items[0])
    evil["paper"]["id"] = "2608.99999"
    evil["paper"]["title"] = "Evil <script>alert(1)</script> & co\r\nBcc: x@example.com"
    evil["title"] = evil["paper"]["title"]
    evil["paper"]["upvotes"] = 100000
    evil["paper"]["githubRepo"] = "javascript:alert(1)"
    evil["paper"]["ai_summary"] = "Summary with \"quotes\" and <b>tags</b>\r\nTo: y@example.com"
    path = os.path.join(directory, "daily_papers_2026-08-20.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(items + [evil], f)
    return path


def case_header_injection():
    c = Case("injection")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("injection")
    server = smtp_server.Server("starttls", cert, key, "eve@example.com", password,
                                os.path.join(c.dir, "received"))
    c.import_files(write_evil_list(c.dir))
    c.account(server, "eve@example.com", password, cert)
    check(c.run_due("2026-08-20T10:00:00")["outcome"] == "sent", "not sent")

    path, _, rcpt_tos = server.messages[0]
    check(rcpt_tos == ["reader@example.com"], f"recipients {rcpt_tos}")
    raw, message = parse(path)
    text, html = parts(message)
    names = sorted(message.keys())
    check(names == sorted(["Date", "From", "Subject", "To", "Message-Id", "Auto-Submitted",
                           "MIME-Version", "Content-Type"]), f"headers {names}")
    for name in names:
        if name != "Subject":
            check("example.com" not in str(message[name]).replace("reader@example.com", "")
                  .replace("eve@example.com", "").replace("@example.com>", ""),
                  f"{name} holds an injected address: {message[name]}")
    check("Evil" in str(message["Subject"]) and "\n" not in str(message["Subject"]),
          f"Subject: {message['Subject']!r}")
    check("<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html,
          "the title is not escaped in HTML")
    check("<b>tags</b>" not in html and "&lt;b&gt;tags&lt;/b&gt;" in html,
          "the summary is not escaped in HTML")
    check("javascript:" not in html and "javascript:" not in text, "a javascript: link")
    server.stop()


def case_wrong_password():
    c = Case("auth")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    right = new_secret("right")
    wrong = new_secret("wrong")
    server = smtp_server.Server("starttls", cert, key, "dan@example.com", right,
                                os.path.join(c.dir, "received"))
    c.account(server, "dan@example.com", wrong, cert)

    report = c.run_due("2026-08-20T09:00:00", status=1)
    check(report["outcome"] == "failed" and "refused the user name or password" in
          report["message"] and "app password" in report["message"], f"{report}")
    check(server.auth_attempts == ["dan@example.com"] and not server.messages, "attempts")

    # No retry storm: later the same day, the next day, the next week.
    for now in ("2026-08-20T09:10:00", "2026-08-20T15:00:00", "2026-08-24T09:00:00",
                "2026-08-21T09:00:00"):
        report = c.run_due(now, status=0)
        check(report["outcome"] == "paused" and "paused until the password" in report["message"],
              f"{now}: {report}")
    check(len(server.auth_attempts) == 1, f"{len(server.auth_attempts)} logins")

    log = c.log()
    check([a["error_kind"] for a in log["attempts"]] == ["auth"], f"log {log}")
    check(log["paused"] and "refused" in log["paused"], "the log does not say it is paused")

    # A new password lifts the pause: the day's digest goes out.
    c.cli("account", "set-password", stdin=right + "\n")
    report = c.run_due("2026-08-21T09:05:00", status=0)
    check(report["outcome"] == "sent" and len(server.messages) == 1, f"{report}")
    check(c.log()["paused"] is None, "still paused")
    server.stop()


def case_untrusted_certificate():
    c = Case("untrusted")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    other, _ = smtp_server.make_certificate(c.dir, "other")
    password = new_secret("untrusted")
    server = smtp_server.Server("starttls", cert, key, "tom@example.com", password,
                                os.path.join(c.dir, "received"))

    # Another CA, then the system's trust store: both refuse the server.
    for ca_file in (other, ""):
        c.account(server, "tom@example.com", password, ca_file)
        c.cli("digest", "send", status=1)
    report = c.run_due("2026-08-20T09:00:00", status=1)
    check(report["outcome"] == "retry" and "is not trusted" in report["message"], f"{report}")
    check(not server.messages and not server.auth_attempts,
          "the password went to an untrusted server")

    # A certificate for another name, though from the right CA.
    name_cert, name_key = smtp_server.make_certificate(c.dir, "name", san="DNS:mail.example.net")
    server2 = smtp_server.Server("tls", name_cert, name_key, "tom@example.com", password,
                                 os.path.join(c.dir, "received2"))
    c.account(server2, "tom@example.com", None, name_cert)
    out, err = c.cli("digest", "send", status=1)
    check("not trusted" in err and not server2.messages and not server2.auth_attempts, err)
    server.stop()
    server2.stop()


def case_wrong_security():
    c = Case("security")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("security")
    server = smtp_server.Server("starttls", cert, key, "sec@example.com", password,
                                os.path.join(c.dir, "received"))
    c.account(server, "sec@example.com", password, cert, security="tls")
    out, err = c.cli("digest", "send", status=1)
    check("Cannot make a secure connection" in err and "port 465 uses TLS" in err, err)

    # No TLS is for this computer only.
    c.set("smtp-security", "none")
    c.set("smtp-host", "smtp.example.com")
    report = c.run_due("2026-08-20T09:00:00", status=0)
    check(report["outcome"] == "paused" and "STARTTLS or TLS" in report["message"], f"{report}")
    check(not server.messages and not server.auth_attempts, "something was sent")
    server.stop()


def case_recipient_refused():
    c = Case("recipient")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("recipient")
    server = smtp_server.Server("starttls", cert, key, "rae@example.com", password,
                                os.path.join(c.dir, "received"), reject=["gone@example.org"])
    c.account(server, "rae@example.com", password, cert,
              recipients=("gone@example.org", "here@example.org"))
    report = c.run_due("2026-08-20T09:00:00", status=0)
    check(report["outcome"] == "sent" and report["delivered"] == 1 and
          "refused the recipient gone@example.org (reply 550)" in report["message"], f"{report}")
    check([m[2] for m in server.messages] == [["here@example.org"]], "wrong deliveries")
    attempt = c.log()["attempts"][0]
    check(attempt["result"] == "partial" and attempt["error_kind"] == "recipient", f"{attempt}")
    # Not retried for the refused address.
    check(c.run_due("2026-08-20T12:00:00")["outcome"] == "not-due", "retried")
    server.stop()


def case_server_down():
    c = Case("down")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("down")
    port = smtp_server.free_port()
    c.account(None, "sam@example.com", password, cert)
    c.set("smtp-port", port)

    report = c.run_due("2026-08-20T09:00:00", status=1)
    check(report["outcome"] == "retry" and "Cannot connect" in report["message"] and
          "09:05" in report["message"], f"{report}")
    check(c.run_due("2026-08-20T09:02:00", status=0)["outcome"] == "not-due", "retried too soon")

    server = smtp_server.Server("starttls", cert, key, "sam@example.com", password,
                                os.path.join(c.dir, "received"), port=port)
    report = c.run_due("2026-08-20T09:06:00", status=0)
    check(report["outcome"] == "sent" and len(server.messages) == 1, f"{report}")
    results = [a["result"] for a in c.log()["attempts"]]
    check(results == ["sent", "failed"], f"log {results}")
    server.stop()


def case_concurrent():
    c = Case("concurrent")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("concurrent")
    server = smtp_server.Server("starttls", cert, key, "kim@example.com", password,
                                os.path.join(c.dir, "received"))
    c.account(server, "kim@example.com", password, cert)
    c.cli("status")  # creates the database, so that the runs race on the claim only

    for day in ("2026-08-17", "2026-08-18", "2026-08-19"):
        runs = [c.run("digest", "run-due", "--json", "--now", f"{day}T09:00:00")
                for _ in range(2 if day == "2026-08-17" else 4)]
        reports = []
        for p in runs:
            out, err = p.communicate(timeout=120)
            OUTPUTS.append(out + err)
            check(p.returncode == 0, f"exit {p.returncode}: {err}")
            reports.append(json.loads(out)["outcome"])
        check(sorted(reports).count("sent") == 1, f"{day}: {reports}")
    check(len(server.messages) == 3, f"{len(server.messages)} messages for 3 days")
    server.stop()


def case_concurrent_scheduler_ticks():
    """The scheduler's own tick, as cron or the service runs it: two at once
    send one digest, and a later tick that day sends nothing more."""
    c = Case("concurrent-ticks")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("ticks")
    server = smtp_server.Server("starttls", cert, key, "max@example.com", password,
                                os.path.join(c.dir, "received"))
    c.account(server, "max@example.com", password, cert)
    c.set("background-refresh", False)  # the sync is not what is tested here
    c.cli("status")

    runs = [c.run("run-due", "--now", "2026-08-18T09:00:00") for _ in range(2)]
    outputs = []
    for p in runs:
        out, err = p.communicate(timeout=120)
        OUTPUTS.append(out + err)
        check(p.returncode == 0, f"exit {p.returncode}: {out} {err}")
        outputs.append(out)
    check(len(server.messages) == 1, f"{len(server.messages)} messages: {outputs}")
    check(any(line.startswith("digest: Sent") for o in outputs for line in o.splitlines()),
          f"no run says it sent: {outputs}")
    check(all("sync: turned off" in o for o in outputs), f"{outputs}")

    out, _ = c.cli("run-due", "--now", "2026-08-18T15:00:00")
    check(len(server.messages) == 1, f"a second digest on the same day: {out}")
    check("digest: not due until" in out, out)
    server.stop()


def case_missed_days():
    c = Case("suspend")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("suspend")
    server = smtp_server.Server("starttls", cert, key, "liz@example.com", password,
                                os.path.join(c.dir, "received"))
    c.account(server, "liz@example.com", password, cert)
    c.set("digest-max-papers", 5)

    check(c.run_due("2026-08-17T09:00:00")["outcome"] == "sent", "Monday")
    # Suspended Monday evening, resumed Wednesday morning before 08:00:
    # Tuesday is caught up by Wednesday's digest, not on its own.
    check(c.run_due("2026-08-19T07:15:00")["outcome"] == "not-due", "Tuesday sent at 07:15")
    check(c.run_due("2026-08-19T08:15:00")["outcome"] == "sent", "Wednesday")
    check(c.run_due("2026-08-19T11:00:00")["outcome"] == "not-due", "Wednesday twice")
    check(len(server.messages) == 2, f"{len(server.messages)} messages Monday to Wednesday")

    # Off from Thursday night to Saturday: Friday's digest comes once on
    # Saturday, nothing on Sunday, Monday's on Monday.
    check(c.run_due("2026-08-22T10:00:00")["outcome"] == "sent", "Friday caught up")
    check(c.run_due("2026-08-22T18:00:00")["outcome"] == "not-due", "Friday twice")
    check(c.run_due("2026-08-23T10:00:00")["outcome"] == "not-due", "Sunday")
    check(c.run_due("2026-08-24T07:00:00")["outcome"] == "not-due", "Monday before 08:00")
    days = [a["day"] for a in c.log()["attempts"]]
    check(days == ["2026-08-21", "2026-08-19", "2026-08-17"], f"days {days}")

    # Never the same paper twice.
    seen = []
    for path, _, _ in server.messages:
        _, message = parse(path)
        seen += paper_ids(parts(message)[0])
    check(len(seen) == len(set(seen)), f"a paper was sent twice: {seen}")
    server.stop()


def case_password_on_terminal():
    """set-password on a terminal: prompted, not echoed, stored; never from argv."""
    import pty

    c = Case("terminal")
    c.set("smtp-host", "smtp.example.com")
    c.set("smtp-username", "tty@example.com")
    password = new_secret("terminal")

    out, err = c.cli("account", "set-password", password, status=2)
    check("not from the command line" in err, err)

    pid, fd = pty.fork()
    if pid == 0:
        os.execve(CLI, [CLI, "--db", c.db, "account", "set-password"], c.env)
    seen = b""
    deadline = time.monotonic() + 30
    while b"keyring." not in seen and time.monotonic() < deadline:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if b"Password for tty@example.com on smtp.example.com: " in seen and b"\n" not in seen:
            os.write(fd, password.encode() + b"\n")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    OUTPUTS.append(seen.decode(errors="replace"))
    check(os.waitstatus_to_exitcode(status) == 0, f"exit status {status}: {seen!r}")
    check(password.encode() not in seen, "the password was echoed")
    out, _ = c.cli("account", "status")
    check(re.search(r"Password\s+stored in the keyring", out), out)


def case_no_plaintext():
    """Last: the passwords of every case appear in no file and no output."""
    roots = [WORK] + [os.environ[v] for v in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                                             "XDG_CACHE_HOME", "XDG_STATE_HOME")
                      if v in os.environ]
    found = []
    for root in roots:
        for path in glob.glob(os.path.join(root, "**"), recursive=True):
            if os.path.isfile(path) and not os.path.islink(path):
                data = open(path, "rb").read()
                found += [path for s in SECRETS if s.encode() in data]
    found += ["output" for s in SECRETS for o in OUTPUTS if s in o]
    check(not found, f"a password in {sorted(set(found))}")
    check(SECRETS, "no password was used")


# The other suites


def case_no_secret_service():
    c = Case("nokeyring")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("nokeyring")
    server = smtp_server.Server("starttls", cert, key, "nia@example.com", password,
                                os.path.join(c.dir, "received"))
    c.account(server, "nia@example.com", None, cert)

    out, err = c.cli("account", "set-password", stdin=password + "\n", status=1)
    check("keyring is unavailable" in err, f"set-password: {err}")
    report = c.run_due("2026-08-20T09:00:00", status=1)
    check(report["outcome"] == "retry" and
          report["message"].startswith("The keyring is unavailable — the digest is paused"),
          f"{report}")
    check(server.recorder.connections == 0 and not server.messages, "something was sent")
    log = c.log()
    check([a["error_kind"] for a in log["attempts"]] == ["keyring"], f"{log}")
    out, err = c.cli("digest", "send", status=1)
    check("keyring is unavailable" in err and not server.messages, err)
    server.stop()
    case_no_plaintext()


def lock_keyring():
    subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.secrets",
                    "--object-path", "/org/freedesktop/secrets",
                    "--method", "org.freedesktop.Secret.Service.Lock",
                    "['/org/freedesktop/secrets/collection/login']"],
                   check=True, stdout=subprocess.DEVNULL)


def keyring_items():
    out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.secrets",
                          "--object-path", "/org/freedesktop/secrets",
                          "--method", "org.freedesktop.Secret.Service.SearchItems",
                          "{'username': 'lea@example.com'}"],
                         check=True, capture_output=True, text=True).stdout
    return out


def case_locked_keyring():
    c = Case("locked")
    cert, key = smtp_server.make_certificate(c.dir, "cert")
    password = new_secret("locked")
    server = smtp_server.Server("starttls", cert, key, "lea@example.com", password,
                                os.path.join(c.dir, "received"))
    c.account(server, "lea@example.com", password, cert)
    lock_keyring()

    out, _ = c.cli("account", "status")
    check("The keyring is locked" in out, out)
    report = c.run_due("2026-08-20T09:00:00", status=1)
    check(report["outcome"] == "retry" and "keyring is locked" in report["message"], f"{report}")
    check(server.recorder.connections == 0, "connected without a password")
    # Still there, only locked: a transient failure deletes nothing.
    items = keyring_items()
    locked = r"\((@ao )?\[\], \[objectpath '/org/freedesktop/secrets/collection/login/\d+'\]\)"
    check(re.search(locked, items), f"the item is gone: {items}")
    server.stop()
    case_no_plaintext()


SUITES = {
    "main": [case_starttls_delivery, case_tls_delivery, case_header_injection,
             case_wrong_password, case_untrusted_certificate, case_wrong_security,
             case_recipient_refused, case_server_down,
             case_concurrent, case_concurrent_scheduler_ticks, case_missed_days,
             case_password_on_terminal,
             case_no_plaintext],
    "no-keyring": [case_no_secret_service],
    "locked": [case_locked_keyring],
}


def main():
    cases = SUITES[SUITE]
    failed = 0
    for number, case in enumerate(cases, 1):
        name = case.__name__[len("case_"):]
        started = time.monotonic()
        try:
            case()
            print(f"ok {number} - /digest/smtp/{SUITE}/{name} "
                  f"# {time.monotonic() - started:.1f} s", flush=True)
        except Exception:
            failed += 1
            print(f"not ok {number} - /digest/smtp/{SUITE}/{name}", flush=True)
            for line in traceback.format_exc().splitlines():
                print(f"# {line}", flush=True)
    print(f"1..{len(cases)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
