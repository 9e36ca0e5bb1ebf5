#!/usr/bin/python3
# test-cli.py
#
# Copyright 2026 The Paperboy authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Drives paperboy-cli as a user or a script would and checks what it says.

Usage: test-cli.py PAPERBOY-CLI TESTS-DATA-DIR

Speaks TAP. Every --json output is parsed with a strict parser; BibTeX is
parsed with bibtexparser (Debian: python3-bibtexparser). Each test gets its
own folder, and $HOME and the XDG folders point into it, so the real
~/.local/share/paperboy is never touched.
"""

import glob
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import traceback

try:
    import bibtexparser
except ImportError:
    print("Bail out! python3-bibtexparser is missing: apt install python3-bibtexparser")
    sys.exit(1)

CLI = os.path.abspath(sys.argv[1])
DATA = os.path.abspath(sys.argv[2])
HF = os.path.join(DATA, "hf")
SEED = os.path.join(DATA, "seed", "search-page.json")
HOSTILE = os.path.join(DATA, "hostile")
FIXTURES = sorted(glob.glob(os.path.join(HF, "*.json"))) + [SEED]
AUG17 = os.path.join(HF, "daily_papers_2026-08-17.json")
TIMEOUT = 120

PAPER_FIELDS = {
    "id": str,
    "title": str,
    "authors": list,
    "published_at": (str, type(None)),
    "listed_on": (str, type(None)),
    "upvotes": (int, type(None)),
    "comments": (int, type(None)),
    "github_stars": (int, type(None)),
    "starred": bool,
    "read": bool,
}


class Failure(Exception):
    pass


def check(condition, message="check failed"):
    if not condition:
        raise Failure(message)


def check_equal(actual, expected, what="value"):
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


def strict_json(text):
    """json.loads that refuses NaN and Infinity, which JSON does not have."""

    def refuse(constant):
        raise Failure(f"non-standard JSON constant {constant}")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        check(len(keys) == len(set(keys)), f"duplicate keys in {keys}")
        return dict(pairs)

    try:
        return json.loads(text, parse_constant=refuse, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as e:
        raise Failure(f"not JSON: {e}: {text[:300]!r}")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def items_of(path):
    data = load(path)
    return data if isinstance(data, list) else [data]


def paper_of(item):
    return item["paper"] if isinstance(item.get("paper"), dict) else item


def ids_of(path):
    return [paper_of(i)["id"] for i in items_of(path)]


class Env:
    """One test's folder, fake home and database."""

    def __init__(self, root):
        self.root = root
        self.home = os.path.join(root, "home")
        self.db = os.path.join(root, "papers.db")
        os.makedirs(self.home)
        self.environ = dict(os.environ)
        self.environ.update({
            "HOME": self.home,
            "XDG_DATA_HOME": os.path.join(self.home, ".local", "share"),
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
            "LC_ALL": "C.UTF-8",
            "NO_COLOR": "1",
        })

    def run(self, *args, code=0, db=True):
        """Runs the tool; checks the exit status and, for errors, that stderr
        is exactly one line."""
        argv = [CLI] + (["--db", self.db] if db is True else ["--db", db] if db else []) + list(args)
        result = subprocess.run(argv, env=self.environ, capture_output=True, timeout=TIMEOUT)
        stdout = result.stdout.decode("utf-8")
        stderr = result.stderr.decode("utf-8")
        if result.returncode != code:
            raise Failure(f"{' '.join(args)}: exit status {result.returncode}, expected {code}\n"
                          f"stdout: {stdout[:2000]}\nstderr: {stderr[:2000]}")
        if code == 1:
            lines = stderr.splitlines()
            check(len(lines) == 1 and stderr.endswith("\n"),
                  f"{' '.join(args)}: an error is one line on stderr, got {stderr!r}")
            check(lines[0].startswith("paperboy-cli: "), f"unprefixed error {lines[0]!r}")
        if code == 2:
            check(stderr.strip() != "", f"{' '.join(args)}: usage error without a message")
            check(stdout == "", f"{' '.join(args)}: usage error printed {stdout!r}")
        return stdout, stderr

    def json(self, command, *args, db=True):
        # --json first: after a "--" it would be a search word.
        stdout, _ = self.run(command, "--json", *args, db=db)
        return strict_json(stdout)

    def import_all(self):
        self.run("import", *FIXTURES)


