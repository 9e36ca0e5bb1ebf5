#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# po/POTFILES.in against the sources: every file with translatable strings
# is listed, every listed file exists; and the catalogue they make is
# sound: xgettext reads each of them with the arguments of meson's "glib"
# preset (those of the paperboy-pot target) without a warning and without
# cutting a string short, the sentences of every part are there with their
# plural forms, and a translation made from it compiles with msgfmt
# --check. Prints TAP.
#
#   potfiles-test.py SOURCE-DIR

import os
import re
import subprocess
import sys
import tempfile

from pbtest import check, plan

SOURCE = sys.argv[1]
POTFILES = os.path.join(SOURCE, "po", "POTFILES.in")
# Where translated sources live; tests/ and bench/ are not translated.
TREES = ("src", "ui", "data")

# What marks a translatable string, per kind of file.
C_MARKS = re.compile(r'(?<![\w])(?:_|N_|C_|NC_|ngettext|dngettext|g_dngettext|g_dpgettext2)'
                     r'\s*\(\s*(?:"|GETTEXT_PACKAGE)')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
# Files of these kinds are translated whole (names, comments, descriptions).
WHOLE = (".desktop.in", ".metainfo.xml.in", ".gschema.xml")

# A number followed by a plural noun in a string marked with _() or N_()
# rather than ngettext(): "%u new papers" has one form where many languages
# need several. Numbers are %u, %'d, %zu, %" PRId64 "…
PLURAL_NOUN = re.compile(r'(?<![\w])N?_\s*\("((?:[^"\\]|\\.)*?%[-\'0-9]*'
                         r'(?:[lhzj]*[udi]|"\s*PRI[diu](?:32|64)\s*")'
                         r'(?: [a-z-]+)? (?!(?:is|was|has|does|its|this|as)\b)[a-z]+s\b)')

# The core is a library: its strings name their domain (gi18n-lib.h's _()
# and g_dngettext (GETTEXT_PACKAGE, …)), never the program's default one.
CORE_DEFAULT_DOMAIN = re.compile(r'#include <glib/gi18n\.h>'
                                 r'|(?<![\w])(?:n?gettext|pgettext)\s*\(')

# The arguments of meson's i18n "glib" preset, which the paperboy-pot target
# uses: from meson itself when it is importable, else a copy of meson 1.0's.
try:
    from mesonbuild.modules.i18n import PRESET_ARGS
    PRESET = PRESET_ARGS["glib"]
    PRESET_SOURCE = "meson's"
except (ImportError, KeyError):
    PRESET_SOURCE = "a copy of meson 1.0's"
    PRESET = ["--from-code=UTF-8", "--add-comments", "--keyword=_", "--keyword=N_",
              "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dcgettext:2",
              "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
              "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
              "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
              "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
              "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
              "--flag=g_set_error:4:c-format", "--flag=g_markup_printf_escaped:1:c-format",
              "--flag=g_log:3:c-format", "--flag=g_print:1:c-format",
              "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
              "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
              "--flag=g_snprintf:3:c-format"]
XGETTEXT = ["xgettext"] + PRESET

# Sentences each part must have in the catalogue: if one is missing, its
# file is not listed or its strings are not marked.
EXPECTED = (
    'msgid "Paperboy Background Refresh"',                      # autostart entry
    'msgid "Research Papers"',                                  # launcher
    'msgid "Keep up with trending research papers"',            # metainfo
    'msgid "Refresh interval"',                                 # schema
    'msgid "Refresh in the _Background"',                       # .ui
    'msgid "%u new trending paper"\nmsgid_plural "%u new trending papers"',  # notifications
    'msgid "Hugging Face had a problem (HTTP %1$u %2$s)"',          # API client
    'msgid "a sync is already running (%s); try again when it has finished"',  # sync
    'msgid "daily list of %s"',                                 # sync failures
    'msgid "power saving is on"',                               # scheduler
    'msgid "%s: the disk is full"',                             # store
    'msgid "Cannot save a paper"',                              # store, N_() per step
    'msgid "held by process %d"',                               # lock
    'msgid "“%s” is not a string; ignored"',                    # parser
    'msgid "The bundled papers are damaged: "',                 # snapshot
    'msgid "The digest of %1$s failed; the next one is due %2$s"',  # digest schedule
    'msgid "No new trending papers since the last digest."',    # digest email
    'msgid "The mail server %s did not answer in time.',        # mailer
    'msgid "The keyring is locked"',                            # secrets
    'msgctxt "due check"\nmsgid "sync"',                        # run-due
    'msgid "%-d %B %Y"',                                        # dates for people
    'msgid "paperboy-cli: sync failed: %s\\n"',                 # command line
    'msgid "Fetch the latest papers from Hugging Face"',        # paperboy-cli --help
    'msgid "Show at most N papers (default 50)"',               # list --help
)


def listed():
    with open(POTFILES, encoding="utf-8") as f:
        lines = [line.strip() for line in f]
    return [line for line in lines if line and not line.startswith("#")]


