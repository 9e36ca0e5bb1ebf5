# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the Python tests share: TAP output, waiting for a condition, and a
# running window (`paperboy` with PAPERBOY_TEST_HOOKS, whose "pb-test:"
# lines say what it does). The tests run as `python3 tests/NAME.py`, so
# `import pbtest` finds this file next to them.

import re
import subprocess
import threading
import time
import traceback

APP_ID = "io.github.paperboy.Paperboy"

results = []


def check(name, func):
    """Runs func as one TAP case: "ok N name", or "not ok N name" and the
    traceback as comments."""
    try:
        func()
        results.append(True)
        print(f"ok {len(results)} {name}", flush=True)
    except Exception:  # noqa: BLE001: every failure is a "not ok" with its story
        results.append(False)
        print(f"not ok {len(results)} {name}", flush=True)
        for line in traceback.format_exc().splitlines():
            print(f"# {line}", flush=True)


def plan():
    """The plan line at the end, and the exit status: 0 when all passed."""
    print(f"1..{len(results)}", flush=True)
    return 0 if all(results) else 1


def wait_for(what, predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def activate(name, param=None, env=None):
    """Activates the application action `name` over D-Bus (org.gtk.Actions);
    param is a GVariant in text form, such as "'trending'"."""
    subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID,
                    "--object-path", "/" + APP_ID.replace(".", "/"),
                    "--method", "org.gtk.Actions.Activate", name,
                    "[%s]" % ("<%s>" % param if param is not None else ""), "{}"],
                   check=True, stdout=subprocess.DEVNULL, env=env)


class App:
    """One run of the window, with everything it prints. Lines that are not
    "pb-test:" lines (warnings, debug messages) are shown as TAP comments."""

    def __init__(self, program, *args, env=None, timeout=30):
        self.env = env
        self.timeout = timeout
        self.lines = []
        self.times = {}
        self.cond = threading.Condition()
        self.proc = subprocess.Popen([program, *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, env=env, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.times[line] = time.monotonic()
            if (not line.startswith("pb-test:") and line.strip()
                    and "Failed to set fd limit" not in line):
                print("# app: " + line, flush=True)
            with self.cond:
                self.lines.append(line)
                self.cond.notify_all()

    def mark(self):
        """Where the lines are now: wait(…, since=mark()) looks after it."""
        with self.cond:
            return len(self.lines)

    def wait(self, pattern, since=0, timeout=None, prefix="pb-test: "):
        """The first line after `since` matching prefix + pattern (a regular
        expression); fails when none comes in time or the window exits."""
        regex = re.compile("^" + re.escape(prefix) + pattern) if prefix else re.compile(pattern)
        deadline = time.monotonic() + (timeout or self.timeout)
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

    def has(self, pattern, since=0):
        with self.cond:
            return any(re.search(pattern, line) for line in self.lines[since:])

    def action(self, name, param=None):
        activate(name, param, self.env)

    def stop(self):
        """Quits through app.quit (the windows close, as with Ctrl+Q); kills
        it if it does not exit. Returns its exit status."""
        if self.proc.poll() is None:
            self.action("quit")
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