def check_paper(paper, extra=()):
    for name, kind in PAPER_FIELDS.items():
        check(name in paper, f"paper without {name}: {paper}")
        check(isinstance(paper[name], kind), f"{name} is {paper[name]!r}")
    check(all(isinstance(a, str) and a for a in paper["authors"]), f"authors {paper['authors']}")
    check(paper["title"].strip() == paper["title"] and "\n" not in paper["title"],
          f"title {paper['title']!r}")
    for name in ("upvotes", "comments", "github_stars"):
        check(paper[name] is None or paper[name] >= 0, f"{name} {paper[name]}")
    if paper["published_at"] is not None:
        check(re.fullmatch(r"\d{4}-\d{2}-\d{2}", paper["published_at"]),
              f"published_at {paper['published_at']}")
    for name in extra:
        check(name in paper, f"paper without {name}")


def check_papers(papers, extra=()):
    check(isinstance(papers, list), f"not a list: {papers!r:.200}")
    for paper in papers:
        check_paper(paper, extra)
    ids = [p["id"] for p in papers]
    check(len(ids) == len(set(ids)), "the same paper twice")
    return ids


def non_increasing(values):
    return all(a >= b for a, b in zip(values, values[1:]))


# The tests, in order. Each gets a fresh Env.

TESTS = []


def test(function):
    TESTS.append(function)
    return function


@test
def help_and_version(env):
    stdout, _ = env.run("--help", db=False)
    check("Commands:" in stdout)
    commands = re.findall(r"^  ([\w-]+) ", stdout.split("Commands:")[1].split("Options:")[0], re.M)
    check_equal(sorted(commands), sorted(["import", "list", "search", "show", "star", "unstar",
                                          "read", "unread", "export", "status", "sync", "run-due",
                                          "service", "digest", "account"]), "commands")
    for command in commands:
        out, _ = env.run(command, "--help", db=False)
        check(f"paperboy-cli {command}" in out, f"{command} --help: {out!r}")
        check("--db" in out, f"{command} --help does not mention --db")
    out, _ = env.run("--version", db=False)
    check(out.startswith("paperboy-cli "), out)
    # After --db too (in a sanitizer build: without leaking it).
    env.run("--help")
    env.run("--version")
    # No command at all is a usage error, with the help on stderr.
    env.run(code=2, db=False)


@test
def usage_errors(env):
    env.import_all()
    for args in [
        ("frobnicate",),
        ("--frobnicate", "list"),
        ("list", "--frobnicate"),
        ("list", "--window", "fortnight"),
        ("list", "--window", ""),
        ("list", "--sort", "random"),
        ("list", "--date", "2026-13-45"),
        ("list", "--date", "2025-02-29"),
        ("list", "--date", "yesterday"),
        ("list", "--limit", "-1"),
        ("list", "--limit", "many"),
        ("list", "unexpected"),
        ("search",),
        ("search", "--limit", "0", "neurons"),
        ("show",),
        ("show", "2608.09888", "2608.09888"),
        ("star",),
        ("unread",),
        ("export", "--format", "xml"),
        ("export", "extra"),
        ("status", "extra"),
        ("import",),
        ("import", "--date", "2026-02-30", AUG17),
        ("import", "--trending", "--no-list", AUG17),
    ]:
        env.run(*args, code=2)


