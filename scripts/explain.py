#!/usr/bin/env python3
"""Print each report of a JSON Lines prediction file with the evidence behind it (a developer's aid).

usage: python scripts/explain.py PRED.jsonl [DOC_ID]
"""

import json
import sys


def main() -> None:
    only = sys.argv[2] if len(sys.argv) > 2 else None
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.readlines()
    for line in lines:
        r = json.loads(line)
        if only and r["doc"] != only:
            continue
        print(
            f"{r['doc']} {r['role']} {r['event_date']}(p{r['time_precision']}) "
            f"{r['event_type']} / {r['sub_event_type']} "
            f"@ {r['location']} [{r['place_id']}] a1={r['actor1']} a2={r['actor2']} k={r['fatalities']} "
            f"inj={r['injured']} arr={r['arrested']} esc={r['escaped']} det={r['detainees_held']}"
        )
        for e in r["evidence"]:
            print(f"    {e['field']:10} «{e['text']}»  ⟦{e['sentence'][:140]}⟧")


if __name__ == "__main__":
    main()
