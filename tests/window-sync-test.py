#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The window and the sync, end to end: the real `paperboy` against the
# stand-in API (pb-fixture-server, real captures from tests/data/hf), a
# real notification daemon (dunst, read back with dunstctl), keys pressed
# with xdotool, and a second `paperboy` on the command line. Prints TAP.
#
#   headless-session --notifications -- \
#     window-sync-test.py PAPERBOY PAPERBOY-CLI PB-FIXTURE-SERVER FIXTURES-DIR
#
# The window prints what it does as "pb-test:" lines (PAPERBOY_TEST_HOOKS);
# its pb-notify debug lines say when a sync had nothing to tell.

import datetime
import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import time

import pbtest
from pbtest import check, plan, wait_for

PAPERBOY, CLI, SERVER, FIXTURES = sys.argv[1:5]
SCHEMA = "io.github.paperboy.Paperboy"
APP_ID = "io.github.paperboy.Paperboy"
DB = os.path.join(os.environ["XDG_DATA_HOME"], "paperboy", "papers.db")
ENV = dict(os.environ, GSETTINGS_BACKEND="keyfile", TZ="UTC", LC_ALL="C.UTF-8",
           PAPERBOY_TEST_HOOKS="1", PAPERBOY_CLI=CLI, GTK_A11Y="none",
           G_MESSAGES_DEBUG="pb-notify")
TIMEOUT = 30
NOT_STORED = "2608.09888"  # only on papers/ID, in no list


def App(*args):
    return pbtest.App(PAPERBOY, *args, env=ENV, timeout=TIMEOUT)


def key(*keys):
    wid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^Paperboy$"],
                         check=True, capture_output=True, text=True,
                         timeout=TIMEOUT).stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", "--sync", wid], check=True)
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)


def gsettings(key_name, value):
    subprocess.run(["gsettings", "set", SCHEMA, key_name, value], env=ENV, check=True)


def cli_json(command, *args):
    return json.loads(subprocess.run([CLI, command, "--json", *args], env=ENV, check=True,
                                     capture_output=True, text=True).stdout)


def dunst_count(which):
    out = subprocess.run(["dunstctl", "count", which], capture_output=True, text=True,
                         check=True).stdout
    return int(out.strip())


def dunst_total():
    return sum(dunst_count(w) for w in ("displayed", "waiting", "history"))


def dunst_history():
    subprocess.run(["dunstctl", "close-all"], check=True)
    wait_for("dunst to close them", lambda: dunst_count("displayed") == 0)
    data = json.loads(subprocess.run(["dunstctl", "history"], capture_output=True, text=True,
                                     check=True).stdout)
    items = [{k: v["data"] for k, v in n.items()} for n in data["data"][0]]
    return sorted(items, key=lambda n: n["id"])


def fixture(day):
    with open(os.path.join(FIXTURES, f"daily_papers_{day}.json"), encoding="utf-8") as f:
        return json.load(f)


def service_pids():
    pids = []
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z" and len(argv) > 1 and argv[0] == CLI.encode() and argv[1] == b"service":
            pids.append(int(pid))
    return pids


