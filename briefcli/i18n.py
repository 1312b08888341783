"""The interface's words in English and French: labels, each vocabulary's terms, and human dates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from briefcli.dates import MONTH_NAMES  # one table, for the dates brief writes and reads
from briefcli.messages import choose

if TYPE_CHECKING:
    from briefcli.model import Lang

_LABELS: Mapping[str, tuple[str, str]] = {
    # summary
    "bottom_line": ("Bottom line", "L'essentiel"),
    "key_points": ("Key points", "Points clés"),
    "watch": ("What to watch", "À surveiller"),
    "corrections": ("Corrections", "Corrections"),
    "correction": ("Correction", "Correction"),
    "source": ("Source", "Source"),
    "sources": ("Sources", "Sources"),
    "article_in": ("article in {language}, {paragraphs} paragraphs", "article en {language}, {paragraphs} paragraphes"),
    "correspondent": ("correspondent quoted: {name}", "correspondant(e) cité(e) : {name}"),
    "published_public_record": ("publication date from the public record", "date de publication tirée des sources publiques"),
    # actors
    "name": ("Name", "Nom"),
    "kind": ("Kind", "Type"),
    "role": ("Role", "Rôle"),
    "affiliation": ("Affiliation", "Rattachement"),
    "aliases": ("Also called", "Autres noms"),
    "story": ("In the story", "Dans cette affaire"),
    "cut": (" … [{n} more characters: --json shows all]", " … [{n} caractères de plus : --json montre tout]"),
    "events": ("Events", "Événements"),
    "quotes": ("Quotes", "Citations"),
    "evidence": ("Evidence", "Preuves"),
    "public_record": ("Public record", "Sources publiques"),
    "as_written": ("article: “{name}”", "article : « {name} »"),
    "actors_title": ("Who is who", "Qui est qui"),
    "see_also": ("See also", "Voir aussi"),
    # timeline
    "date": ("Date", "Date"),
    "title": ("Title", "Titre"),
    "actors": ("Actors", "Acteurs"),
    "basis": ("Basis", "Fondement"),
    "timeline": ("Timeline", "Chronologie"),
    "n_events": ("{n} event|{n} events", "{n} événement|{n} événements"),
    "n_of_events": ("{shown} of {n} event|{shown} of {n} events", "{shown} sur {n} événement|{shown} sur {n} événements"),
    "legend_public_record": (
        "{mark} date from the public record, not stated in the article",
        "{mark} date tirée des sources publiques, absente de l'article",
    ),
    "published_mark": ("article published", "publication de l'article"),
    # the chart and the page
    "chart_band": ("aid", "aide"),
    "status_flowing": ("flowing", "fournie"),
    "status_paused": ("paused", "suspendue"),
    "status_increased": ("increased", "accrue"),
    "status_uncertain": ("not certain", "incertain"),
    "status_unknown": ("blank: not known (before the first policy change)",
                       "vide : inconnu (avant le premier changement de politique)"),
    "status_rule": ("Aid status, derived from the policy changes: paused after a suspension, flowing after a resumption, increased after an increase; not known before the first.",
                    "État de l'aide, déduit des changements de politique : suspendue après une suspension, fournie après une reprise, accrue après une hausse ; inconnu avant le premier."),
    "restructure_mark": ("proposed restructuring", "refonte proposée"),
    "chart_scale": ("{start} to {end}: {span}, one column ≈ {per}", "du {start} au {end} : {span}, une colonne ≈ {per}"),
    "chart_scale_one_day": ("{day}: {span}, across the chart's whole width", "{day} : {span}, sur toute la largeur du graphique"),
    "chart_scale_wide": ("{start} to {end}: {span}, one day ≈ {per}", "du {start} au {end} : {span}, un jour ≈ {per}"),
    "n_days": ("{n} day|{n} days", "{n} jour|{n} jours"),
    "n_columns": ("{n} column|{n} columns", "{n} colonne|{n} colonnes"),
    "no_actor": ("no actor", "aucun acteur"),
    "key_event": ("an event", "un événement"),
    "key_span": ("a span of days", "une période de plusieurs jours"),
    "key_period": ("a date known only to the month or year", "une date connue au mois ou à l'année près"),
    "key_group": ("that many events, too close to draw apart", "autant d'événements, trop proches pour être séparés"),
    "key_numbers": ("1 to {count}: the events in the list below", "1 à {count} : les événements de la liste ci-dessous"),
    "evidence_para": ("paragraph {para}", "paragraphe {para}"),
    "timeline_list": ("Every event", "Tous les événements"),
    "made_with": ("Made with brief {version} from the briefing {id}. Every fact is traced to the paragraph of the article it comes from.|"
                  "Made with brief {version} from the briefings {id}. Every fact is traced to the paragraph of the article it comes from.",
                  "Fait avec brief {version} à partir du briefing {id}. Chaque fait renvoie au paragraphe de l'article dont il vient.|"
                  "Fait avec brief {version} à partir des briefings {id}. Chaque fait renvoie au paragraphe de l'article dont il vient."),
    # quotes and search
    "speaker": ("Speaker", "Auteur"),
    "original": ("Original", "Original"),
    "translation": ("English translation", "Traduction anglaise"),
    "context": ("Context", "Contexte"),
    "field": ("Field", "Champ"),
    "snippet": ("Snippet", "Extrait"),
    "id": ("Id", "Id"),
    "briefing": ("Briefing", "Briefing"),
    "briefings": ("Briefings", "Briefings"),
    "n_matches": ("{n} match for {query!r}|{n} matches for {query!r}",
                  "{n} résultat pour « {query} »|{n} résultats pour « {query} »"),
    "n_of_matches": ("{shown} of {n} match for {query!r}|{shown} of {n} matches for {query!r}",
                     "{shown} sur {n} résultat pour « {query} »|{shown} sur {n} résultats pour « {query} »"),
    # empty results
    "no_actors": ("No actors match.", "Aucun acteur ne correspond."),
    "no_events": ("No events match.", "Aucun événement ne correspond."),
    "no_events_in": ("No events match ({window}).", "Aucun événement ne correspond ({window})."),
    "no_quotes": ("No quotes match.", "Aucune citation ne correspond."),
    "no_hits": ("Nothing matches {query!r}.", "Rien ne correspond à « {query} »."),
    # validate
    "bundled": ("bundled briefing", "briefing fourni"),
    "valid": ("{where}: valid briefing (actors: {actors}, events: {events}, quotes: {quotes})",
              "{where} : briefing valide (acteurs : {actors}, événements : {events}, citations : {quotes})"),
    "invalid": ("{where}: {n} problem|{where}: {n} problems", "{where} : {n} problème|{where} : {n} problèmes"),
    "provenance_ok": ("{article}: sha256 matches; {n} evidence quote found verbatim|"
                      "{article}: sha256 matches; {n} evidence quotes found verbatim",
                      "{article} : sha256 conforme ; {n} citation de preuve trouvée telle quelle|"
                      "{article} : sha256 conforme ; {n} citations de preuve trouvées telles quelles"),
    # options
    "not_one_of": ("{option}: {value!r} is not one of {choices}.", "{option} : '{value}' ne fait pas partie de {choices}."),
    "did_you_mean": ("Did you mean {suggestion!r}?", "Vouliez-vous dire '{suggestion}' ?"),
    "given_twice": ("{option} was given {n} times; it takes one value", "{option} est donné {n} fois ; il prend une seule valeur"),
    "repeatable": ("(only {options} repeat)", "(seuls {options} se répètent)"),
    # the vocabularies of choices.py, one key each: "<vocabulary>.<value>"
    "lang.en": ("English", "anglais"),
    "lang.fr": ("French", "français"),
    "format.table": ("table", "tableau"),
    "format.json": ("json", "json"),
    "format.jsonl": ("jsonl", "jsonl"),
    "format.csv": ("csv", "csv"),
    "format.markdown": ("markdown", "markdown"),
    "format.html": ("html", "html"),
    "format.timelinejs": ("timelinejs", "timelinejs"),
    "format.sqlite": ("sqlite", "sqlite"),
    "actor_kind.person": ("person", "personne"),
    "actor_kind.organization": ("organization", "organisation"),
    "actor_kind.country": ("country", "pays"),
    "actor_kind.group": ("group", "groupe"),
    "event_kind.policy-change": ("policy change", "changement de politique"),
    "event_kind.meeting": ("meeting", "rencontre"),
    "event_kind.call": ("call", "appel"),
    "event_kind.summit": ("summit", "sommet"),
    "event_kind.statement": ("statement", "déclaration"),
    "event_kind.proposal": ("proposal", "proposition"),
    "event_kind.other": ("other", "autre"),
    "direction.suspend": ("suspend", "suspension"),
    "direction.resume": ("resume", "reprise"),
    "direction.increase": ("increase", "hausse"),
    "direction.restructure": ("restructure", "refonte"),
    "precision.day": ("day", "jour"),
    "precision.month": ("month", "mois"),
    "precision.year": ("year", "année"),
    "basis.article": ("article", "article"),
    "basis.public-record": ("public record", "sources publiques"),
    "hit_kind.summary": ("summary", "résumé"),
    "hit_kind.key-point": ("key point", "point clé"),
    "hit_kind.watch": ("to watch", "à surveiller"),
    "hit_kind.actor": ("actor", "acteur"),
    "hit_kind.event": ("event", "événement"),
    "hit_kind.quote": ("quote", "citation"),
    "color.auto": ("auto", "auto"),
    "color.always": ("always", "toujours"),
    "color.never": ("never", "jamais"),
    "chart_lanes.kind": ("kind", "type"),
    "chart_lanes.actor": ("actor", "acteur"),
    # several briefings, and diff
    "diff_title": ("Changes from {old} ({old_date}) to {new} ({new_date})",
                   "Changements de {old} ({old_date}) à {new} ({new_date})"),
    "diff_same": ("No change.", "Aucun changement."),
    "diff_summary": ("Summary", "Résumé"),
    "diff_added": ("added: {text}", "ajouté : {text}"),
    "diff_removed": ("removed: {text}", "retiré : {text}"),
    "diff_changed": ("{text}, {field}: {old} → {new}", "{text}, {field} : {old} → {new}"),
    "diff_moved": ("Dates moved", "Dates déplacées"),
    "diff_moved_line": ("{text}: {old} → {new}", "{text} : {old} → {new}"),
    "diff_gone": ("no longer on the watch list: {text}", "n'est plus à surveiller : {text}"),
    "diff_nothing": ("nothing", "rien"),
    "what_changed": ("What changed since {date}", "Ce qui a changé depuis {date}"),
    "other_briefings": ("Other briefings", "Autres briefings"),
    "read_briefings": ("From {n} briefing: {names}|From {n} briefings: {names}; a record in only some of them says which",
                       "D'après {n} briefing : {names}|D'après {n} briefings : {names} ; un enregistrement qui ne figure que dans certains le signale"),
    "only_in": ("only in {names}", "seulement dans {names}"),
    "notes": ("{n} note: where briefings disagree, the one published later wins|{n} notes: where briefings disagree, the one published later wins",
              "{n} note : quand des briefings divergent, le plus récent l'emporte|{n} notes : quand des briefings divergent, le plus récent l'emporte"),
}  # fmt: skip


def colon(lang: Lang) -> str:
    """A colon as each language writes it: 'Source: x', 'Source : x'."""
    return " : " if lang == "fr" else ": "


def label(key: str, lang: Lang, **values: object) -> str:
    """The interface text `key` in `lang`, with `values` filled in; a "one|many" text
    takes the plural form the count `n` asks for, by the language's rule."""
    english, french = _LABELS[key]
    text = choose(french if lang == "fr" else english, lang, values)
    return text.format(**values) if values else text


def term(vocabulary: str, value: str, lang: Lang) -> str:
    """A vocabulary's value (choices.py) in words: term("event_kind", "meeting", "fr") is "rencontre".
    A value outside the vocabulary is shown as it is."""
    key = f"{vocabulary}.{value}"
    return label(key, lang) if key in _LABELS else value


_MONTHS_SHORT = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    # French abbreviates with a full stop where letters are cut (Imprimerie nationale)
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}  # fmt: skip


def short_month(month: int, lang: Lang) -> str:
    """A month's name in at most four letters, and its stop: 'Jul', 'juil.'."""
    return _MONTHS_SHORT[lang][month - 1]


def date_after_preposition(iso: str, lang: Lang) -> str:
    """A date as it follows "since" or "depuis": French puts "le" before a day only
    ("depuis le 2 juillet 2024", "depuis juillet 2024")."""
    shown = human_date(iso, lang)
    return f"le {shown}" if lang == "fr" and len(iso) == 10 else shown


def _day_of_month(day: int, lang: Lang) -> str:
    return "1er" if lang == "fr" and day == 1 else str(day)


def day_of_month(day: int, lang: Lang) -> str:
    """A day of the month as a date writes it: '1', '1er' in French."""
    return _day_of_month(day, lang)


def human_date(iso: str, lang: Lang) -> str:
    """An ISO date at its own precision: '14 July 2025', 'June 2025' or '2025'."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTH_NAMES[lang][parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{_day_of_month(parts[2], lang)} {month} {parts[0]}"


def human_span(start: str, end: str | None, lang: Lang) -> str:
    """A date or a span, sharing what the ends share: '24–25 June 2025', '30 June – 2 July 2025'."""
    if end is None or end == start:
        return human_date(start, lang)
    if len(start) == len(end) == 10 and start[:7] == end[:7]:
        year, month, first = (int(part) for part in start.split("-"))
        return f"{_day_of_month(first, lang)}–{_day_of_month(int(end[8:]), lang)} {MONTH_NAMES[lang][month - 1]} {year}"
    if len(start) == len(end) == 10 and start[:4] == end[:4]:
        head = human_date(start, lang).rsplit(" ", 1)[0]
        return f"{head} – {human_date(end, lang)}"
    return f"{human_date(start, lang)} – {human_date(end, lang)}"
