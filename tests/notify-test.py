#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The service's notifications, end to end: `paperboy-cli service` against
# the stand-in API (pb-fixture-server), a real notification daemon (dunst,
# read back with dunstctl) and, in the window's place, app-recorder.py,
# which the bus starts on the first click. Prints TAP.
#
#   headless-session --notifications --dbus-service app-recorder.service -- \
#     notify-test.py PAPERBOY-CLI PB-FIXTURE-SERVER FIXTURES-DIR APP-ID
#
# The service runs with a clock standing one day ahead (--now), so every
# tick (PAPERBOY_TICK_SECONDS=1) finds the sync due: the test changes what
# the server serves and watches what each sync tells.

import datetime
import json
import os
import re
import subprocess
import sys
import time

from pbtest import check, plan, results

CLI, SERVER, FIXTURES, APP_ID = sys.argv[1:5]
SCHEMA = "io.github.paperboy.Paperboy"
SESSION = os.environ["PAPERBOY_SESSION_DIR"]
WORK = os.path.join(SESSION, "notify-test")
DB = os.path.join(WORK, "papers.db")
CALLS = os.path.join(SESSION, "app-calls.jsonl")
SERVICE_LOG = os.path.join(WORK, "service.log")
ENV = dict(os.environ, GSETTINGS_BACKEND="keyfile", TZ="UTC", LC_ALL="C.UTF-8",
           PAPERBOY_TICK_SECONDS="1", G_MESSAGES_DEBUG="paperboy-cli pb-notify")
TIMEOUT = 60


def wait_for(what, predicate, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def gsettings(key, value):
    subprocess.run(["gsettings", "set", SCHEMA, key, value], env=ENV, check=True)


def service_log():
    with open(SERVICE_LOG, encoding="utf-8", errors="replace") as f:
        return f.read()


def count_log(pattern):
    return len(re.findall(pattern, service_log(), re.M))


def wait_for_syncs(n, after=None):
    """Waits until n more syncs have run than `after` (a count of them)."""
    start = count_log(r"Message: .*: sync: ") if after is None else after
    wait_for(f"{n} more syncs", lambda: count_log(r"Message: .*: sync: ") >= start + n)


def wait_for_notification(title):
    wait_for(f"the service to notify “{title}”",
             lambda: count_log(r"Notification: " + re.escape(title) + "$"))


def dunst_count(which):
    out = subprocess.run(["dunstctl", "count", which], capture_output=True, text=True,
                         check=True).stdout
    return int(out.strip())


def dunst_total():
    return sum(dunst_count(w) for w in ("displayed", "waiting", "history"))


def dunst_history():
    """Every notification dunst got, oldest first (closing the shown ones)."""
    subprocess.run(["dunstctl", "close-all"], check=True)
    wait_for("dunst to close them", lambda: dunst_count("displayed") == 0)
    data = json.loads(subprocess.run(["dunstctl", "history"], capture_output=True, text=True,
                                     check=True).stdout)
    items = [{k: v["data"] for k, v in n.items()} for n in data["data"][0]]
    return sorted(items, key=lambda n: n["id"])


def app_calls():
    if not os.path.exists(CALLS):
        return []
    with open(CALLS, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def name_has_owner(name):
    out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                          "--object-path", "/org/freedesktop/DBus", "--method",
                          "org.freedesktop.DBus.NameHasOwner", name],
                         capture_output=True, text=True, check=True).stdout
    return "true" in out