def translatable(path):
    # Only sources are read: data/ also holds pictures (data/screenshots).
    if not path.endswith(WHOLE + (".c", ".ui")):
        return False
    with open(os.path.join(SOURCE, path), encoding="utf-8") as f:
        text = f.read()
    if path.endswith(WHOLE):
        return True
    if path.endswith(".c"):
        return bool(C_MARKS.search(text))
    if path.endswith(".ui"):
        return bool(UI_MARK.search(text))
    return False


def sources():
    found = []
    for tree in TREES:
        for path, dirs, files in os.walk(os.path.join(SOURCE, tree)):
            for name in files:
                found.append(os.path.relpath(os.path.join(path, name), SOURCE))
    return sorted(found)


def main():
    def all_listed():
        missing = [p for p in sources() if translatable(p) and p not in listed()]
        assert not missing, "not in po/POTFILES.in: " + ", ".join(missing)

    def all_exist():
        gone = [p for p in listed() if not os.path.isfile(os.path.join(SOURCE, p))]
        assert not gone, "in po/POTFILES.in, but not in the tree: " + ", ".join(gone)

    def once_each():
        names = listed()
        twice = sorted({p for p in names if names.count(p) > 1})
        assert not twice, "listed twice: " + ", ".join(twice)

    def core_domain():
        found = []
        for path in sources():
            if path.startswith("src/core/") and path.endswith((".c", ".h")):
                with open(os.path.join(SOURCE, path), encoding="utf-8") as f:
                    found += [f"{path}: {m}" for m in CORE_DEFAULT_DOMAIN.findall(f.read())]
        assert not found, ("use gi18n-lib.h and g_dngettext (GETTEXT_PACKAGE, …): "
                           + "; ".join(found))

    def plurals():
        found = []
        for path in sources():
            if path.endswith(".c"):
                with open(os.path.join(SOURCE, path), encoding="utf-8") as f:
                    found += [f"{path}: {m}" for m in PLURAL_NOUN.findall(f.read())]
        assert not found, "use ngettext for: " + "; ".join(found)

    def catalogue():
        with tempfile.TemporaryDirectory() as tmp:
            pot = os.path.join(tmp, "paperboy.pot")
            out = subprocess.run(XGETTEXT + ["--directory", SOURCE, "--files-from", POTFILES,
                                             "--output", pot, "--package-name", "paperboy"],
                                 check=True, capture_output=True, text=True)
            # Such as a string in a format position that is not a valid
            # format, or an unterminated comment.
            assert "warning" not in out.stderr.lower(), out.stderr
            with open(pot, encoding="utf-8") as f:
                # Long strings are written on several lines: one line each.
                text = f.read().replace('"\n"', '')
            for msgid in EXPECTED:
                assert msgid in text, f"{msgid} is not in the catalogue"
            # A string cut short where a macro xgettext cannot expand
            # (G_GINT64_FORMAT) met it ends in "%": xgettext does not warn.
            cut = re.findall(r'^#: (.*)\n(?:#.*\n)*msgid "((?:[^"\\]|\\.)*%)"$', text, re.M)
            assert not cut, "cut short by a macro (use PRId64): " + "; ".join(
                f"{where}: {msgid}" for where, msgid in cut)
            # A translator comment reaches the catalogue only when it comes
            # just before the line where the string starts.
            extracted = " ".join(" ".join(re.findall(r"^#\. \*? ?(.*)$", text, re.M)).split())
            lost = []
            for path in listed():
                if path.endswith(".c"):
                    with open(os.path.join(SOURCE, path), encoding="utf-8") as f:
                        source = f.read()
                    for m in re.finditer(r"/\* (Translators:.*?)\*/", source, re.S):
                        words = " ".join(re.sub(r"\n\s*\*?", " ", m.group(1)).split())
                        if words[:40] not in extracted:
                            lost.append(f"{path}:{source.count(chr(10), 0, m.start()) + 1}")
            assert not lost, ("translator comments not next to their string: "
                              + ", ".join(lost))
            n = text.count("\nmsgid ") - 1
            print(f"# {n} strings in the catalogue (xgettext with {PRESET_SOURCE} glib preset)")

            # A translation made from it, as a translator starts one, compiles.
            po = os.path.join(tmp, "de.po")
            subprocess.run(["msginit", "--no-translator", "--locale", "de_DE.UTF-8",
                            "--input", pot, "--output-file", po],
                           check=True, capture_output=True)
            subprocess.run(["msgfmt", "--check", "--output-file", os.path.join(tmp, "de.mo"),
                            po], check=True)

    check("every source file with translatable strings is in po/POTFILES.in", all_listed)
    check("every file in po/POTFILES.in exists", all_exist)
    check("no file is listed twice", once_each)
    check("the core names its gettext domain", core_domain)
    check("numbers with a plural noun go through ngettext", plurals)
    check("xgettext reads them all into a catalogue that msgfmt --check accepts", catalogue)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
