"""What brief says to a person, in English and French: errors, notices, stderr lines.

One catalogue, one plural rule per language. An error is raised with a `Message`
(a key and its values, in no language yet) and put into words only when it is shown,
in the language the command runs in; `str()` gives the English.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefcli.choices import Lang

#: key: (English, French). An entry whose text holds "|" has plural forms
#: ("{n} event|{n} events"), chosen by the value `n`.
CATALOGUE: Mapping[str, tuple[str, str]] = {
    # dates
    "date.empty": ("the date is empty", "la date est vide"),
    "date.too_long": ("{text!r} is too long to be a date", "« {text} » est trop long pour une date"),
    "date.unreadable": ("{text!r} is not a date brief can read", "« {text} » n'est pas une date que brief sait lire"),
    "date.not_real": ("{text!r} is not a real date", "« {text} » n'est pas une date qui existe"),
    "date.no_year": ("{text!r} has no year (brief never guesses it)",
                     "« {text} » n'a pas d'année (brief ne la devine jamais)"),
    "date.no_month": ("{text!r} has no month {month}", "« {text} » : il n'y a pas de mois {month}"),
    "date.no_week": ("{year} has no ISO week {week}", "{year} n'a pas de semaine ISO {week}"),
    "date.before_year_1": ("{text!r} reaches back before year 1", "« {text} » remonte avant l'an 1"),
    "date.fraction": ("{text!r}: a span back counts whole {unit}; write a whole number, such as {example}",
                      "« {text} » : un retour en arrière se compte en {unit} entiers ; écrire un nombre entier, "
                      "par exemple {example}"),
    "unit.d": ("days", "jours"),
    "unit.w": ("weeks", "semaines"),
    "unit.m": ("months", "mois"),
    "unit.y": ("years", "ans"),
    "date.negative": ("{text!r}: a span already counts back from the publication date (write {example})",
                      "« {text} » : un retour en arrière part déjà de la date de publication (écrire {example})"),
    "date.unit": ("{text!r}: brief counts back in days, weeks, months or years (10d, 3w, 2m, 1y)",
                  "« {text} » : brief compte en jours, semaines, mois ou années (10j, 3sem, 2mois, 1an)"),
    "date.span_reversed": ("{text!r} ends before it starts", "« {text} » finit avant de commencer"),
    "date.two_ways": (
        "{text!r} reads two ways: {a} (day first) or {b} (month first), and neither --lang nor the locale "
        "says which comes first; write {a_iso} or {b_iso}",
        "« {text} » se lit de deux façons : {a} (jour d'abord) ou {b} (mois d'abord), et ni --lang ni la "
        "locale ne disent lequel vient en premier ; écrire {a_iso} ou {b_iso}",
    ),
    "date.accepted": (
        "{why}. Accepted: 2025-07-01, 2025-07, 2025, '1 July 2025', 'June 2025', '24–25 June 2025', "
        "2025-W28, 'Q3 2025', 'last month', 'last week', 'yesterday', or 10d, 3w, 2m, 1y back from the "
        "publication date",
        "{why}. Formes acceptées : 2025-07-01, 2025-07, 2025, « 1er juillet 2025 », « juin 2025 », "
        "« 24–25 juin 2025 », 2025-W28, « T3 2025 », « le mois dernier », « la semaine dernière », « hier », "
        "ou 10j, 3sem, 2mois, 1an avant la date de publication",
    ),
    "date.option": ("{option}: {problem}", "{option} : {problem}"),
    "date.since_after_until": (
        "--since {since} ({start}) comes after --until {until} ({end})",
        "--since {since} ({start}) vient après --until {until} ({end})",
    ),
    # the window a timeline shows
    "window.since": ("since {start}", "depuis le {start}"),
    "window.until": ("until {end}", "jusqu'au {end}"),
    "window.between": ("from {start} to {end}", "du {start} au {end}"),
    "window.on": ("on {start}", "le {start}"),
}  # fmt: skip


def plural_index(n: int, lang: Lang) -> int:
    """0 for the singular form, 1 for the plural, by the language's rule (CLDR):
    English says "1 event", "0 events"; French "0 événement", "1 événement", "2 événements"."""
    if lang == "fr":
        return 0 if n in (0, 1) else 1
    return 0 if n == 1 else 1


def choose(text: str, lang: Lang, values: Mapping[str, object]) -> str:
    """Pick the plural form of a "singular|plural" text by the value `n`."""
    if "|" not in text:
        return text
    count = values.get("n")
    forms = text.split("|")
    return forms[plural_index(count, lang) if isinstance(count, int) else 1]


def _shown(value: object, lang: Lang) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, date):
        from briefcli.i18n import human_date

        return human_date(value.isoformat(), lang)
    return value


class Message:
    """A message in no language yet: a catalogue key and the values it names."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: object) -> None:
        if key not in CATALOGUE:
            raise KeyError(key)
        self.key = key
        self.values = values

    def text(self, lang: Lang) -> str:
        english, french = CATALOGUE[self.key]
        template = choose(french if lang == "fr" else english, lang, self.values)
        return template.format(**{name: _shown(value, lang) for name, value in self.values.items()})

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.values!r})"


def say(key: str, lang: Lang, /, **values: object) -> str:
    """The text of `key` in `lang`."""
    return Message(key, **values).text(lang)
