"""Recognition: every mention in one list (lexicon and gazetteer hits, numbers, dates)."""

from __future__ import annotations

import datetime as dt

from rasd.model import Mention


def could_report(mentions: list[Mention]) -> bool:
    """Whether the text has a trigger and a name that may be a place in scope: without both, no report can come."""
    from rasd.geo.gazetteer import default_gazetteer

    if not any(m.kind == "trigger" for m in mentions):
        return False
    gaz = default_gazetteer()
    return any(
        p.country in ("Syria", "Iraq") or p.kind == "facility"
        for m in mentions
        if m.kind == "place"
        for p in gaz.lookup(m.key)
    )


def recognize(text: str, published: dt.date | None) -> list[Mention]:
    from rasd.recognize.matcher import default_matcher
    from rasd.text.dates import find_dates
    from rasd.text.numbers import find_numbers

    mentions = default_matcher().find(text)
    if could_report(mentions):  # numbers and dates only matter where an event may be told
        mentions += find_numbers(text) + find_dates(text, published)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions
