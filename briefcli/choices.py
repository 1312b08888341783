"""The closed vocabularies: defined once, for the model, the CLI and the renderers.

Literal types, not Enums: the CLI declares its options with them at every start,
and a Literal costs nothing to create.
"""

from __future__ import annotations

from typing import Literal, get_args

Lang = Literal["en", "fr"]
Format = Literal["table", "json", "jsonl", "csv", "markdown"]  # the listing commands
SummaryFormat = Literal["table", "json", "markdown"]
ExportFormat = Literal["markdown", "json", "html", "timelinejs"]
ChartLanes = Literal["kind", "actor"]  # timeline --chart --by
CheckFormat = Literal["table", "json"]

ActorKind = Literal["person", "organization", "country", "group"]
EventKind = Literal["policy-change", "meeting", "call", "summit", "statement", "proposal", "other"]
Direction = Literal["suspend", "resume", "increase", "restructure"]
Precision = Literal["day", "month", "year"]
Basis = Literal["article", "public-record"]

EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