@test
def import_report(env):
    report = env.json("import", *FIXTURES)
    files = report["files"]
    check_equal(len(files), len(FIXTURES), "files")
    for path, entry in zip(FIXTURES, files):
        check_equal(entry["path"], path, "path")
        check(entry["error"] is None, entry)
        check_equal(entry["items"], len(items_of(path)), f"{path} items")
        check_equal(entry["new"], len(items_of(path)), f"{path} new")
        check_equal(entry["skipped"], 0, f"{path} skipped")
        match = re.search(r"\d{4}-\d{2}-\d{2}", os.path.basename(path))
        check_equal(entry["list_date"], match.group(0) if match else None, "list_date")

    # The same files again: nothing new, nothing updated.
    again = env.json("import", *FIXTURES)
    for path, entry in zip(FIXTURES, again["files"]):
        check_equal((entry["new"], entry["updated"], entry["unchanged"]),
                    (0, 0, len(items_of(path))), f"{path} again")

    # Plain output: one line per file.
    stdout, _ = env.run("import", AUG17)
    check_equal(len(stdout.splitlines()), 1, "lines")
    check("23 papers (0 new, 0 updated, 23 unchanged, 0 skipped); daily list of 17 August 2026"
          in stdout, stdout)


@test
def import_bad_files(env):
    env.import_all()
    before = env.json("status")
    with open(os.path.join(env.root, "daily_papers_2026-08-21.json"), "wb") as f:
        f.write(b'[{"id": "2401.00001",\n  "title": "Caf\xe9"}]')
    bad = f.name

    _, stderr = env.run("import", bad, code=1)
    check(bad in stderr and "line 2, column 16" in stderr and "UTF-8" in stderr, stderr)

    _, stderr = env.run("import", os.path.join(env.root, "missing.json"), code=1)
    check("missing.json" in stderr, stderr)

    # Good files around it are imported, and the exit status still says 1.
    stdout, stderr = env.run("import", SEED, bad, code=1)
    check("193 papers" in stdout, stdout)
    check(bad in stderr, stderr)

    after = env.json("status")
    check_equal(after["papers"], before["papers"], "papers")
    check_equal(after["latest_daily_list"], "2026-08-20", "latest list")


EXPECTED_HOSTILE = {
    "wrong-types.json": 0, "duplicates.json": 0, "markup.json": 0, "escapes.json": 0,
    "counts.json": 0, "latin1.json": 1, "truncated.json": 1, "error-object.json": 1,
    "empty.json": 1, "not-papers.json": 1, "nested.json": 1,
}


@test
def import_hostile_files(env):
    names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(HOSTILE, "*.json")))
    check_equal(names, sorted(EXPECTED_HOSTILE), "hostile files")
    for name in names:
        env.run("import", os.path.join(HOSTILE, name), code=EXPECTED_HOSTILE[name])
    papers = env.json("list", "--window", "all", "--limit", "1000")
    check_papers(papers)
    check_equal(len(papers), 13, "papers")
    markup = env.json("show", "2401.00021")
    check_equal(markup["title"],
                "<b>Bold</b> & <script>alert('x')</script> AT&T &amp; a < b > c", "title")


@test
def list_days(env):
    env.import_all()
    stdout, _ = env.run("list")
    check(stdout.startswith("Daily papers of 20 August 2026 — 15 papers\n"), stdout)

    latest = env.json("list")
    ids = check_papers(latest, extra=("rank",))
    check_equal(sorted(ids), sorted(ids_of(os.path.join(HF, "daily_papers_2026-08-20.json"))),
                "latest day")
    check(non_increasing([p["upvotes"] for p in latest]), "not by upvotes")

    day = env.json("list", "--date", "2026-08-17", "--sort", "rank")
    check_equal([p["id"] for p in day], ids_of(AUG17), "ranked day")
    check_equal([p["rank"] for p in day], list(range(1, 24)), "ranks")
    fixture = {paper_of(i)["id"]: i for i in items_of(AUG17)}
    for paper in day:
        item = fixture[paper["id"]]
        check_equal(paper["upvotes"], item["paper"]["upvotes"], "upvotes")
        check_equal(paper["comments"], item["numComments"], "comments")
        check_equal(paper["authors"][0], item["paper"]["authors"][0]["name"], "first author")
        check_equal(paper["listed_on"], "2026-08-17", "listed_on")
        check_equal(paper["published_at"], item["paper"]["publishedAt"][:10], "published_at")

    weekend = env.json("list", "--date", "2026-08-16")
    check_equal(weekend, [], "a day without a list")


