"""The interface's words in English and French, the default language, and human dates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

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
    "language_fr": ("French", "français"),
    "language_en": ("English", "anglais"),
    # actors
    "name": ("Name", "Nom"),
    "kind": ("Kind", "Type"),
    "role": ("Role", "Rôle"),
    "affiliation": ("Affiliation", "Rattachement"),
    "aliases": ("Also called", "Autres noms"),
    "story": ("In the story", "Dans l'histoire"),
    "events": ("Events", "Événements"),
    "quotes": ("Quotes", "Citations"),
    "evidence": ("Evidence", "Preuves"),
    "public_record": ("Public record", "Sources publiques"),
    "as_written": ("article: “{name}”", "article : « {name} »"),
    "actors_title": ("Who is who", "Qui est qui"),
    # timeline
    "date": ("Date", "Date"),
    "title": ("Title", "Titre"),
    "actors": ("Actors", "Acteurs"),
    "basis": ("Basis", "Fondement"),
    "timeline": ("Timeline", "Chronologie"),
    "n_events": ("{n} events", "{n} événements"),
    "legend_public_record": (
        "{mark} date from the public record, not stated in the article",
        "{mark} date tirée des sources publiques, absente de l'article",
    ),
    "published_mark": ("article published", "publication de l'article"),
    "basis_article": ("article", "article"),
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
    "chart_scale": ("{start} to {end}: {days} days, one column ≈ {per} days",
                    "du {start} au {end} : {days} jours, une colonne ≈ {per} jours"),
    "chart_scale_wide": ("{start} to {end}: {days} days, one day ≈ {per} columns",
                         "du {start} au {end} : {days} jours, un jour ≈ {per} colonnes"),
    "chart_key": ("{span} a span  {period} a date known only to the month or year  2–9 that many events in one place",
                  "{span} une période  {period} une date connue au mois ou à l'année près  2–9 autant d'événements au même endroit"),
    "no_actor": ("no actor", "aucun acteur"),
    "evidence_para": ("paragraph {para}", "paragraphe {para}"),
    "timeline_list": ("Every event", "Tous les événements"),
    "made_with": ("Made with brief {version} from the briefing {id}. Every fact is traced to the paragraph of the article it comes from.",
                  "Fait avec brief {version} à partir du briefing {id}. Chaque fait renvoie au paragraphe de l'article dont il vient."),
    "basis_public-record": ("public record", "sources publiques"),
    # quotes and search
    "speaker": ("Speaker", "Auteur"),
    "original": ("Original", "Original"),
    "translation": ("English translation", "Traduction anglaise"),
    "context": ("Context", "Contexte"),
    "field": ("Field", "Champ"),
    "snippet": ("Snippet", "Extrait"),
    "id": ("Id", "Id"),
    "n_matches": ("{n} matches for {query!r}", "{n} résultats pour « {query} »"),
    "n_of_matches": ("{shown} of {n} matches for {query!r}", "{shown} sur {n} résultats pour « {query} »"),
    # empty results
    "no_actors": ("No actors match.", "Aucun acteur ne correspond."),
    "no_events": ("No events match.", "Aucun événement ne correspond."),
    "no_quotes": ("No quotes match.", "Aucune citation ne correspond."),
    "no_hits": ("Nothing matches {query!r}.", "Rien ne correspond à « {query} »."),
    # validate
    "bundled": ("bundled briefing", "briefing fourni"),
    "valid": ("{where}: valid briefing (actors: {actors}, events: {events}, quotes: {quotes})",
              "{where} : briefing valide (acteurs : {actors}, événements : {events}, citations : {quotes})"),
    "invalid": ("{where}: {n} problem(s)", "{where} : {n} problème(s)"),
    "provenance_ok": ("{article}: sha256 matches; {n} evidence quotes found verbatim",
                      "{article} : sha256 conforme ; {n} citations de preuve trouvées telles quelles"),
    # vocabularies
    "person": ("person", "personne"),
    "organization": ("organization", "organisation"),
    "country": ("country", "pays"),
    "group": ("group", "groupe"),
    "policy-change": ("policy change", "changement de politique"),
    "meeting": ("meeting", "rencontre"),
    "call": ("call", "appel"),
    "summit": ("summit", "sommet"),
    "statement": ("statement", "déclaration"),
    "proposal": ("proposal", "proposition"),
    "other": ("other", "autre"),
    "suspend": ("suspend", "suspension"),
    "resume": ("resume", "reprise"),
    "increase": ("increase", "hausse"),
    "restructure": ("restructure", "refonte"),
    "actor": ("actor", "acteur"),
    "event": ("event", "événement"),
    "quote": ("quote", "citation"),
    "key-point": ("key point", "point clé"),
    "summary": ("summary", "résumé"),
    # search-hit kinds: a vocabulary of their own (search.HIT_KINDS)
    "hit_actor": ("actor", "acteur"),
    "hit_event": ("event", "événement"),
    "hit_quote": ("quote", "citation"),
    "hit_key-point": ("key point", "point clé"),
    "hit_watch": ("to watch", "à surveiller"),
    "hit_summary": ("summary", "résumé"),
}  # fmt: skip


def colon(lang: Lang) -> str:
    """A colon as each language writes it: 'Source: x', 'Source : x'."""
    return " : " if lang == "fr" else ": "


def label(key: str, lang: Lang, **values: object) -> str:
    """The interface text `key` in `lang`, with `values` filled in."""
    english, french = _LABELS[key]
    text = french if lang == "fr" else english
    return text.format(**values) if values else text


_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}  # fmt: skip


_MONTHS_SHORT = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"),
}  # fmt: skip


def short_month(month: int, lang: Lang) -> str:
    """A month's name in at most four letters: 'Jul', 'juil'."""
    return _MONTHS_SHORT[lang][month - 1]


def _day(day: int, lang: Lang) -> str:
    return "1er" if lang == "fr" and day == 1 else str(day)


def human_date(iso: str, lang: Lang) -> str:
    """An ISO date at its own precision: '14 July 2025', 'June 2025' or '2025'."""
    parts = [int(part) for part in iso.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS[lang][parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{_day(parts[2], lang)} {month} {parts[0]}"


def human_span(start: str, end: str | None, lang: Lang) -> str:
    """A date or a span, sharing what the ends share: '24–25 June 2025', '30 June – 2 July 2025'."""
    if end is None or end == start:
        return human_date(start, lang)
    if len(start) == len(end) == 10 and start[:7] == end[:7]:
        year, month, first = (int(part) for part in start.split("-"))
        return f"{_day(first, lang)}–{_day(int(end[8:]), lang)} {_MONTHS[lang][month - 1]} {year}"
    if len(start) == len(end) == 10 and start[:4] == end[:4]:
        head = human_date(start, lang).rsplit(" ", 1)[0]
        return f"{head} – {human_date(end, lang)}"
    return f"{human_date(start, lang)} – {human_date(end, lang)}"
