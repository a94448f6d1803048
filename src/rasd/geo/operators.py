"""Who holds a facility: an attack on a US base acts on US forces even when the text names none.

Data: data/gazetteer/operators.tsv (place id, actor, event types it applies to).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rasd.geo.gazetteer import Place

OPERATORS_FILE = Path(str(resources.files("rasd") / "data" / "gazetteer" / "operators.tsv"))
VIOLENT = ("Battles", "Explosions/Remote violence")


@lru_cache(maxsize=1)
def _operators() -> dict[str, str]:
    if not OPERATORS_FILE.exists():
        return {}
    with OPERATORS_FILE.open(encoding="utf-8") as f:
        return {row["place_id"]: row["actor"] for row in csv.DictReader(f, delimiter="\t")}


def operator_of(place: Place | None, event_type: str) -> str | None:
    if place is None or event_type not in VIOLENT:
        return None
    return _operators().get(place.id)
