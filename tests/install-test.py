#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `meson install` into a temporary DESTDIR, checked file by file against
# the list below; the installed launcher, D-Bus service, autostart entry and
# systemd unit checked to name the installed programs, and validated; then
# `ninja uninstall`, which must leave nothing behind. Prints TAP.
#
#   install-test.py SOURCE-DIR BUILD-DIR MESON NINJA APP-ID PREFIX BINDIR DATADIR
#                   SYSCONFDIR LOCALEDIR SYSTEMD-USER-UNIT-DIR
#
# The directories are the build's absolute ones. The post-install steps
# (compiling the schemas, the icon cache) do not run into a DESTDIR; the
# schema is compiled here from the installed tree instead.

import os
import shutil
import stat
import subprocess
import sys
import tempfile

from pbtest import check, plan

(SOURCE, BUILD, MESON, NINJA, APP_ID, PREFIX, BINDIR, DATADIR, SYSCONFDIR, LOCALEDIR,
 UNITDIR) = sys.argv[1:12]
LOG = os.path.join(BUILD, "meson-logs", "install-log.txt")


def linguas():
    with open(os.path.join(SOURCE, "po", "LINGUAS"), encoding="utf-8") as f:
        words = " ".join(line.split("#")[0] for line in f).split()
    return sorted(words)


def expected_files():
    files = {
        f"{BINDIR}/paperboy",
        f"{BINDIR}/paperboy-cli",
        f"{DATADIR}/applications/{APP_ID}.desktop",
        f"{DATADIR}/metainfo/{APP_ID}.metainfo.xml",
        f"{DATADIR}/glib-2.0/schemas/io.github.paperboy.Paperboy.gschema.xml",
        f"{DATADIR}/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"{DATADIR}/icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg",
        f"{DATADIR}/dbus-1/services/{APP_ID}.service",
        f"{UNITDIR}/paperboy-sync.service",
        f"{UNITDIR}/graphical-session.target.wants/paperboy-sync.service",
        f"{SYSCONFDIR}/xdg/autostart/{APP_ID}.Service.desktop",
    }
    files |= {f"{LOCALEDIR}/{lang}/LC_MESSAGES/paperboy.mo" for lang in linguas()}
    return files


def installed(root):
    """Every file and symbolic link under root, as absolute paths inside it."""
    found = set()
    for path, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(path, d))]:
            found.add("/" + os.path.relpath(os.path.join(path, name), root))
    return found


def read_key(path, group, key):
    value = None
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("["):
                current = line
            elif current == f"[{group}]" and line.startswith(key + "="):
                value = line[len(key) + 1:]
    assert value is not None, f"{path}: no {key} in [{group}]"
    return value


def run(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def main():
    dest = tempfile.mkdtemp(prefix="pb-install-")
    saved_log = None
    if os.path.exists(LOG):
        with open(LOG, encoding="utf-8") as f:
            saved_log = f.read()

    def at(path):
        return dest + path

    def install():
        run(MESON, "install", "-C", BUILD, "--no-rebuild", "--quiet", "--destdir", dest)

    def file_by_file():
        found = installed(dest)
        for path in sorted(found):
            print(f"# installed: {path}")
        expected = expected_files()
        missing = sorted(expected - found)
        unexpected = sorted(found - expected)
        assert not missing and not unexpected, f"missing: {missing}, unexpected: {unexpected}"
        for program in ("paperboy", "paperboy-cli"):
            mode = os.stat(at(f"{BINDIR}/{program}")).st_mode
            assert mode & stat.S_IXUSR and mode & stat.S_IXOTH, f"{program}: mode {oct(mode)}"
        link = f"{UNITDIR}/graphical-session.target.wants/paperboy-sync.service"
        assert os.readlink(at(link)) == "../paperboy-sync.service", os.readlink(at(link))
        assert os.path.isfile(at(link))

    def names_the_programs():
        desktop = at(f"{DATADIR}/applications/{APP_ID}.desktop")
        service = at(f"{DATADIR}/dbus-1/services/{APP_ID}.service")
        autostart = at(f"{SYSCONFDIR}/xdg/autostart/{APP_ID}.Service.desktop")
        unit = at(f"{UNITDIR}/paperboy-sync.service")
        expectations = [
            (read_key(desktop, "Desktop Entry", "Exec"), f"{BINDIR}/paperboy %U"),
            (read_key(desktop, "Desktop Entry", "Icon"), APP_ID),
            (read_key(desktop, "Desktop Entry", "DBusActivatable"), "true"),
            (read_key(service, "D-BUS Service", "Name"), APP_ID),
            (read_key(service, "D-BUS Service", "Exec"), f"{BINDIR}/paperboy --gapplication-service"),
            (read_key(autostart, "Desktop Entry", "Exec"), f"{BINDIR}/paperboy-cli service"),
            (read_key(unit, "Service", "ExecStart"), f"{BINDIR}/paperboy-cli service"),
        ]
        for value, expected in expectations:
            assert value == expected, f"{value!r} is not {expected!r}"
        for path in (f"{BINDIR}/paperboy", f"{BINDIR}/paperboy-cli"):
            assert os.access(at(path), os.X_OK), path
        # The launcher's file name is what DBusActivatable looks for.
        assert os.path.basename(desktop) == read_key(service, "D-BUS Service", "Name") + ".desktop"

    def validate():
        for path in (f"{DATADIR}/applications/{APP_ID}.desktop",
                     f"{SYSCONFDIR}/xdg/autostart/{APP_ID}.Service.desktop"):
            out = run("desktop-file-validate", at(path))
            print(f"# desktop-file-validate {path}: {out.stdout.strip() or 'no complaint'}")
        out = run("appstreamcli", "validate", "--no-net", "--strict",
                  at(f"{DATADIR}/metainfo/{APP_ID}.metainfo.xml"))
        for line in out.stdout.strip().splitlines():
            print(f"# appstreamcli: {line}")
        schemas = at(f"{DATADIR}/glib-2.0/schemas")
        compiled = os.path.join(dest, "gschemas.compiled")
        run("glib-compile-schemas", "--strict", f"--targetdir={dest}", schemas)
        out = run("gsettings", "--schemadir", dest, "list-keys", "io.github.paperboy.Paperboy")
        assert "background-refresh" in out.stdout.split(), out.stdout
        os.unlink(compiled)

    def uninstall():
        run(NINJA, "-C", BUILD, "uninstall")
        left = installed(dest)
        assert not left, f"left behind: {sorted(left)}"
        # Meson removes the directories it created; whatever is left is an
        # empty directory, which goes now.
        for path, dirs, files in os.walk(dest, topdown=False):
            assert not files, files
            if path != dest:
                os.rmdir(path)
        assert os.listdir(dest) == []

    try:
        check("meson install into a DESTDIR", install)
        check("the installed files are exactly the expected ones", file_by_file)
        check("the launcher, D-Bus service, autostart entry and unit name the installed programs",
              names_the_programs)
        check("the installed launcher, autostart entry, metainfo and schema are valid", validate)
        check("uninstalling leaves nothing behind", uninstall)
    finally:
        shutil.rmtree(dest, ignore_errors=True)
        # The developer's own install log, if any, is theirs again.
        if saved_log is not None:
            with open(LOG, "w", encoding="utf-8") as f:
                f.write(saved_log)
        elif os.path.exists(LOG):
            os.unlink(LOG)

    return plan()


if __name__ == "__main__":
    sys.exit(main())