@test
def list_windows(env):
    env.import_all()
    august = set()
    for day in ("17", "18", "19", "20"):
        august |= set(ids_of(os.path.join(HF, f"daily_papers_2026-08-{day}.json")))
    trending = ids_of(os.path.join(HF, "daily_papers_sort_trending.json"))

    week = env.json("list", "--window", "week", "--date", "2026-08-19", "--limit", "1000")
    check_equal(set(check_papers(week)), august, "week")
    month = env.json("list", "--window", "month", "--date", "2026-08-02", "--limit", "1000")
    check_equal(set(check_papers(month)), august, "month")
    check_equal(len(env.json("list", "--window", "week")), 50, "default limit")
    check_equal([p["id"] for p in env.json("list", "--window", "trending")], trending, "trending")
    every = env.json("list", "--window", "all", "--limit", "1000")
    check_equal(len(check_papers(every)), 350, "all")
    check_equal(env.json("list", "--window", "latest"), env.json("list"), "latest")
    old = env.json("list", "--window", "month", "--date", "2024-10-09", "--limit", "100")
    check_equal(set(p["id"] for p in old),
                set(ids_of(os.path.join(HF, "daily_papers_2024-10-25.json"))), "October 2024")

    stdout, _ = env.run("list", "--window", "week", "--date", "2026-08-19")
    check(stdout.startswith("Papers listed from 17 August 2026 to 23 August 2026 — 93 papers"),
          stdout)


@test
def list_sorts_and_paging(env):
    env.import_all()
    for order, key in [("upvotes", "upvotes"), ("comments", "comments"),
                       ("stars", "github_stars"), ("date", "published_at")]:
        papers = env.json("list", "--window", "all", "--sort", order, "--limit", "1000")
        check_equal(len(papers), 350, order)
        known = [p[key] for p in papers if p[key] is not None]
        check(len(set(known)) > 1, f"{order}: nothing to sort")
        check_equal([p[key] for p in papers[:len(known)]], known, f"{order}: unknown values last")
        check(non_increasing(known), f"not sorted by {order}")

    full = env.json("list", "--window", "all", "--limit", "1000")
    pages = []
    for offset in range(0, 360, 40):
        pages += env.json("list", "--window", "all", "--limit", "40", "--offset", str(offset))
    check_equal([p["id"] for p in pages], [p["id"] for p in full], "pages")


@test
def search(env):
    env.import_all()
    results = env.json("search", "neurons", "--limit", "100")
    ids = check_papers(results, extra=("score", "snippet"))
    check(len(ids) > 40, f"{len(ids)} results")
    check(non_increasing([p["score"] for p in results]), "not by score")
    check(all(isinstance(p["score"], (int, float)) for p in results), "score")
    marked = [p["snippet"] for p in results if p["snippet"] and "**" in p["snippet"]]
    check(marked, "no marked snippet")
    for snippet in marked:
        for word in re.findall(r"\*\*(.+?)\*\*", snippet):
            check(word.lower().startswith("neuron"), f"marked {word!r}")

    stdout, _ = env.run("search", "neurons", "--limit", "100")
    match = re.match(r"(\d+) papers match “neurons”\n", stdout)
    check(match, stdout[:200])
    if len(ids) < 100:
        check_equal(int(match.group(1)), len(ids), "count")

    runnan = [paper_of(i)["id"] for i in items_of(os.path.join(HF, "daily_papers_2025-06-02.json"))
              if any(a["name"] == "Runnan Lu" for a in paper_of(i)["authors"])]
    check_equal([p["id"] for p in env.json("search", "author:Runnan")], runnan, "author")

    for text in ['"', '"unbalanced', "NEAR(a b", "a AND OR NOT", "title:x", "*", "-x",
                 "'; DROP TABLE papers; --", "🧠", "神经网络", "e\u0301", "{title}: x", "^a",
                 "\\", "%", "author:", '""', "(((", "x" * 5000]:
        papers = env.json("search", "--", text)
        check_papers(papers, extra=("score", "snippet"))
    # Without "--", a leading dash is an option, as everywhere.
    env.run("search", "-x", code=2)
    check_equal(env.json("status")["papers"], 350, "papers after searching")


