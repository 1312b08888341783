"""Large briefings for the scale benchmark, generated deterministically from the bundled one.

Events and actors are copies of the bundled ones with new ids, dates spread over
2020-2025 at every precision (day, month, year, spans) and actors drawn from the
whole cast, so that loading, validating and filtering do real work. The same
arguments always give the same bytes.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "data" / "briefing.json"


def large_briefing(*, events: int, actors: int, seed: int = 14072025) -> dict[str, object]:
    rng = random.Random(seed)
    document: dict[str, Any] = json.loads(BUNDLED.read_text(encoding="utf-8"))
    cast = document["actors"]
    new_actors = []
    for index in range(actors):
        actor = dict(cast[index % len(cast)])
        actor["id"] = f"{actor['id']}-{index:05d}" if index >= len(cast) else actor["id"]
        if index >= len(cast):
            actor["name"] = {lang: f"{name} {index}" for lang, name in actor["name"].items()}
        actor.pop("correction", None) if index >= len(cast) else None
        if actor.get("affiliation"):
            actor["affiliation"] = cast[[a["id"] for a in cast].index(actor["affiliation"])]["id"]
        new_actors.append(actor)
    ids = [actor["id"] for actor in new_actors]
    templates = document["events"]
    first_day = date(2020, 1, 1)
    new_events = []
    for index in range(events):
        event = dict(templates[index % len(templates)])
        # Lean copies: the first source with a URL and the detail's first sentence, so that 100,000
        # events stay near the 100 MiB the scale targets were set for, however long the
        # bundled texts grow.
        event["sources"] = [source for source in event.get("sources", []) if source.get("url")][:1]
        event["detail"] = {lang: text.split(". ")[0] for lang, text in event["detail"].items()}
        day = first_day + timedelta(days=rng.randrange(6 * 365))
        shape = rng.random()
        event.pop("end", None)
        if shape < 0.7:
            event["date"], event["precision"] = day.isoformat(), "day"
            if shape < 0.1:
                event["end"] = (day + timedelta(days=rng.randrange(1, 20))).isoformat()
        elif shape < 0.95:
            event["date"], event["precision"] = day.isoformat()[:7], "month"
        else:
            event["date"], event["precision"] = day.isoformat()[:4], "year"
        event["id"] = f"event-{index:06d}"
        event["actors"] = rng.sample(ids, 3)
        new_events.append(event)
    document["actors"] = new_actors
    document["events"] = new_events
    document["id"] = f"generated-{events}-events-{actors}-actors"
    return document


def write_large_briefing(path: Path, *, events: int, actors: int) -> Path:
    """Write it unless an identical one is there already."""
    text = json.dumps(large_briefing(events=events, actors=actors), ensure_ascii=False)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1])
    write_large_briefing(target, events=int(sys.argv[2]), actors=int(sys.argv[3]))
    print(f"{target}: {target.stat().st_size / 2**20:.1f} MiB")
