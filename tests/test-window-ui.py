#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Drives the Paperboy window as a person would, on a fixture database, and
# checks what it shows: through the accessibility tree (AT-SPI, dogtail),
# the keyboard and mouse (xdotool), the application's D-Bus actions, and
# the "pb-test:" lines the window prints with PAPERBOY_TEST_HOOKS. Saves
# screenshots (wide and narrow, light and dark, empty state, search, paper)
# into $PB_SCREENSHOT_DIR.
#
# Runs inside build-aux/headless-session --display --a11y (a fresh HOME,
# Xvfb, a private D-Bus session bus with the accessibility bus). Output is
# TAP. Environment: PAPERBOY (the app), PAPERBOY_CLI, PB_TEST_DATA,
# PB_SCREENSHOT_DIR, GSETTINGS_SCHEMA_DIR.

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import traceback

from dogtail.config import config

config.checkForA11y = False      # the check fails without a desktop session
config.searchShowingOnly = False
config.defaultDelay = 0.05
config.actionDelay = 0.05
config.typingDelay = 0.02
config.searchBackoffDuration = 0.1
config.searchCutoffCount = 5
config.logDebugToStdOut = False
config.logDebugToFile = False

from dogtail import tree  # noqa: E402

PAPERBOY = os.environ["PAPERBOY"]
CLI = os.environ["PAPERBOY_CLI"]
DATA = os.environ["PB_TEST_DATA"]
SHOTS = os.environ["PB_SCREENSHOT_DIR"]
APP_ID = "io.github.paperboy.Paperboy"
TIMEOUT = float(os.environ.get("PB_UI_TIMEOUT", "30"))

MARKUP_ID = "2608.99001"
MARKUP_TITLE = "<b>Bold</b> & <i>Italic</i>: Markup-Looking Titles Stay Literal"
LATEST_DAY_FIRST = "2608.16045"  # placeholder, replaced from the CLI at start

results = []


def log(message):
    print("# " + message, flush=True)


class App:
    """One run of the window, with its "pb-test:" lines."""

    def __init__(self, extra_env=None):
        env = dict(os.environ)
        env["PAPERBOY_TEST_HOOKS"] = "1"
        env.update(extra_env or {})
        self.lines = []
        self.times = {}
        self.cond = threading.Condition()
        self.proc = subprocess.Popen([PAPERBOY], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, env=env, text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.times[line] = time.monotonic()
            if not line.startswith("pb-test:"):
                # GTK and GLib warnings are failures waiting to happen: show them.
                if line.strip() and "Failed to set fd limit" not in line:
                    print("# app: " + line, flush=True)
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def mark(self):
        with self.cond:
            return len(self.lines)

    def wait(self, pattern, since=0, timeout=TIMEOUT):
        """Waits for a "pb-test: ..." line matching pattern after line `since`."""
        regex = re.compile(r"^pb-test: " + pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for line in self.lines[since:]:
                    m = regex.search(line)
                    if m:
                        return m
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise AssertionError("no line /%s/; last lines:\n%s" %
                                         (pattern, "\n".join(self.lines[-15:])))
                self.cond.wait(left)

    def action(self, name, param=None):
        args = ["gdbus", "call", "--session", "--dest", APP_ID,
                "--object-path", "/" + APP_ID.replace(".", "/"),
                "--method", "org.gtk.Actions.Activate", name,
                "[%s]" % ("<%s>" % param if param is not None else ""), "{}"]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)

    def screenshot(self, name):
        path = os.path.join(SHOTS, name + ".png")
        # Caught between two frames (a page just opened), the window may
        # have drawn nothing yet: the hook says so, and it is asked again.
        for _ in range(5):
            since = self.mark()
            time.sleep(0.4)  # let transitions and the spinner settle
            self.action("test-screenshot", "'%s'" % path)
            m = self.wait(r"screenshot(-failed)? ", since)
            if not m.group(1):
                log("screenshot " + path)
                return path
        raise AssertionError("no screenshot: " + m.string)

    def quit(self):
        if self.proc.poll() is None:
            key("ctrl+q")
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def cli(*args):
    return subprocess.run([CLI] + list(args), check=True, capture_output=True, text=True).stdout


def key(*keys):
    # Real key presses (XTEST) into the focused main window.
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id()], check=True)
    subprocess.run(["xdotool", "key", "--clearmodifiers"] + list(keys), check=True)


