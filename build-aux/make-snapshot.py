#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the bundled snapshot from real captures of the Hugging Face API.

Usage: make-snapshot.py OUTPUT daily_papers_YYYY-MM-DD.json... [*trending*.json]

The items are kept as the API sent them, minus what the app never shows and
what makes up most of their size: user profiles (avatars, follower counts)
of authors and submitters.
"""

import json
import re
import sys

DROP_ITEM = {"submittedBy", "mediaUrls"}
DROP_PAPER = {"submittedOnDailyBy"}
DROP_AUTHOR = {"user", "_id", "statusLastChangedAt"}


def compact(item):
    item = {k: v for k, v in item.items() if k not in DROP_ITEM}
    paper = item.get("paper")
    if isinstance(paper, dict):
        paper = {k: v for k, v in paper.items() if k not in DROP_PAPER}
        if isinstance(paper.get("authors"), list):
            paper["authors"] = [
                {k: v for k, v in a.items() if k not in DROP_AUTHOR} if isinstance(a, dict) else a
                for a in paper["authors"]
            ]
        org = paper.get("organization")
        if isinstance(org, dict):
            paper["organization"] = {k: v for k, v in org.items() if k != "avatar"}
        item["paper"] = paper
    item.pop("organization", None)
    return item


def main():
    output, inputs = sys.argv[1], sys.argv[2:]
    lists = []
    for path in sorted(inputs):
        with open(path, encoding="utf-8") as f:
            items = [compact(i) for i in json.load(f)]
        m = re.search(r"(\d{4}-\d{2}-\d{2})", path)
        if "trending" in path:
            lists.append({"kind": "trending", "items": items})
        elif m:
            lists.append({"kind": "daily", "date": m.group(1), "items": items})
        else:
            sys.exit(f"{path}: neither a daily list nor trending")
    dates = [l["date"] for l in lists if l["kind"] == "daily"]
    snapshot = {"paperboy-snapshot": 1, "created": max(dates), "lists": lists}
    with open(output, "w", encoding="utf-8") as f:
        json.dump(snapshot, f, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main()
