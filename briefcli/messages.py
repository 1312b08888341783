"""What brief says to a person, in English and French: errors, notices, stderr lines.

One catalogue, one plural rule per language. An error is raised with a `Message`
(a key and its values, in no language yet) and put into words only when it is shown,
in the language the command runs in; `str()` gives the English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
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
    "date.did_you_mean": ("{text!r} is not a date brief can read; did you mean {suggestion!r}?",
                          "« {text} » n'est pas une date que brief sait lire ; vouliez-vous dire « {suggestion} » ?"),
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
        "--since {since} comes after --until {until}",
        "--since {since} vient après --until {until}",
    ),
    # the window a timeline shows
    "window.since": ("since {start}", "depuis le {start}"),
    "window.until": ("until {end}", "jusqu'au {end}"),
    "window.between": ("from {start} to {end}", "du {start} au {end}"),
    "window.on": ("on {start}", "le {start}"),
    # a briefing's problems
    "problem.at": ("{path}: {problem}", "{path} : {problem}"),
    "problem.file": ("{where}: {problem}", "{where} : {problem}"),
    "problem.file_more": ("{where}: {problem} (and {n} more: run 'brief validate {where}')",
                          "{where} : {problem} (et {n} de plus : lancer 'brief validate {where}')"),
    # validate's notes: what a started briefing lacks, where several disagree
    "note.line": ("note: {note}", "note : {note}"),
    "note.not_written": ("{path}: not written yet", "{path} : pas encore écrit"),
    "note.none_yet": ("{path}: none yet", "{path} : rien pour l'instant"),
    "note.disagree": (
        "{section} {id}, {field}: {older} has {old}; {newer}, published later, has {new} and wins",
        "{section} {id}, {field} : {older} donne {old} ; {newer}, publié plus tard, donne {new} et l'emporte",
    ),
    "note.disagree_same_day": (
        "{section} {id}, {field}: {older} has {old}; {newer}, published the same day and given after it, has "
        "{new} and wins",
        "{section} {id}, {field} : {older} donne {old} ; {newer}, publié le même jour et donné après, donne "
        "{new} et l'emporte",
    ),
    "note.same_id": (
        "{id} is the id of {n} of these files ({files}): they are read as one briefing, the one given last "
        "winning where they differ",
        "{id} est l'identifiant de {n} de ces fichiers ({files}) : ils sont lus comme un seul briefing, le "
        "dernier donné l'emportant là où ils diffèrent",
    ),
    "note.nothing": ("nothing", "rien"),
    "note.rules_wait": (
        "the rules (dates, references, evidence, texts) are checked once these are fixed: there may be more",
        "les règles (dates, références, preuves, textes) sont vérifiées une fois ceux-ci corrigés : il peut y en "
        "avoir d'autres",
    ),
    # brief new
    "new.basis": (
        "brief: source.published_basis is 'article': if the article does not state the date, make it "
        "'public-record' and name published_sources",
        "brief : source.published_basis vaut 'article' : si l'article ne donne pas la date, mettre "
        "'public-record' et nommer published_sources",
    ),
    "new.wrote_schema": (
        "brief: wrote {path}, the format the skeleton's $schema names (editors check and complete with it)",
        "brief : {path} écrit, le format que nomme le $schema du squelette (les éditeurs s'en servent pour "
        "vérifier et compléter)",
    ),
    "new.wrote": (
        "brief: wrote {path} (language {lang}); the article's paragraphs, as evidence cites them:",
        "brief : {path} écrit (langue {lang}) ; les paragraphes de l'article, tels que les preuves les citent :",
    ),
    # the command line
    "cli.wrote": ("brief: wrote {path}", "brief : {path} écrit"),
    "cli.see_help": ("{command}: {problem} (see '{command} --help')", "{command} : {problem} (voir '{command} --help')"),
    "cli.write_error": ("write error", "erreur d'écriture"),
    "cli.os_error": ("brief: {where}: {reason}", "brief : {where} : {reason}"),
    "cli.error": ("brief: {problem}", "brief : {problem}"),
    "cli.internal": (
        "brief: internal error: {kind}: {detail}. This is a bug in brief; run again with BRIEF_DEBUG=1 to see "
        "the traceback.",
        "brief : erreur interne : {kind} : {detail}. C'est un bogue de brief ; relancer avec BRIEF_DEBUG=1 "
        "pour voir la trace.",
    ),
}  # fmt: skip

#: Messages other modules raise as English text (the loader's problems, lookups, files,
#: click's usage errors): each English form, its {values} standing for any text, and
#: its French. `translated` finds the form a message has; a message with none stays
#: English. A value named `problem` is itself translated.
TRANSLATED: tuple[tuple[str, str], ...] = (
    # cli.py
    ("--json and --format {fmt} disagree: give one of them", "--json et --format {fmt} se contredisent : donner l'un des deux"),
    ("the {what} is empty", "{what} est vide"),
    ("the {what} is {n} characters long; at most {limit}", "{what} fait {n} caractères ; {limit} au plus"),
    ("--chart draws the timeline for people; leave out --chart for --format {fmt}",
     "--chart dessine la chronologie pour des personnes ; retirer --chart pour --format {fmt}"),
    ("--by chooses the chart's lanes: give --chart too", "--by choisit les lignes du graphique : ajouter --chart"),
    ("query", "la requête"),
    ("--actor query", "la requête de --actor"),
    ("search text", "le texte cherché"),
    ("--format sqlite writes a database file: give it with -o FILE",
     "--format sqlite écrit une base de données : la nommer avec -o FICHIER"),
    ("two briefings have the id {id}: an archive keys records by briefing",
     "deux briefings ont l'identifiant {id} : une archive range les enregistrements par briefing"),
    ("standard input can be read only once: give the briefing or the article as a file",
     "l'entrée standard ne se lit qu'une fois : donner le briefing ou l'article comme fichier"),
    ("write error: {reason}", "erreur d'écriture : {reason}"),
    ("standard input can be read only once", "l'entrée standard ne se lit qu'une fois"),
    ("standard input can be read only once: give it as OLD or as NEW",
     "l'entrée standard ne se lit qu'une fois : la donner comme OLD ou comme NEW"),
    ("{side} is empty: give a briefing file, a directory or -",
     "{side} est vide : donner un fichier de briefing, un répertoire ou -"),
    ("--show-completion: {shell} is not one of {shells}", "--show-completion : {shell} ne fait pas partie de {shells}"),
    ("--published {date}: give an ISO date, such as 2025-07-14, 2025-07 or 2025",
     "--published {date} : donner une date ISO, comme 2025-07-14, 2025-07 ou 2025"),
    ("--output {path} is the article being read; brief never writes to a file it reads",
     "--output {path} est l'article lu ; brief n'écrit jamais dans un fichier qu'il lit"),
    ("--output {path} exists: give --force to replace it, or another name",
     "--output {path} existe : ajouter --force pour le remplacer, ou choisir un autre nom"),
    ("{article}: cannot read the article: {problem}", "{article} : impossible de lire l'article : {problem}"),
    ("{article}: is a directory, not an article", "{article} : est un répertoire, pas un article"),
    ("{article}: the article is not UTF-8 (byte {n})", "{article} : l'article n'est pas en UTF-8 (octet {n})"),
    ("{article}: the article has no text", "{article} : l'article est vide"),
    # query.py
    ("no actor matches {query}; did you mean {hint}?", "aucun acteur ne correspond à {query} ; vouliez-vous dire {hint} ?"),
    ("no actor matches {query}", "aucun acteur ne correspond à {query}"),
    # files.py
    ("--output {path} is the briefing being read; brief never writes to a file it reads",
     "--output {path} est le briefing lu ; brief n'écrit jamais dans un fichier qu'il lit"),
    ("{option} is empty: give a file name", "{option} est vide : donner un nom de fichier"),
    ("{option} {given}: a file name cannot end with '/' (that names a directory)",
     "{option} {given} : un nom de fichier ne finit pas par « / » (cela nomme un répertoire)"),
    ("cannot write {path}: it is a directory", "impossible d'écrire {path} : c'est un répertoire"),
    ("cannot write {path}: {reason}", "impossible d'écrire {path} : {reason}"),
    # render/chart.py
    ("the chart needs at least {n} columns and has {width}: widen the terminal, set COLUMNS, or leave out --chart",
     "le graphique demande au moins {n} colonnes et en a {width} : élargir le terminal, régler COLUMNS ou "
     "retirer --chart"),
    # load.py: the file
    ("{where}: {problem} (and {n} more: run 'brief validate {file}')",
     "{where} : {problem} (et {n} de plus : lancer 'brief validate {file}')"),
    ("the bundled briefing is missing: reinstall brief", "le briefing fourni est absent : réinstaller brief"),
    ("no such file", "fichier introuvable"),
    ("is a directory, not a briefing file", "est un répertoire, pas un fichier de briefing"),
    ("permission denied: cannot read it", "permission refusée : impossible de le lire"),
    ("cannot be read: {reason}", "illisible : {reason}"),
    ("larger than the {n} MiB limit for a briefing", "dépasse la limite de {n} Mio pour un briefing"),
    ("the file is empty: expected a JSON object", "le fichier est vide : un objet JSON est attendu"),
    ("not valid UTF-8 (byte {n})", "UTF-8 invalide (octet {n})"),
    ("JSON nested too deeply to be a briefing", "JSON trop imbriqué pour être un briefing"),
    ("not valid JSON: it ends too soon (truncated)", "JSON invalide : il s'arrête trop tôt (tronqué)"),
    ("not valid JSON: {reason}", "JSON invalide : {reason}"),  # msgspec's reasons stay its own words
    ("expected a JSON object, got {kind}", "un objet JSON est attendu, pas {kind}"),
    ("not a valid briefing", "briefing invalide"),
    # load.py: the fields
    ("required, but missing", "obligatoire, mais absent"),
    ("unknown field (not in the briefing schema)", "champ inconnu (absent du schéma des briefings)"),
    ("expected one of {allowed}, got {value}", "attendu : l'une des valeurs {allowed} ; trouvé : {value}"),
    ("expected {wanted}, got {value}", "attendu : {problem} ; trouvé : {value}"),
    ("expected {problem}", "attendu : {problem}"),
    ("an ISO date such as 2025-07-14, 2025-07 or 2025", "une date ISO comme 2025-07-14, 2025-07 ou 2025"),
    ("an id of lower-case words joined by hyphens, like mark-rutte",
     "un identifiant de mots en minuscules joints par des tirets, comme mark-rutte"),
    ("64 lower-case hexadecimal digits", "64 chiffres hexadécimaux en minuscules"),
    ("a two-letter language code, like fr", "un code de langue de deux lettres, comme fr"),
    ("text matching {pattern}", "un texte conforme à {pattern}"),
    ("one http or https address without spaces", "une adresse http ou https sans espace"),
    ("expected 2, got 1: version 1 wrote each source as one text; version 2 makes it a list of records "
     "{record} (see the README's JSON fields)",
     "attendu : 2 ; trouvé : 1 : la version 1 écrivait chaque source en un seul texte ; la version 2 en fait "
     "une liste d'enregistrements {record} (voir les champs JSON du README)"),
    # load.py: the sources
    ("required when published_basis is public-record", "obligatoire quand published_basis vaut public-record"),
    ("required when basis is public-record: name the sources",
     "obligatoire quand basis vaut public-record : nommer les sources"),
    ("is blank: only spaces or invisible characters", "est vide : rien que des espaces ou des caractères invisibles"),
    ("is blank", "est vide"),
    ("holds an address: put it in 'url', one source per record",
     "contient une adresse : la mettre dans 'url', une source par enregistrement"),
    ("holds ';': one source per record, so write two records",
     "contient ';' : une source par enregistrement, donc écrire deux enregistrements"),
    ("holds two addresses: one source per record", "contient deux adresses : une source par enregistrement"),
    ("no source with a URL: give at least one 'url'", "aucune source avec une URL : donner au moins une 'url'"),
    # load.py: the rules
    ("duplicate id {id} (first at {first})", "identifiant en double {id} (déjà en {first})"),
    ("an actor cannot be its own affiliation", "un acteur ne peut pas être son propre rattachement"),
    ("a text needs 'en', 'fr' or both", "un texte demande 'en', 'fr' ou les deux"),
    ("unknown actor {id} (did you mean {hint}?)", "acteur inconnu {id} (vouliez-vous dire {hint} ?)"),
    ("unknown actor {id}", "acteur inconnu {id}"),
    ("paragraph {n} is out of range: the article has {count}", "le paragraphe {n} n'existe pas : l'article en a {count}"),
    ("the quote is blank", "la citation est vide"),
    ("{n} words: evidence is at most {limit}", "{n} mots : une preuve en compte {limit} au plus"),
    ("{value} is not a real calendar date ({reason})", "{value} n'est pas une date du calendrier ({reason})"),
    ("ends ({end}) before it starts ({start})", "finit ({end}) avant de commencer ({start})"),
    ("{precision} does not match the date {value} ({actual})", "{precision} ne correspond pas à la date {value} ({actual})"),
    ("required when basis is public-record: name the source",
     "obligatoire quand basis vaut public-record : nommer la source"),
    ("required for a policy change", "obligatoire pour un changement de politique"),
    ("only a policy change or a proposal has a direction, not a {kind}",
     "seuls un changement de politique ou une proposition ont une direction, pas {kind}"),
    # provenance.py
    ("cannot read the article: no such file", "impossible de lire l'article : fichier introuvable"),
    ("cannot read the article: {reason}", "impossible de lire l'article : {reason}"),
    ("larger than the {n} MiB limit for an article", "dépasse la limite de {n} Mio pour un article"),
    ("is a directory, not an article", "est un répertoire, pas un article"),
    ("the article is not UTF-8 (byte {n})", "l'article n'est pas en UTF-8 (octet {n})"),
    ("the article's sha256 is {digest}, not the one recorded", "le sha256 de l'article est {digest}, pas celui enregistré"),
    ("the article has {n} paragraphs, not {count}", "l'article a {n} paragraphes, pas {count}"),
    ("is not the article's first paragraph as printed", "n'est pas le premier paragraphe de l'article tel qu'imprimé"),
    ("does not occur verbatim in paragraph {n}", "ne figure pas mot pour mot dans le paragraphe {n}"),
    ("does not occur verbatim in the paragraphs its evidence cites",
     "ne figure pas mot pour mot dans les paragraphes que citent ses preuves"),
    # click's usage errors
    ("No such option: {option}. Did you mean {other}?", "option inconnue : {option}. Vouliez-vous dire {other} ?"),
    ("No such option: {option}", "option inconnue : {option}"),
    ("No such command {name}. Did you mean {other}?", "commande inconnue {name}. Vouliez-vous dire {other} ?"),
    ("No such command {name}.", "commande inconnue {name}."),
    ("Missing argument {name}.", "argument manquant {name}."),
    ("Missing option {name}.", "option manquante {name}."),
    ("Option {name} requires an argument.", "l'option {name} demande un argument."),
    ("Got unexpected extra argument(s) ({args})", "argument(s) en trop ({args})"),
    ("Got unexpected extra argument ({args})", "argument en trop ({args})"),
    ("Got unexpected extra arguments ({args})", "arguments en trop ({args})"),
    ("Invalid value for {name}: {problem}", "valeur invalide pour {name} : {problem}"),
    ("{value} is not one of {choices}. Did you mean {other}?", "{value} ne fait pas partie de {choices}. Vouliez-vous dire {other} ?"),
    ("{value} is not one of {choices}.", "{value} ne fait pas partie de {choices}."),
    ("{value} is not in the range x>={least}.", "{value} est trop petit : {least} au moins."),
    ("give 1 or more, not {value}", "donner 1 ou plus, pas {value}"),
    ("{value} is not a valid int.", "{value} n'est pas un nombre entier."),
    # typer 0.29 checks an int with pydantic, whose message does not name the value
    ("Input should be a valid integer, unable to parse string as an integer",
     "un nombre entier est attendu, et ce texte n'en est pas un"),
    ("{value} is not a valid integer.", "{value} n'est pas un nombre entier."),
    ("Option {name} does not take a value.", "l'option {name} ne prend pas de valeur."),
    ("{value} is not {choice}.", "{value} n'est pas {choice}."),
)  # fmt: skip


def plural_index(n: int | float, lang: Lang) -> int:
    """0 for the singular form, 1 for the plural, by the language's rule (CLDR):
    English says "1 event", "0 events", "1.0 days" (a decimal shown is plural); French
    "0 événement", "1 événement", "1,7 jour" (its whole part decides), "2 événements"."""
    if lang == "fr":
        return 0 if 0 <= n < 2 else 1
    return 0 if n == 1 and isinstance(n, int) else 1


def choose(text: str, lang: Lang, values: Mapping[str, object]) -> str:
    """Pick the plural form of a "singular|plural" text by the value `n`."""
    if "|" not in text:
        return text
    count = values.get("n")
    forms = text.split("|")
    return forms[plural_index(count, lang) if isinstance(count, (int, float)) else 1]


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


@lru_cache(maxsize=1)
def _forms() -> list[tuple[re.Pattern[str], str]]:
    forms = []
    for english, french in TRANSLATED:
        parts = re.split(r"\{(\w+)\}", english)
        pattern = "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)" for index, part in enumerate(parts)
        )
        forms.append((re.compile(pattern + r"\Z", re.DOTALL), french))
    return forms


def translated(text: str, lang: Lang) -> str:
    """An English message from another module, in `lang`: its French when the catalogue
    knows its form, else as it is (never an error)."""
    if lang != "fr":
        return text
    for pattern, french in _forms():
        if match := pattern.match(text):
            values = dict(match.groupdict())
            for name in ("problem", "what"):
                if name in values:
                    values[name] = translated(values[name], lang)
            if "wanted" in values:
                values["problem"] = translated(values.pop("wanted"), lang)
            return french.format(**values)
    return text


def problem_text(path: str | None, message: str, lang: Lang) -> str:
    """One problem of a briefing, in `lang`: where (a JSON path), then what."""
    problem = translated(message, lang)
    return problem if path is None else say("problem.at", lang, path=path, problem=problem)


def briefing_error_text(where: str, problems: list[tuple[str | None, str]], lang: Lang) -> str:
    """A refused briefing, in `lang`: its first problem, and how many more."""
    from briefcli.load import FROM_BRIEF_DATA

    if lang == "fr" and where.endswith(FROM_BRIEF_DATA):  # the file's name stays as it is
        where = where.removesuffix(FROM_BRIEF_DATA) + " (donné par BRIEF_DATA)"
    first = problem_text(*problems[0], lang)
    more = len(problems) - 1
    if more:
        return say("problem.file_more", lang, where=where, problem=first, n=more)
    return say("problem.file", lang, where=where, problem=first)