def serve(server, key, items):
    path = os.path.join(WORK, f"list-{key}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(items, f)
    server.stdin.write(f"list {key} {path}\n")
    server.stdin.flush()
    answer = server.stdout.readline().strip()
    assert answer == "ok", answer


def fixture(day):
    with open(os.path.join(FIXTURES, f"daily_papers_{day}.json"), encoding="utf-8") as f:
        return json.load(f)


def show(notification):
    """The notification as dunst has it, in the test log."""
    keep = ("appname", "summary", "body", "default_action_name", "id")
    print("# " + json.dumps({k: notification[k] for k in keep}, ensure_ascii=False), flush=True)


def main():
    os.makedirs(WORK)
    server = subprocess.Popen([SERVER, FIXTURES], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    ENV["PAPERBOY_API_URL"] = server.stdout.readline().strip()
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    aug19, aug20 = fixture("2026-08-19"), fixture("2026-08-20")
    service = None

    # What a new user has: the bundled papers, imported by the first command.
    subprocess.run([CLI, "--db", DB, "status"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    gsettings("digest-keywords", "['ultra-high-resolution']")

    def first_sync_is_quiet():
        nonlocal service
        with open(SERVICE_LOG, "w", encoding="utf-8") as log:
            service = subprocess.Popen([CLI, "--db", DB, "service",
                                        "--now", now.strftime("%Y-%m-%dT%H:%M:%S")],
                                       env=ENV, stdout=log, stderr=subprocess.STDOUT)
        wait_for_syncs(3, after=0)
        assert count_log("Notification:") == 0, service_log()
        assert dunst_total() == 0

    def new_trending_papers():
        assert not name_has_owner(APP_ID), "the window's name is taken before any click"
        serve(server, "trending", aug19[:12])
        wait_for_notification("12 new trending papers")
        wait_for("dunst to show it", lambda: dunst_count("displayed") == 1)
        # A click on the notification: dunst invokes its default action.
        subprocess.run(["dunstctl", "action", "0"], check=True)
        call = wait_for("the window to be asked", app_calls)[0]
        assert call == {"method": "ActivateAction", "action": "show-view",
                        "parameter": ["trending"]}, call

    def unchanged_syncs_are_quiet():
        wait_for_syncs(3)
        history = dunst_history()
        assert len(history) == 1, history
        n = history[0]
        show(n)
        assert n["summary"] == "12 new trending papers", n
        assert n["appname"] == "Paperboy", n
        # The paper matching the keyword comes first, then the list's order.
        assert n["body"] == ("EDITBRIDGE: Towards Faithful and Efficient Ultra-High-Resolution "
                             "Image Editing (matches “ultra-high-resolution”)\n"
                             "ASI-Bench: At the Dawn of Artificial Superintelligence\n"
                             "and 10 more"), n["body"]
        assert n["default_action_name"] == "default", n
        assert count_log("Notification:") == 1

    def new_daily_papers():
        serve(server, today, aug20[:5])
        wait_for_notification("5 new daily papers")
        wait_for_syncs(2)
        history = dunst_history()
        assert [n["summary"] for n in history] == ["12 new trending papers",
                                                   "5 new daily papers"], history
        show(history[1])
        assert history[1]["body"].startswith(aug20[0]["paper"]["title"] + "\n"), history[1]

    def turned_off():
        gsettings("notify-new-papers", "false")
        # Let the service read the key before the list changes.
        wait_for_syncs(2)
        serve(server, "trending", aug20[5:8])
        wait_for("a sync to find the new papers",
                 lambda: count_log("New papers, but notifications about them are turned off"))
        wait_for_syncs(2)
        assert dunst_total() == 2, dunst_history()
        assert count_log("Notification:") == 2

    def digest_failure():
        # The digest is due at once, every day, but there is no mail server.
        gsettings("digest-weekdays-only", "false")
        gsettings("digest-time", "'00:00'")
        gsettings("digest-recipients", "['me@example.com']")
        gsettings("digest-enabled", "true")
        title = "The email digest is paused"
        wait_for_notification(title)
        wait_for("dunst to show it", lambda: dunst_count("displayed") == 1)
        subprocess.run(["dunstctl", "action", "0"], check=True)
        wait_for("the window to be asked for the preferences", lambda: len(app_calls()) == 2)
        assert app_calls()[1] == {"method": "ActivateAction", "action": "preferences",
                                  "parameter": []}, app_calls()

        # The next ticks find the same failure: nothing new to tell.
        ticks = count_log(r"digest: The digest is paused")
        wait_for("three more ticks of the paused digest",
                 lambda: count_log(r"digest: The digest is paused") >= ticks + 3)
        history = dunst_history()
        digests = [n for n in history if n["summary"] == title]
        assert len(digests) == 1, history
        show(digests[0])
        assert digests[0]["body"].startswith("The digest is paused: "), digests[0]
        assert len(history) == 3, history

    def button_action():
        # "Open Paper" is a button; dunstctl can only click the default
        # action, so the test activates the service's action as the
        # notification server's click would.
        out = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                              "--object-path", "/org/freedesktop/DBus", "--method",
                              "org.freedesktop.DBus.ListNames"],
                             capture_output=True, text=True, check=True).stdout
        names = re.findall(r"'(:[0-9.]+)'", out)
        mine = None
        for name in names:
            pid = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                                  "--object-path", "/org/freedesktop/DBus", "--method",
                                  "org.freedesktop.DBus.GetConnectionUnixProcessID", name],
                                 capture_output=True, text=True).stdout
            if re.search(rf"\b{service.pid}\b", pid):
                mine = name
        assert mine is not None, "the service is not on the bus"
        path = "/" + APP_ID.replace(".", "/")
        subprocess.run(["gdbus", "call", "--session", "--dest", mine, "--object-path", path,
                        "--method", "org.gtk.Actions.Activate", "open-paper",
                        "[<'2608.18063'>]", "{}"], check=True, stdout=subprocess.DEVNULL)
        wait_for("the window to be asked for the paper", lambda: len(app_calls()) == 3)
        assert app_calls()[2] == {"method": "ActivateAction", "action": "open-paper",
                                  "parameter": ["2608.18063"]}, app_calls()

    def stops_cleanly():
        service.terminate()
        assert service.wait(timeout=TIMEOUT) == 0

    try:
        check("the bundled import and the first sync notify nothing", first_sync_is_quiet)
        check("new trending papers: a notification whose click opens the trending list",
              new_trending_papers)
        check("exactly one notification, keyword matches first; unchanged syncs notify nothing",
              unchanged_syncs_are_quiet)
        check("new papers on the latest daily list: one notification", new_daily_papers)
        check("notify-new-papers off: no notification", turned_off)
        check("a failed scheduled digest: one notification, whose click opens the preferences",
              digest_failure)
        check("the Open Paper button's action reaches the window", button_action)
        check("the service stops cleanly", stops_cleanly)
    finally:
        if service is not None and service.poll() is None:
            service.kill()
            service.wait()
        server.stdin.close()
        server.wait()
        if not all(results) and os.path.exists(SERVICE_LOG):
            for line in service_log().splitlines():
                print(f"# service: {line}")

    return plan()


if __name__ == "__main__":
    sys.exit(main())