@test
def show(env):
    env.import_all()
    item = items_of(AUG17)[0]
    paper_id = item["paper"]["id"]
    paper = env.json("show", paper_id)
    check_paper(paper, extra=("abstract", "huggingface_url", "arxiv_url", "pdf_url", "raw"))
    check_equal(paper["raw"], item, "raw item")
    check_equal(paper["arxiv_url"], f"https://arxiv.org/abs/{paper_id}", "arxiv_url")
    check_equal(paper["pdf_url"], f"https://arxiv.org/pdf/{paper_id}", "pdf_url")
    check_equal(paper["huggingface_url"], f"https://huggingface.co/papers/{paper_id}", "hf url")
    check_equal(paper["abstract"], " ".join(item["paper"]["summary"].split()), "abstract")

    # Addresses and versions name the same paper.
    for alias in (f"https://arxiv.org/abs/{paper_id}v2", f"arXiv:{paper_id}",
                  f"https://huggingface.co/papers/{paper_id}"):
        check_equal(env.json("show", alias)["id"], paper_id, alias)

    seed = env.json("show", "seed-001")
    check_equal((seed["arxiv_url"], seed["authors"], seed["upvotes"]), (None, [], None), "seed")

    stdout, _ = env.run("show", paper_id)
    check(stdout.startswith(item["paper"]["title"] + "\n"), stdout[:200])

    _, stderr = env.run("show", "9999.99999", code=1)
    check("9999.99999" in stderr, stderr)
    env.run("show", "../../etc/passwd", code=1)


@test
def user_state(env):
    env.import_all()
    ids = ids_of(AUG17)
    env.run("star", ids[0], ids[1])
    env.run("read", ids[0])
    check(env.json("show", ids[0])["starred"], "not starred")
    check(env.json("show", ids[0])["read"], "not read")
    starred = env.json("list", "--starred")
    check_equal(sorted(p["id"] for p in starred), sorted(ids[:2]), "starred")
    check_equal(env.json("status")["starred"], 2, "status starred")
    unread = env.json("list", "--unread", "--limit", "1000")
    check_equal(len(unread), 349, "unread")
    check(ids[0] not in [p["id"] for p in unread], "read paper listed as unread")

    # Stars survive importing the same papers again.
    env.import_all()
    check_equal(sorted(p["id"] for p in env.json("list", "--starred")), sorted(ids[:2]), "kept")

    env.run("unstar", ids[1])
    env.run("unread", ids[0])
    check(not env.json("show", ids[1])["starred"], "still starred")
    check(not env.json("show", ids[0])["read"], "still read")
    check_equal([p["id"] for p in env.json("list", "--starred")], [ids[0]], "starred")

    _, stderr = env.run("star", "9999.99999", code=1)
    check("9999.99999" in stderr, stderr)
    env.run("read", "not/a/paper", code=1)


def brace_balance_ok(text):
    depth = 0
    for c in text:
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def split_names(authors):
    """BibTeX's "and" between names, not inside braces."""
    names, depth, start = [], 0, 0
    for i, c in enumerate(authors):
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth == 0 and authors.startswith(" and ", i):
            names.append(authors[start:i])
            start = i + 5
    return names + [authors[start:]]


def split_entries(text):
    return [e for e in re.split(r"\n(?=@)", text.strip()) if e.strip()]


SPECIAL_TITLE = r"Braces {x} & 100% a_b $5 #1 ~tilde ^caret \backslash"


