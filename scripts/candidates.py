#!/usr/bin/env python3
"""Show the candidates of one document before and after merging (a developer's aid).

usage: python scripts/candidates.py FILE.jsonl DOC_ID
"""

import json
import sys

from rasd.assemble.candidates import draft
from rasd.assemble.context import contextualize
from rasd.assemble.merge import merge, trigger_type
from rasd.ingest import document_from_record
from rasd.pipeline import analyse


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.readlines()
    rec = next(json.loads(line) for line in lines if json.loads(line)["id"] == sys.argv[2])
    a = analyse(document_from_record(rec, sys.argv[1]))
    assert a.norm is not None
    d = draft(a.norm.text, a.mentions, a.places)
    d.candidates = contextualize(d)
    for c in merge(d.candidates, a.document.published_date):
        date = a.norm.text[c.date.start : c.date.end] if c.date else None
        print(
            trigger_type(c),
            c.place.name_en if c.place else None,
            "inherited" if c.place_inherited else "",
            date,
            "denied" if c.denied else "",
        )
        for x in [c, *c.merged]:
            print(
                f"    s{x.sentence}",
                [a.norm.text[t.start : t.end] for t in x.triggers],
                x.place.name_en if x.place else None,
                a.norm.text[x.date.start : x.date.end] if x.date else None,
            )


if __name__ == "__main__":
    main()