def main():
    work = os.path.join(os.environ["PAPERBOY_SESSION_DIR"], "window-sync-test")
    os.makedirs(work)
    server = subprocess.Popen([SERVER, FIXTURES], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    ENV["PAPERBOY_API_URL"] = server.stdout.readline().strip()
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    aug19, aug20 = fixture("2026-08-19"), fixture("2026-08-20")
    app = None

    def serve(key_name, items):
        path = os.path.join(work, f"list-{key_name}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(items, f)
        server.stdin.write(f"list {key_name} {path}\n")
        server.stdin.flush()
        answer = server.stdout.readline().strip()
        assert answer == "ok", answer

    def refresh_with_ctrl_r():
        since = app.mark()
        key("ctrl+r")
        app.wait(r"refresh$", since)
        app.wait(r"subtitle Refreshing…", since)
        app.wait(r"refreshed", since)
        return since

    # What a user has after a first sync (which never notifies): the
    # bundled papers and three trending papers. The sync is fresh, so the
    # window does not sync at start.
    gsettings("background-refresh", "false")
    gsettings("refresh-interval-minutes", "1440")
    serve("trending", aug19[:3])
    subprocess.run([CLI, "sync", "--no-thumbnails"], env=ENV, check=True,
                   stdout=subprocess.DEVNULL)

    def starts_without_syncing():
        nonlocal app
        app = App()
        app.wait(r"view daily")
        app.wait(r"subtitle Updated just now")
        time.sleep(1)
        assert not app.has(r"^pb-test: refresh"), app.lines
        assert cli_json("status")["last_sync"]["trigger"] == "manual"

    def ctrl_r_syncs():
        serve("trending", aug19[:12])
        since = refresh_with_ctrl_r()
        status = cli_json("status")
        assert status["last_sync"]["trigger"] == "window", status
        assert status["last_sync"]["outcome"] == "ok", status
        app.wait(r"subtitle Updated just now", since)

    def one_notification_withdrawn_by_trending():
        wait_for("dunst to show it", lambda: dunst_count("displayed") == 1)
        # The new papers are in the window; looking at them withdraws it.
        since = app.mark()
        app.action("show-view", "'trending'")
        app.wait(r"list trending date=- papers=12", since)
        app.wait(r"withdraw new-papers-trending", since)
        wait_for("dunst to close it", lambda: dunst_count("displayed") == 0)
        history = dunst_history()
        assert [n["summary"] for n in history] == ["9 new trending papers"], history
        print("# appname %r, body %r" % (history[0]["appname"], history[0]["body"]), flush=True)

    def unchanged_sync_is_quiet():
        since = refresh_with_ctrl_r()
        app.wait(r"No list has new papers: nothing to tell", since, prefix=None)
        assert dunst_total() == 1, dunst_history()

    def new_daily_papers_click():
        serve(today, aug20[:5])
        since = app.mark()
        app.action("show-view", "'monthly'")
        app.wait(r"view monthly", since)
        refresh_with_ctrl_r()
        wait_for("dunst to show it", lambda: dunst_count("displayed") == 1)
        # A click: GLib in the window activates the default action, which
        # shows the daily list of the latest day.
        since = app.mark()
        subprocess.run(["dunstctl", "action", "0"], check=True)
        app.wait(r"view daily", since)
        app.wait(r"list daily date=%s papers=5" % today, since)
        app.wait(r"withdraw new-papers-daily", since)
        history = dunst_history()
        assert [n["summary"] for n in history] == ["9 new trending papers",
                                                   "5 new daily papers"], history

    def busy():
        with open(DB + ".sync-lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            since = app.mark()
            key("ctrl+r")
            app.wait(r"toast Already refreshing in the background", since)
            app.wait(r"refreshed", since)

    def open_stored_from_command_line():
        paper = aug20[1]["paper"]["id"]
        since = app.mark()
        out = subprocess.run([PAPERBOY, "https://huggingface.co/papers/" + paper], env=ENV,
                             capture_output=True, text=True, timeout=TIMEOUT)
        assert out.returncode == 0, out
        app.wait(r"paper %s read=1 starred=0 abstract=1" % re.escape(paper), since)
        assert not app.has(r"pb-test: fetch ", since)

    def open_not_stored_from_command_line():
        since = app.mark()
        out = subprocess.run([PAPERBOY, f"https://arxiv.org/abs/{NOT_STORED}v2"], env=ENV,
                             capture_output=True, text=True, timeout=TIMEOUT)
        assert out.returncode == 0, out
        app.wait(r"fetch %s$" % re.escape(NOT_STORED), since)
        app.wait(r"fetched %s$" % re.escape(NOT_STORED), since)
        app.wait(r"paper %s read=1 starred=0 abstract=1" % re.escape(NOT_STORED), since)
        shown = cli_json("show", NOT_STORED)
        assert shown["title"].startswith("BDH-CQ"), shown
        # It is in no list, and the lists are no fresher for it.
        assert cli_json("status")["last_sync"]["trigger"] == "window"

    def unknown_and_invalid():
        since = app.mark()
        subprocess.run([PAPERBOY, "2608.00003"], env=ENV, check=True, timeout=TIMEOUT)
        app.wait(r"toast Cannot get the paper: .*HTTP 404", since)
        since = app.mark()
        subprocess.run([PAPERBOY, "<b>not a paper</b>"], env=ENV, check=True, timeout=TIMEOUT)
        app.wait(r"toast “<b>not a paper</b>” is not an arXiv paper id or address", since)
        since = app.mark()
        app.action("open-paper", "'https://example.org/2608.09888'")
        app.wait(r"toast “https://example.org/2608.09888” is not an arXiv paper id", since)
        assert app.proc.poll() is None

    def refresh_option():
        since = app.mark()
        subprocess.run([PAPERBOY, "--refresh"], env=ENV, check=True, timeout=TIMEOUT)
        app.wait(r"refresh$", since)
        app.wait(r"refreshed", since)

    def fault(key_name, kind):
        server.stdin.write(f"fault {key_name} {kind}\n")
        server.stdin.flush()
        answer = server.stdout.readline().strip()
        assert answer == "ok", answer

    def closing_cancels_the_sync():
        # A request that never ends: the window closes while it waits.
        fault("trending", "stall")
        try:
            since = app.mark()
            key("ctrl+r")
            app.wait(r"subtitle Refreshing…", since)
            time.sleep(0.5)
            started = time.monotonic()
            assert app.stop() == 0
            # Well before the request's own timeout: the sync was cancelled,
            # and the process waited for it to record its run.
            assert time.monotonic() - started < 10, time.monotonic() - started
            # The log has it; status leaves cancelled runs out of its history.
            run = subprocess.run(["sqlite3", DB, "SELECT trigger, outcome FROM sync_runs "
                                  "ORDER BY id DESC LIMIT 1"], check=True, capture_output=True,
                                 text=True).stdout.strip()
            assert run == "window|cancelled", run
            assert dunst_total() == 2, dunst_history()
        finally:
            fault("trending", "none")

    def starts_the_service():
        nonlocal app
        assert app.stop() == 0
        assert not service_pids()
        gsettings("background-refresh", "true")
        app = App()
        app.wait(r"view daily")
        pids = wait_for("the service to start", service_pids)
        # Closing the window leaves it running.
        assert app.stop() == 0
        time.sleep(1)
        assert service_pids() == pids, (service_pids(), pids)
        gsettings("background-refresh", "false")
        wait_for("the service to stop", lambda: not service_pids())

    try:
        check("a fresh sync: no sync at start", starts_without_syncing)
        check("Ctrl+R syncs against the API: new papers and status", ctrl_r_syncs)
        check("one notification; showing the trending list withdraws it",
              one_notification_withdrawn_by_trending)
        check("an unchanged sync notifies nothing", unchanged_sync_is_quiet)
        check("new daily papers: a notification whose click opens the latest daily list",
              new_daily_papers_click)
        check("another process syncing: a calm message", busy)
        check("paperboy URL opens a stored paper in the running window",
              open_stored_from_command_line)
        check("paperboy URL fetches a paper not stored, then opens it",
              open_not_stored_from_command_line)
        check("unknown papers and things that are no paper: toasts", unknown_and_invalid)
        check("paperboy --refresh refreshes the running window", refresh_option)
        check("closing the window during a sync cancels it, and the run is recorded",
              closing_cancels_the_sync)
        check("background refresh on: the window starts the service, and leaves it running",
              starts_the_service)
    finally:
        if app is not None and app.proc.poll() is None:
            app.proc.kill()
            app.proc.wait()
        for pid in service_pids():
            os.kill(pid, signal.SIGKILL)
        server.stdin.close()
        server.wait()

    return plan()


if __name__ == "__main__":
    sys.exit(main())
