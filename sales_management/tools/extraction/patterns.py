# Copyright 2026 Sales Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Regular expressions that stay fast on long texts.

Python's ``re`` tries the words of an alternation one after the other at
each position; written as a tree of their common prefixes, a word list costs
one step per character instead of one per word.

>>> words("jan", "janvier", "january", "mars", "march")
'(?:jan(?:uary|vier)?|mar(?:ch|s))'
>>> import re
>>> [bool(re.fullmatch(words("jan", "janvier"), w)) for w in ("jan", "janv", "janvier")]
[True, False, True]
"""

import re


def words(*items):
    """A non-capturing group matching any of ``items`` (the longest first)."""
    tree = {}
    for item in items:
        node = tree
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}
    return _group(tree)


def _group(node):
    branches = [
        re.escape(char) + _group(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = "|".join(sorted(branches, key=len, reverse=True))
    if len(branches) > 1 or "" in node:
        body = f"(?:{body})"
    return body + "?" if "" in node else body
