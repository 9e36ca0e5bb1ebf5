#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The translations, checked where people read them: every catalogue of
# po/LINGUAS complete and accepted by `msgfmt --check`; `paperboy-cli --help`
# and the window in German under LANGUAGE=de. The German words expected are
# read from the compiled catalogue, not written here, so the test follows
# the translation; it checks that they are shown, and that they are not the
# English ones. Saves a screenshot of the German window into
# $PB_SCREENSHOT_DIR (german.png, german-paper.png).
#
# Runs inside build-aux/headless-session --display --a11y. Output is TAP.
#
#   i18n-test.py SOURCE-DIR
#
# Environment: PAPERBOY, PAPERBOY_CLI, PAPERBOY_LOCALEDIR (the build tree's
# compiled catalogues), PB_TEST_DATA, PB_SCREENSHOT_DIR, GSETTINGS_SCHEMA_DIR.

import gettext
import os
import re
import subprocess
import sys
import time

from pbtest import App, check, plan

SOURCE = sys.argv[1]
PAPERBOY = os.environ["PAPERBOY"]
CLI = os.environ["PAPERBOY_CLI"]
LOCALEDIR = os.environ["PAPERBOY_LOCALEDIR"]
DATA = os.environ["PB_TEST_DATA"]
SHOTS = os.environ["PB_SCREENSHOT_DIR"]
APP_ID = "io.github.paperboy.Paperboy"
TIMEOUT = 30
GERMAN = {"LANGUAGE": "de", "LC_ALL": "de_DE.UTF-8"}

def linguas():
    with open(os.path.join(SOURCE, "po", "LINGUAS"), encoding="utf-8") as f:
        return " ".join(line.split("#")[0] for line in f).split()


def german():
    return gettext.translation("paperboy", LOCALEDIR, languages=["de"])


def translated(catalogue, english):
    words = catalogue.gettext(english)
    assert words != english, f"“{english}” has no German translation"
    return words


def catalogues_complete():
    assert "de" in linguas(), "po/LINGUAS does not name de"
    for lang in linguas():
        po = os.path.join(SOURCE, "po", lang + ".po")
        out = subprocess.run(["msgfmt", "--check", "--check-accelerators=_", "--statistics",
                              "--output-file", os.devnull, po],
                             capture_output=True, text=True, env=dict(os.environ, LC_ALL="C"))
        assert out.returncode == 0, out.stderr
        assert "untranslated" not in out.stderr and "fuzzy" not in out.stderr, \
            f"{lang}.po: {out.stderr.strip()}"
        print(f"# {lang}: {out.stderr.strip()}", flush=True)


def cli_help_in_german():
    de = german()
    out = subprocess.run([CLI, "--help"], capture_output=True, text=True, check=True,
                         env=dict(os.environ, **GERMAN)).stdout
    for english in ("Paperboy keeps the trending papers of Hugging Face on this computer.",
                    "Fetch the latest papers from Hugging Face",
                    "Keep the papers fresh in the background",
                    "Use this database instead of the default one"):
        words = translated(de, english)
        assert words in out, f"“{words}” is not in:\n{out}"
        assert english not in out, f"“{english}” is still English in:\n{out}"
    # A command's own options, through GOptionContext.
    out = subprocess.run([CLI, "list", "--help"], capture_output=True, text=True, check=True,
                         env=dict(os.environ, **GERMAN)).stdout
    words = translated(de, "Show at most N papers (default 50)")
    assert words in out, f"“{words}” is not in:\n{out}"
    for line in out.splitlines()[:12]:
        print("# " + line, flush=True)


def screenshot(app, name):
    path = os.path.join(SHOTS, name + ".png")
    # Caught between two frames (a page just opened), the window may have
    # drawn nothing yet: the hook says so, and it is asked again.
    for _ in range(5):
        since = app.mark()
        time.sleep(0.5)
        app.action("test-screenshot", "'%s'" % path)
        m = app.wait(r"screenshot(-failed)? ", since)
        if not m.group(1):
            print("# screenshot " + path, flush=True)
            return path
    raise AssertionError("no screenshot: " + m.string)


def accessible_names():
    """Every name on the window's accessibility tree."""
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):  # it talks, and this is TAP
        from dogtail.config import config
        config.checkForA11y = False
        config.logDebugToStdOut = False
        config.logDebugToFile = False
        from dogtail import tree

    for child in tree.root.children:
        if child.name == "paperboy":
            return {n.name for n in child.findChildren(lambda n: bool(n.name))}
    raise AssertionError("paperboy is not on the accessibility bus")


def window_in_german():
    de = german()
    os.makedirs(SHOTS, exist_ok=True)
    hf = os.path.join(DATA, "hf")
    days = sorted(os.path.join(hf, f) for f in os.listdir(hf) if f.startswith("daily_papers_"))
    subprocess.run([CLI, "import"] + days, check=True, capture_output=True)
    # Cantarell, as on a GNOME desktop, and a laptop's window.
    gtk = os.path.join(os.environ["XDG_CONFIG_HOME"], "gtk-4.0")
    os.makedirs(gtk, exist_ok=True)
    with open(os.path.join(gtk, "settings.ini"), "w") as f:
        f.write("[Settings]\ngtk-font-name=Cantarell 11\n")
    # No background service, and no network: the window starts the one and
    # syncs when the other is there (tests/window-sync-test.py checks both).
    for key, value in (("window-width", "1180"), ("window-height", "760"),
                       ("background-refresh", "false")):
        subprocess.run(["gsettings", "set", APP_ID, key, value], check=True)
    first = subprocess.run([CLI, "list", "--window", "latest", "--limit", "1", "--json"],
                           check=True, capture_output=True, text=True).stdout
    paper_id = re.search(r'"id"\s*:\s*"([^"]+)"', first).group(1)

    app = App(PAPERBOY, env=dict(os.environ, PAPERBOY_TEST_HOOKS="1", **GERMAN))
    try:
        app.wait(r"list daily date=\S+ papers=[1-9]")
        names = set()
        deadline = time.monotonic() + TIMEOUT
        wanted = {translated(de, e) for e in ("Daily", "Weekly", "Monthly", "Trending",
                                              "Starred", "Search papers")}
        while time.monotonic() < deadline and not wanted <= names:
            names = accessible_names()
            time.sleep(0.3)
        assert wanted <= names, f"not shown: {sorted(wanted - names)}"
        for english in ("Daily", "Trending", "Starred"):
            assert english not in names, f"“{english}” is still English"
        screenshot(app, "german")
        since = app.mark()
        app.action("open-paper", "'%s'" % paper_id)
        app.wait(r"paper %s " % re.escape(paper_id), since)
        screenshot(app, "german-paper")
    finally:
        app.stop()


def german_locale():
    """de_DE.UTF-8 for dates and numbers: the installed one, or one compiled
    into a folder of this run (LOCPATH) from the definitions of Debian's
    locales package."""
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    if "de_DE.utf8" in have:
        return
    locpath = os.path.join(os.environ.get("PAPERBOY_SESSION_DIR", SHOTS), "locale")
    os.makedirs(locpath, exist_ok=True)
    subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8",
                    os.path.join(locpath, "de_DE.UTF-8")], check=True, capture_output=True)
    GERMAN["LOCPATH"] = locpath


def main():
    german_locale()
    checks = [("every catalogue complete and accepted by msgfmt --check", catalogues_complete),
              ("paperboy-cli --help in German under LANGUAGE=de", cli_help_in_german),
              ("the window in German under LANGUAGE=de", window_in_german)]
    for name, func in checks:
        check(name, func)
    return plan()


if __name__ == "__main__":
    sys.exit(main())