@test
def export(env):
    env.import_all()
    special = os.path.join(env.root, "special.json")
    with open(special, "w", encoding="utf-8") as f:
        json.dump([{"id": "2401.00099", "title": SPECIAL_TITLE,
                    "authors": [{"name": "Ann {B} O'Neil"}, {"name": "Smith, John"},
                                {"name": "Tom and Jerry"}],
                    "publishedAt": "2024-01-31T00:00:00.000Z"},
                   {"id": "2401.00098", "title": "Only an opening { brace",
                    "publishedAt": "2024-01-31T00:00:00.000Z"},
                   {"id": "2401.00097", "title": "Only a closing } brace",
                    "authors": [{"name": "Un } Balanced"}]}], f)
    env.run("import", special)
    env.run("star", "2401.00099", "2608.09888")

    papers = strict_json(env.run("export")[0])
    check_papers(papers, extra=("abstract", "raw", "arxiv_url"))
    check_equal(len(papers), 353, "exported")
    starred = strict_json(env.run("export", "--starred", "--format", "json")[0])
    check_equal(sorted(p["id"] for p in starred), ["2401.00099", "2608.09888"], "starred export")

    text, _ = env.run("export", "--format", "bibtex")
    entries = split_entries(text)
    check_equal(len(entries), 353, "entries in the text")
    for entry in entries:
        check(brace_balance_ok(entry), f"unbalanced braces in {entry}")

    database = bibtexparser.loads(text)
    check_equal(len(database.entries), 353, "entries bibtexparser read")
    keys = [e["ID"] for e in database.entries]
    check_equal(len(set(keys)), len(keys), "unique keys")
    by_eprint = {e.get("eprint"): e for e in database.entries}
    arxiv = [p for p in papers if p["arxiv_url"]]
    check_equal(len(arxiv), 353 - 193, "arXiv papers")
    for paper in arxiv:
        entry = by_eprint.get(paper["id"])
        check(entry is not None, f"no entry with eprint {paper['id']}")
        check_equal(entry.get("archiveprefix"), "arXiv", "archivePrefix")
        check_equal(entry["ENTRYTYPE"], "misc", "entry type")
        if paper["published_at"]:
            check_equal(entry.get("year"), paper["published_at"][:4], "year")
    for entry in database.entries:
        check(entry.get("title"), f"entry without a title: {entry}")

    # Every TeX special is escaped, and nothing else lost.
    entry = by_eprint["2401.00099"]
    title = entry["title"]
    for raw, escaped in [("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("$", r"\$"), ("#", r"\#")]:
        check(escaped in title, f"{raw} not escaped in {title!r}")
    for command in ("tilde", "circum", "backslash"):
        check(re.search(rf"\\text(ascii)?{command}", title), f"{command} not escaped: {title!r}")
    unescaped = re.sub(r"\\[&%_$#{}]", "", title)
    unescaped = re.sub(r"\\[a-z]+\{\}", "", unescaped)
    check(not re.search(r"[&%_$#~^\\]", unescaped), f"raw special left in {title!r}")
    check("{x}" not in title.replace("\\{x\\}", ""), f"braces not escaped: {title!r}")
    names = split_names(entry["author"])
    check_equal(len(names), 3, f"authors {names!r}")
    check_equal(names[1:], ["{Smith, John}", "{Tom and Jerry}"], "braced names")

    # A lone brace in a title cannot break the entry or the ones after it.
    check("2401.00098" in by_eprint and "2401.00097" in by_eprint, "lone-brace entries lost")
    check("brace" in by_eprint["2401.00098"]["title"], by_eprint["2401.00098"])


@test
def status(env):
    env.import_all()
    status = env.json("status")
    for name, kind in [("database", str), ("schema_version", int), ("papers", int),
                       ("starred", int), ("latest_daily_list", str), ("trending_fetched_at", int),
                       ("bundled_snapshot", bool)]:
        check(isinstance(status.get(name), kind), f"{name}: {status.get(name)!r}")
    check_equal(status["database"], env.db, "database")
    with sqlite3.connect(env.db) as connection:
        user_version = connection.execute("PRAGMA user_version").fetchone()[0]
    check(status["schema_version"] >= 2, f"schema {status['schema_version']}")
    check_equal(status["schema_version"], user_version, "schema")
    check_equal(status["papers"], 350, "papers")
    check_equal(status["latest_daily_list"], "2026-08-20", "latest")
    check_equal(status["bundled_snapshot"], False, "snapshot")
    stdout, _ = env.run("status")
    check("350" in stdout, stdout)


@test
def default_database(env):
    """Without --db: $XDG_DATA_HOME/paperboy/papers.db, private, with the
    bundled papers on first use."""
    data_home = env.environ["XDG_DATA_HOME"]
    path = os.path.join(data_home, "paperboy", "papers.db")
    status = env.json("status", db=False)
    check_equal(status["database"], path, "database")
    check_equal(stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode), 0o700, "folder mode")
    check_equal(stat.S_IMODE(os.stat(path).st_mode), 0o600, "file mode")

    snapshot = set()
    for name in glob.glob(os.path.join(HF, "daily_papers_*.json")):
        snapshot |= set(ids_of(name))
    check_equal(status["papers"], len(snapshot), "bundled papers")
    check_equal(status["bundled_snapshot"], True, "bundled_snapshot")
    check_equal(status["snapshot_created"], "2026-08-20", "snapshot_created")
    check_equal(len(env.json("list", db=False)), 15, "latest day")
    check_equal(env.json("status", db=False)["papers"], len(snapshot), "imported once")

    # import brings its own papers, never the bundled ones.
    fresh = os.path.join(env.root, "fresh.db")
    env.run("import", SEED, db=fresh)
    check_equal(env.json("status", db=fresh)["papers"], 193 + 0, "import into a new database")


def file_state(path):
    with open(path, "rb") as f:
        data = f.read()
    return data, os.stat(path).st_mtime_ns


@test
def refused_databases(env):
    env.run("import", AUG17)
    newer = env.json("status")["schema_version"] + 1
    connection = sqlite3.connect(env.db)
    connection.execute(f"PRAGMA user_version = {newer}")
    connection.close()
    before = file_state(env.db)
    for args in (("status",), ("list",), ("import", SEED), ("star", ids_of(AUG17)[0])):
        _, stderr = env.run(*args, code=1)
        check("newer version of Paperboy" in stderr, stderr)
    check_equal(file_state(env.db), before, "newer database changed")

    foreign = os.path.join(env.root, "foreign.db")
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.execute("INSERT INTO notes VALUES ('mine')")
    connection.commit()
    connection.close()
    before = file_state(foreign)
    _, stderr = env.run("import", AUG17, db=foreign, code=1)
    check("not a Paperboy database" in stderr, stderr)
    env.run("list", db=foreign, code=1)
    check_equal(file_state(foreign), before, "foreign database changed")

    text = os.path.join(env.root, "notes.txt")
    with open(text, "w") as f:
        f.write("not a database\n" * 200)
    before = file_state(text)
    env.run("status", db=text, code=1)
    check_equal(file_state(text), before, "text file changed")


def main():
    failed = 0
    base = tempfile.mkdtemp(prefix="paperboy-cli-test-")
    try:
        for number, function in enumerate(TESTS, 1):
            root = os.path.join(base, function.__name__)
            os.makedirs(root)
            try:
                function(Env(root))
                print(f"ok {number} /cli/{function.__name__.replace('_', '-')}")
            except Exception as e:  # noqa: BLE001 — report every kind of failure
                failed += 1
                print(f"not ok {number} /cli/{function.__name__.replace('_', '-')}")
                for line in (str(e) if isinstance(e, Failure) else
                             traceback.format_exc()).splitlines():
                    print(f"# {line}")
            sys.stdout.flush()
        print(f"1..{len(TESTS)}")
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