def menu_keys(*keys):
    """Keys into whatever has the focus now (an open menu is a window of its
    own), one by one, letting the menu open first."""
    for k in keys:
        time.sleep(0.4)
        subprocess.run(["xdotool", "key", "--clearmodifiers", k], check=True)


def type_text(text):
    subprocess.run(["xdotool", "windowfocus", "--sync", window_id()], check=True)
    subprocess.run(["xdotool", "type", "--delay", "30", text], check=True)


def window_id():
    """The main window: the largest shown window called Paperboy (popovers
    are windows of their own under X11)."""
    # xdotool fails (BadWindow) when a window it walks goes away meanwhile,
    # as a dialog just closed does: ask again.
    deadline = time.monotonic() + TIMEOUT
    while True:
        found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name",
                                "^Paperboy$"], capture_output=True, text=True, timeout=TIMEOUT)
        if found.returncode == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert found.returncode == 0, "no Paperboy window: %s" % found.stderr
    out = found.stdout
    best, best_area = None, -1
    for wid in out.split():
        geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", wid],
                                  capture_output=True, text=True).stdout
        size = dict(line.split("=") for line in geometry.split())
        area = int(size.get("WIDTH", 0)) * int(size.get("HEIGHT", 0))
        if area > best_area:
            best, best_area = wid, area
    return best


def click_at(node):
    # GTK 4.8 gives window-relative positions; without a window manager the
    # window sits at 0,0, so they are screen positions too.
    x, y = node.position
    w, h = node.size
    wid = window_id()
    subprocess.run(["xdotool", "mousemove", "--window", wid, str(x + min(w // 3, 60)),
                    str(y + h // 2), "click", "1"], check=True)


def accessible_app():
    deadline = time.monotonic() + TIMEOUT
    while True:
        for child in tree.root.children:
            try:
                if child.name == "paperboy":
                    return child
            except Exception:
                pass
        if time.monotonic() > deadline:
            raise AssertionError("paperboy is not on the accessibility bus")
        time.sleep(0.2)


def find_all(node, predicate):
    return node.findChildren(lambda n: _safe(predicate, n), showingOnly=False)


def _safe(predicate, n):
    try:
        return predicate(n)
    except Exception:
        return False


def wait_for(fn, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = fn()
            if value:
                return value
        except Exception as e:  # nodes go away while we look
            last = e
        time.sleep(0.2)
    raise AssertionError("timed out waiting for %s (%s)" % (what, last))


def shown(node):
    # GTK 4.8 sets no SHOWING state, and VISIBLE only says gtk_widget_get_visible();
    # what was never shown has no size.
    w, h = node.size
    return w > 0 and h > 0


def showing_rows(a11y):
    # Rows are the cells of a one-column grid view (see pb-paper-list.c).
    return [n for n in find_all(a11y, lambda n: n.roleName in ("table cell", "list item"))
            if shown(n)]


def labels(a11y, text):
    return [n for n in find_all(a11y, lambda n: n.roleName == "label" and n.name == text)
            if shown(n)]


def tab(a11y, name):
    nodes = [n for n in find_all(a11y, lambda n: n.roleName == "page tab" and n.name == name)
             if shown(n)]
    assert nodes, "no view %r shown" % name
    return nodes[0]


def button(a11y, name):
    nodes = [n for n in find_all(a11y, lambda n: n.roleName in ("push button", "toggle button")
                                 and n.name == name) if shown(n)]
    assert nodes, "no button %r shown" % name
    return nodes[0]


def check(name):
    def decorate(fn):
        def run(*args):
            try:
                fn(*args)
                results.append((name, None))
                print("ok %d - %s" % (len(results), name), flush=True)
            except Exception:
                results.append((name, traceback.format_exc()))
                print("not ok %d - %s" % (len(results), name), flush=True)
                for line in traceback.format_exc().splitlines():
                    print("# " + line, flush=True)
                # Close a menu or dialog left open, so that the next check starts clean.
                menu_keys("Escape", "Escape")
        return run
    return decorate


# The checks, in the order a person would go.

@check("opens on the latest day that has a list, and says which day")
def check_opens_latest(app, a11y):
    app.wait(r"list daily date=2026-08-20 papers=15")
    # 2026-08-20 is not today: the date bar says which day it is.
    wait_for(lambda: button(a11y, "Thursday, 20 August 2026"), "the date button")
    rows = wait_for(lambda: showing_rows(a11y), "rows")
    assert all(r.name.startswith("Unread. ") for r in rows), [r.name for r in rows]
    assert labels(a11y, "Daily"), "the header says Daily"


@check("previous and next days with a list")
def check_date_navigation(app, a11y):
    since = app.mark()
    button(a11y, "Previous list").doActionNamed("click")
    app.wait(r"list daily date=2026-08-19 papers=26", since)
    wait_for(lambda: button(a11y, "Wednesday, 19 August 2026"), "the date button")
    since = app.mark()
    key("alt+Page_Down")
    app.wait(r"list daily date=2026-08-20 papers=15", since)
    # The calendar marks the days of August that have a list.
    since = app.mark()
    date_button = button(a11y, "Thursday, 20 August 2026")
    [n for n in date_button.children if "click" in n.actions][0].doActionNamed("click")
    app.wait(r"calendar marks 17,18,19,20$", since)
    menu_keys("Escape")


@check("views switch, by the switcher, by actions and by Alt+number")
def check_views(app, a11y):
    since = app.mark()
    tab(a11y, "Weekly").doActionNamed("click")
    app.wait(r"list weekly date=2026-08-20 papers=\d+", since)
    wait_for(lambda: button(a11y, "17 – 23 August 2026"), "the week in the date bar")
    app.screenshot("weekly")

    since = app.mark()
    app.action("show-view", "'monthly'")
    m = app.wait(r"list monthly date=2026-08-20 papers=(\d+)", since)
    assert int(m.group(1)) == 93, m.group(0)  # 23 + 29 + 26 + 15 papers in August
    wait_for(lambda: button(a11y, "August 2026"), "the month in the date bar")
    app.screenshot("monthly")

    since = app.mark()
    key("alt+4")
    app.wait(r"list trending date=- papers=2", since)
    app.screenshot("trending")


@check("the sort menu, from the keyboard (F10)")
def check_sort(app, a11y):
    since = app.mark()
    app.action("show-view", "'daily'")  # the trending list keeps its own order
    app.wait(r"view daily", since)
    before = [r.name for r in showing_rows(a11y)][:1]
    since = app.mark()
    key("F10")
    menu_keys("Down", "Return")  # from Upvotes to Newest
    app.wait(r"sort date", since)
    app.wait(r"list daily date=2026-08-20 papers=15", since)
    newest = wait_for(lambda: [r.name for r in showing_rows(a11y)][:1] != before and
                      [r.name for r in showing_rows(a11y)][:1], "the rows in another order")
    assert "published Wednesday, 19 August 2026" in newest[0], newest
    since = app.mark()
    key("F10")
    menu_keys("Home", "Return")
    app.wait(r"sort upvotes", since)
    app.wait(r"list daily date=2026-08-20 papers=15", since)



@check("an empty view says what to do")
def check_empty_starred(app, a11y):
    since = app.mark()
    app.action("show-view", "'starred'")
    app.wait(r"list starred date=- papers=0", since)
    wait_for(lambda: labels(a11y, "No Starred Papers"), "the empty page")
    app.screenshot("empty-starred")
    since = app.mark()
    app.action("show-view", "'daily'")
    app.wait(r"view daily", since)


@check("search as you type, with a count and highlights")
def check_search(app, a11y):
    since = app.mark()
    key("ctrl+f")
    type_text("diffusion")
    m = app.wait(r'search "diffusion" results=(\d+) latency-ms=([\d.]+)', since)
    n = int(m.group(1))
    assert n > 0
    log("search diffusion: %d results in %s ms" % (n, m.group(2)))
    wait_for(lambda: labels(a11y, "%d papers match" % n), "the result count")
    wait_for(lambda: labels(a11y, "Search"), "the Search title")
    app.screenshot("search")


@check("feed text that looks like markup shows literally")
def check_markup_literal(app, a11y):
    since = app.mark()
    key("ctrl+a")
    type_text("markup looking")
    app.wait(r'search "markup looking" results=1', since)
    rows = wait_for(lambda: [r for r in showing_rows(a11y) if MARKUP_TITLE in r.name],
                    "the crafted row")
    assert "Ada <Lovelace> & Co" in rows[0].name, rows[0].name

    since = app.mark()
    app.action("open-paper", "'%s'" % MARKUP_ID)
    app.wait(r"paper %s read=1 starred=0 abstract=1" % re.escape(MARKUP_ID), since)
    wait_for(lambda: labels(a11y, MARKUP_TITLE), "the literal title on the page")
    # Its thumbnail is in the cache: the page shows it (the first page
    # opened, so the picture has a size only if it was shown).
    wait_for(lambda: [n for n in find_all(a11y, lambda n: n.name == "Thumbnail of the paper")
                      if shown(n)], "the cached thumbnail")
    app.screenshot("paper-thumbnail")
    # Opened by id, its row in the results learns that it has been read.
    wait_for(lambda: [r for r in showing_rows(a11y) if r.name.startswith(MARKUP_TITLE)],
             "the row no longer unread")
    wait_for(lambda: [n for n in find_all(a11y, lambda n: n.roleName == "label"
                                          and n.name.startswith("An abstract with <tags> & "))
                      if shown(n)], "the literal abstract")
    # Only https links are shown: the project page, not the http repository.
    button(a11y, "Project Page")
    assert not [n for n in find_all(a11y, lambda n: n.roleName == "push button"
                                    and n.name == "Code") if shown(n)], "an http link is shown"
    since = app.mark()
    button(a11y, "Project Page").doActionNamed("click")
    app.wait(r"open-link https://example.org/project", since)


@check("Escape leaves the search, back to the view")
def check_escape(app, a11y):
    since = app.mark()
    key("ctrl+f")
    key("Escape")
    app.wait(r"search off", since)
    wait_for(lambda: labels(a11y, "Daily"), "the Daily title")


@check("open a paper by clicking its row; it is marked read")
def check_open_by_click(app, a11y):
    rows = wait_for(lambda: showing_rows(a11y), "rows")
    first = rows[0]
    title = first.name[len("Unread. "):].split(", by ")[0]
    since = app.mark()
    click_at(first)
    m = app.wait(r"open (\S+)", since)
    paper_id = m.group(1)
    app.wait(r"paper %s read=1" % re.escape(paper_id), since)
    wait_for(lambda: labels(a11y, title), "the title on the page")
    wait_for(lambda: [r for r in showing_rows(a11y) if r.name.startswith(title)],
             "the row no longer unread")
    check_open_by_click.paper_id = paper_id
    check_open_by_click.title = title
    app.screenshot("paper-wide")


@check("star with S; the star is stored and the Starred view has it")
def check_star(app, a11y):
    paper_id = check_open_by_click.paper_id
    since = app.mark()
    key("s")  # the clicked row has the focus
    app.wait(r"state %s starred=1" % re.escape(paper_id), since)
    shown = json.loads(cli("show", "--json", paper_id))
    assert shown.get("starred") is True, shown
    wait_for(lambda: [r for r in showing_rows(a11y) if r.name.startswith("Starred. ")],
             "the row says Starred")
    wait_for(lambda: button(a11y, "Remove Star"), "the header star")

    since = app.mark()
    app.action("show-view", "'starred'")
    app.wait(r"list starred date=- papers=1", since)
    app.screenshot("starred")
    since = app.mark()
    key("alt+1")
    app.wait(r"view daily", since)


def clipboard_text():
    # Another X client asking for the clipboard, as a paste would.
    import gi
    gi.require_version("Gtk", "3.0")
    from gi.repository import Gdk, Gtk
    return Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD).wait_for_text()


def paper_menu(a11y, item):
    menu = [n for n in find_all(a11y, lambda n: n.roleName == "push button"
                                and n.name == "Paper menu") if "click" in n.actions]
    menu[0].doActionNamed("click")
    entry = wait_for(lambda: [n for n in find_all(a11y, lambda n: n.roleName == "menu item"
                                                  and n.name == item) if shown(n)],
                     "the menu item %s" % item)
    entry[0].doActionNamed("click")


@check("copy BibTeX and the link from the paper menu")
def check_copy(app, a11y):
    paper_id = check_open_by_click.paper_id
    since = app.mark()
    paper_menu(a11y, "Copy BibTeX")
    app.wait(r"toast BibTeX copied", since)
    bibtex = clipboard_text()
    assert bibtex.startswith("@") and paper_id in bibtex, bibtex
    since = app.mark()
    paper_menu(a11y, "Copy Link")
    app.wait(r"toast Link copied", since)
    assert clipboard_text() == "https://arxiv.org/abs/" + paper_id


@check("M marks read and unread; Enter opens the focused row")
def check_keyboard_rows(app, a11y):
    paper_id = check_open_by_click.paper_id
    # The focus is in the paper pane (the menu was used): M there is the open paper's.
    since = app.mark()
    key("m")
    app.wait(r"state %s starred=1 read=0" % re.escape(paper_id), since)
    # Back into the list, on the open paper's row.
    since = app.mark()
    click_at([r for r in showing_rows(a11y) if check_open_by_click.title in r.name][0])
    app.wait(r"open %s" % re.escape(paper_id), since)
    since = app.mark()
    key("Down", "Return")
    m = app.wait(r"open (\S+)", since)
    assert m.group(1) != paper_id
    since = app.mark()
    key("Up", "space")
    app.wait(r"open %s" % re.escape(paper_id), since)


@check("the window stays current when another process writes")
def check_external_change(app, a11y):
    papers = json.loads(cli("list", "--json", "--date", "2026-08-20"))
    other = papers[2]  # on screen, neither open nor starred
    assert not other["starred"], other
    wait_for(lambda: [r for r in showing_rows(a11y) if other["title"] in r.name], "its row")
    since = app.mark()
    start = time.monotonic()
    cli("star", other["id"])
    committed = time.monotonic()
    m = app.wait(r"refreshed", since, timeout=5)
    noticed = app.times[m.string] - committed
    log("another process's commit noticed after %.2f s (the command took %.2f s)" %
        (noticed, committed - start))
    assert noticed < 2.0, noticed
    wait_for(lambda: [r for r in showing_rows(a11y)
                      if r.name.startswith("Starred. ") or ". Starred. " in r.name
                      if other["title"] in r.name],
             "the other process's star", timeout=5)
    # The open paper and its selection survived the refresh.
    wait_for(lambda: button(a11y, "Remove Star"), "the open paper")
    selected = [r for r in showing_rows(a11y) if r.selected]
    assert selected and check_open_by_click.title in selected[0].name, [r.name for r in selected]


@check("narrow: one pane, back with Alt+Left")
def check_narrow(app, a11y):
    since = app.mark()
    app.action("test-resize", "(560, 760)")
    app.wait(r"pane paper folded=1", since)
    time.sleep(0.5)
    app.screenshot("paper-narrow")
    since = app.mark()
    key("alt+Left")
    app.wait(r"pane list folded=1", since)
    app.screenshot("daily-narrow")
    # Opening a row goes to the paper; Escape comes back.
    since = app.mark()
    key("Return")
    app.wait(r"pane paper folded=1", since)
    since = app.mark()
    key("Escape")
    app.wait(r"pane list folded=1", since)


@check("dark style")
def check_dark(app, a11y):
    since = app.mark()
    app.action("test-style", "'dark'")
    app.wait(r"style dark", since)
    app.screenshot("daily-narrow-dark")
    since = app.mark()
    app.action("test-resize", "(1180, 760)")
    app.wait(r"resize", since)
    time.sleep(0.8)
    app.screenshot("paper-wide-dark")
    app.action("test-style", "'light'")


@check("refresh with Ctrl+R")
def check_refresh(app, a11y):
    since = app.mark()
    key("ctrl+r")
    app.wait(r"refresh$", since)
    app.wait(r"refreshed", since)


def close_window(a11y, frame_name):
    frames = wait_for(lambda: [n for n in a11y.children if n.roleName == "frame"
                               and frame_name in n.name], "the %s window" % frame_name)
    close = [n for n in find_all(frames[0], lambda n: n.roleName == "push button"
                                 and n.name == "Close") if shown(n)]
    close[0].doActionNamed("click")
    # Back to one window: the main one.
    wait_for(lambda: len(subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."],
                                        capture_output=True, text=True).stdout.split()) <= 1,
             "the %s window to close" % frame_name)


@check("keyboard shortcuts, preferences and About windows")
def check_dialogs(app, a11y):
    key("ctrl+question")
    close_window(a11y, "Shortcuts")
    key("ctrl+comma")
    close_window(a11y, "Preferences")
    app.action("about")
    close_window(a11y, "About")


@check("Ctrl+Q quits and the size and view come back")
def check_restore(app, a11y):
    since = app.mark()
    app.action("show-view", "'weekly'")
    app.wait(r"view weekly", since)
    assert app.quit() == 0
    again = App()
    try:
        again.wait(r"view weekly")
        again.wait(r"list weekly")
        out = subprocess.run(["gsettings", "get", "io.github.paperboy.Paperboy", "window-width"],
                             capture_output=True, text=True).stdout.strip()
        assert out == "1180", out
    finally:
        again.quit()


@check("a new installation shows the bundled papers and says so")
def check_snapshot(app, a11y):
    db = os.path.join(os.environ["XDG_DATA_HOME"], "paperboy")
    shutil.move(db, db + ".fixture")
    fresh = App()
    try:
        fresh.wait(r"list weekly date=\S+ papers=[1-9]")
        a11y_fresh = accessible_app()
        wait_for(lambda: [n for n in find_all(a11y_fresh, lambda n: n.roleName == "label"
                                              and "came with Paperboy" in n.name) if shown(n)],
                 "the snapshot banner")
        since = fresh.mark()
        fresh.action("show-view", "'daily'")
        fresh.wait(r"list daily", since)
        fresh.screenshot("snapshot")
    finally:
        fresh.quit()
        shutil.rmtree(db)
        shutil.move(db + ".fixture", db)


@check("PAPERBOY_BENCH_FIRST_FRAME prints the first frame and exits")
def check_bench_hook(app, a11y):
    out = subprocess.run([PAPERBOY], env=dict(os.environ, PAPERBOY_BENCH_FIRST_FRAME="1"),
                         capture_output=True, text=True, timeout=TIMEOUT)
    assert out.returncode == 0, out
    m = re.search(r"^first-frame-ms (\d+(\.\d+)?)$", out.stdout, re.M)
    assert m, out.stdout
    log("first frame: %s ms" % m.group(1))


def write_png(path, width, height):
    # A small gradient, as the sync would have cached for a paper.
    import struct
    import zlib
    rows = b"".join(b"\0" + bytes(v for x in range(width)
                                  for v in (40 + 200 * x // width, 90, 40 + 200 * y // height))
                    for y in range(height))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" +
                chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def setup():
    os.makedirs(SHOTS, exist_ok=True)
    # The thumbnail cache of the sync (PbThumbnailCache): one file per id.
    thumbnails = os.path.join(os.environ["XDG_CACHE_HOME"], "paperboy", "thumbnails")
    os.makedirs(thumbnails, exist_ok=True)
    write_png(os.path.join(thumbnails, MARKUP_ID + ".img"), 320, 200)
    hf = os.path.join(DATA, "hf")
    days = sorted(os.path.join(hf, f) for f in os.listdir(hf) if f.startswith("daily_papers_"))
    cli("import", *days)
    cli("import", "--no-list", os.path.join(DATA, "ui", "markup-title.json"))
    # Cantarell, as on a GNOME desktop (GTK falls back to DejaVu here).
    gtk = os.path.join(os.environ["XDG_CONFIG_HOME"], "gtk-4.0")
    os.makedirs(gtk, exist_ok=True)
    with open(os.path.join(gtk, "settings.ini"), "w") as f:
        f.write("[Settings]\ngtk-font-name=Cantarell 11\n")
    # No background service: the window would start one (tests/window-sync-test.py
    # checks that).
    subprocess.run(["gsettings", "set", "io.github.paperboy.Paperboy", "background-refresh",
                    "false"], check=True)
    # Start wide, as on a laptop.
    subprocess.run(["gsettings", "set", "io.github.paperboy.Paperboy", "window-width", "1180"],
                   check=True)
    subprocess.run(["gsettings", "set", "io.github.paperboy.Paperboy", "window-height", "760"],
                   check=True)


def main():
    checks = [check_opens_latest, check_date_navigation, check_views, check_sort,
              check_empty_starred, check_search, check_markup_literal, check_escape,
              check_open_by_click, check_star, check_copy, check_keyboard_rows, check_external_change, check_narrow, check_dark,
              check_refresh, check_dialogs, check_restore, check_snapshot, check_bench_hook]
    print("1..%d" % len(checks), flush=True)
    setup()
    app = App()
    try:
        app.wait(r"view daily")
        a11y = accessible_app()
        app.screenshot("daily-wide")
        for c in checks:
            c(app, a11y)
    finally:
        app.kill()
    failed = [name for name, error in results if error]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
