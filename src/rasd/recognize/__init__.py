"""Recognition: every mention in one list (lexicon and gazetteer hits, numbers, dates)."""

from __future__ import annotations

import datetime as dt

from rasd.model import Mention


def recognize(text: str, published: dt.date | None) -> list[Mention]:
    from rasd.recognize.matcher import default_matcher
    from rasd.text.dates import find_dates
    from rasd.text.numbers import find_numbers

    mentions = default_matcher().find(text) + find_numbers(text) + find_dates(text, published)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return mentions
