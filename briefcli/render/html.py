"""`brief export --format html`: the briefing as one self-contained web page.

No script at all, and nothing fetched: the styles are inline and allowed by their hash
in a Content-Security-Policy that forbids everything else, the timeline is an inline
SVG drawn to scale (the same window, status band and lanes as `timeline --chart`),
and the ordered list under it is the same timeline in words. Every text from the
briefing goes through `esc()`; only a source's http or https URL becomes a link. No Rich.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from urllib.parse import urlsplit

from briefcli import __version__
from briefcli.aid_status import StatusBand
from briefcli.choices import Lang
from briefcli.dates import Period, Window, event_period, iso_period
from briefcli.i18n import colon, human_date, human_span, label, term
from briefcli.merge import articles_read
from briefcli.model import Actor, Briefing, Citation, Event, Evidence
from briefcli.render.markdown import public_sources
from briefcli.render.records import Cast
from briefcli.render.safe import inert
from briefcli.render.wording import (
    DIRECTION_MARKS,
    PUBLIC_RECORD_MARK,
    event_kind,
    quoted,
    source_line,
)
from briefcli.timescale import (
    chart_window,
    clip,
    day_after,
    fraction,
    lanes,
    marks_shown,
    month_starts,
    month_ticks,
    status_band,
    statuses_shown,
    unknown_shown,
)

# The SVG's geometry, in its own units: the page scales it to the width it has.
SVG_WIDTH, LABEL_WIDTH, RIGHT_MARGIN = 1000, 205, 20
BAND_HEIGHT, LANE_HEIGHT, AXIS_HEIGHT, TOP = 22, 44, 44, 8
NUMBER_WIDTH = 8  # units a digit of a marker's number takes, at the numbers' size
TICK_ROOM = 60  # units between labelled ticks
PLOT_WIDTH = SVG_WIDTH - LABEL_WIDTH - RIGHT_MARGIN


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def esc(text: str) -> str:
    """Briefing text as HTML text or attribute value: inert, then every <, >, &, " and '
    escaped (as html.escape does; the html package costs an import of its entities)."""
    return inert(text).translate(_ESCAPES)


def link(url: str) -> str:
    """A source's URL as a link to itself, whole, when it is http or https with nothing
    a browser would read otherwise (spaces, controls, quotes); else as escaped text."""
    whole = not any(c.isspace() or not c.isprintable() or c in "<>\"'`" for c in url)
    if whole and urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(url)}</a>'
    return esc(url)


def cited(citations: Sequence[Citation], lang: Lang) -> str:
    """Sources as escaped text, each `outlet · title · date · URL`, the URL a link."""
    out = []
    for citation in citations:
        parts = [esc(part) for part in (citation.outlet, citation.title, citation.date) if part]
        if citation.url:
            parts.append(link(citation.url))
        out.append(" · ".join(parts))
    return (" ; " if lang == "fr" else "; ").join(out)


def time_tag(start: str, end: str | None, lang: Lang) -> str:
    """A date or span in words, in <time> with the machine-readable start (and end)."""
    words = esc(human_span(start, end, lang))
    if end is None or end == start:
        return f'<time datetime="{esc(start)}">{words}</time>'
    return f'<time datetime="{esc(start)}" data-end="{esc(end)}">{words}</time>'


def evidence_list(evidence: Sequence[Evidence], lang: Lang, article_lang: str = "fr") -> str:
    """Each evidence quote, in the article's language, with its paragraph."""
    items = "".join(
        f'<li><q lang="{esc(article_lang)}">{esc(item.quote)}</q> <span class="para">'
        f"{esc(label('evidence_para', lang, para=item.para))}</span></li>"
        for item in evidence
    )
    return f'<ul class="evidence">{items}</ul>'


# --- the timeline as SVG ------------------------------------------------------------


def x_of(day: date, window: Period) -> float:
    return round(LABEL_WIDTH + PLOT_WIDTH * fraction(day, window), 1)


def svg_timeline(
    briefing: Briefing, events: Sequence[Event], window: Period, band: StatusBand, lang: Lang, cast: Cast
) -> str:
    rows = lanes(events, "kind")
    height = TOP + BAND_HEIGHT + LANE_HEIGHT * len(rows) + AXIS_HEIGHT
    plot_bottom = TOP + BAND_HEIGHT + LANE_HEIGHT * len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SVG_WIDTH} {height}" '
        f'class="chart" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{esc(label("timeline", lang))}</title>',
        f'<desc id="chart-desc">{esc(label("status_rule", lang))}</desc>',
        '<defs><pattern id="uncertain" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="hatch-bg"/>'
        '<line x1="0" y1="0" x2="0" y2="6" class="hatch"/></pattern>'
        # paused is striped, so that it differs from flowing by more than red and green
        '<pattern id="paused" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(-45)"><rect width="6" height="6" class="stripe-bg"/>'
        '<line x1="0" y1="0" x2="0" y2="6" class="stripe"/></pattern></defs>',
    ]
    # Month ticks and their labels, behind everything.
    ticks = month_starts(window, 1)
    if not ticks or x_of(ticks[0], window) - LABEL_WIDTH > 70:  # the window's first day, named
        parts.append(
            f'<text class="tick-label" x="{LABEL_WIDTH}" y="{TOP + BAND_HEIGHT + LANE_HEIGHT * len(rows) + 20}">'
            f"{esc(human_date(window.start.isoformat(), lang))}</text>"
        )
    for first, name in month_ticks(window, PLOT_WIDTH, TICK_ROOM, lang):
        x = x_of(first, window)
        parts.append(f'<line class="tick" x1="{x}" y1="{TOP}" x2="{x}" y2="{plot_bottom + 6}"/>')
        parts.append(f'<text class="tick-label" x="{x}" y="{plot_bottom + 20}">{esc(name)}</text>')
    parts.append(
        f'<line class="axis" x1="{LABEL_WIDTH}" y1="{plot_bottom}" x2="{LABEL_WIDTH + PLOT_WIDTH}" y2="{plot_bottom}"/>'
    )
    # The status band.
    y = TOP
    parts.append(f'<text class="lane-label" x="0" y="{y + 15}">{esc(label("chart_band", lang))}</text>')
    for stretch in band.stretches:
        shown = clip(Period(stretch.start, stretch.end), window)
        if shown is None:
            continue
        x0, x1 = x_of(shown.start, window), x_of(day_after(shown.end), window)
        status = stretch.status if stretch.certain else "uncertain"
        parts.append(
            f'<rect class="band st-{status}" data-status="{stretch.status}" x="{x0}" y="{y + 3}" '
            f'width="{max(1.0, round(x1 - x0, 1))}" height="{BAND_HEIGHT - 6}">'
            f"<title>{esc(human_date(shown.start.isoformat(), lang))}{colon(lang)}"
            f"{esc(label('status_' + status, lang))}</title></rect>"
        )
    for mark in band.marks:
        shown = clip(Period(mark.start, mark.end), window)
        if shown is not None:
            x = x_of(shown.start, window)
            parts.append(
                f'<path class="band-mark" d="M{x} {y + 2} l6 9 l-6 9 l-6 -9 z">'
                f"<title>{esc(label('restructure_mark', lang))}</title></path>"
            )
    # One lane per kind; one marker per event.
    numbers = {event.id: index for index, event in enumerate(events, start=1)}
    for lane_index, lane in enumerate(rows):
        top = TOP + BAND_HEIGHT + LANE_HEIGHT * lane_index
        middle = top + LANE_HEIGHT / 2 - 4  # above the middle: room for the numbers under the glyphs
        parts.append(
            f'<line class="lane" x1="{LABEL_WIDTH}" y1="{middle}" x2="{LABEL_WIDTH + PLOT_WIDTH}" y2="{middle}"/>'
        )
        parts.append(
            f'<text class="lane-label" x="0" y="{middle + 5}">{esc(term("event_kind", lane.key, lang))}</text>'
        )
        placed = sorted(
            ((marker_x(event, window), numbers[event.id], event) for event in lane.events),
            key=lambda item: item[:2],
        )
        for _, number, event in placed:
            parts.append(svg_marker(event, number, window, middle, lang))
        parts += svg_numbers([(at, number) for at, number, _ in placed], middle)
    read = articles_read(briefing)
    for each in read:  # a line for each article read; the latest's labelled (labels would collide)
        published = iso_period(each.source.published).start
        if not window.start <= published <= window.end:
            continue
        x = x_of(published, window)
        named = f" ({each.id})" if len(read) > 1 else ""
        said = f"{human_date(each.source.published, lang)} · {label('published_mark', lang)}{named}"
        parts.append(
            f'<line class="published" x1="{x}" y1="{TOP}" x2="{x}" y2="{plot_bottom + 6}">'
            f"<title>{esc(said)}</title></line>"
        )
        if each is read[-1]:
            parts.append(
                f'<text class="published-label" text-anchor="end" x="{x}" y="{plot_bottom + 36}">{esc(said)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def marker_x(event: Event, window: Period) -> float:
    """Where an event's glyph goes: its first day, or the middle of the period a
    partial date names."""
    shown = clip(event_period(event.date, event.end), window) or Period(window.start, window.start)
    x0, x1 = x_of(shown.start, window), x_of(day_after(shown.end), window)
    return round((x0 + x1) / 2, 1) if event.precision != "day" else x0


def svg_marker(event: Event, number: int, window: Period, middle: float, lang: Lang) -> str:
    """One event: a bar over its span or period (dashed for a partial date), and its glyph."""
    shown = clip(event_period(event.date, event.end), window) or Period(window.start, window.start)
    x0 = x_of(shown.start, window)
    x1 = x_of(day_after(shown.end), window)
    partial = event.precision != "day"
    shapes = []
    if x1 - x0 > 3 and (event.end is not None or partial):
        kind = "period" if partial else "span"
        shapes.append(
            f'<rect class="{kind}" x="{x0}" y="{middle - 4}" width="{round(x1 - x0, 1)}" height="8"/>'
        )
    at = marker_x(event, window)
    shapes.append(glyph_shape(event.direction, at, middle))
    title = f"{number}. {human_span(event.date, event.end, lang)}{colon(lang)}{event.title.pick(lang)}"
    return (
        f'<g class="marker" data-event="{esc(event.id)}" data-x="{at}">'
        f"<title>{esc(title)}</title>{''.join(shapes)}</g>"
    )


def glyph_shape(direction: str | None, x: float, y: float) -> str:
    """An event's glyph centred on (x, y): a shape per direction, told apart without colour
    (down for a suspension, up for a resumption, a double up for an increase, a diamond
    for a restructuring), a dot for an event with none."""
    if direction == "suspend":
        return f'<path class="glyph d-suspend" d="M{x - 7} {y - 6} h14 l-7 12 z"/>'
    if direction == "resume":
        return f'<path class="glyph d-resume" d="M{x - 7} {y + 6} h14 l-7 -12 z"/>'
    if direction == "increase":
        return f'<path class="glyph d-increase" d="M{x - 7} {y + 8} h14 l-7 -8 z M{x - 7} {y + 1} h14 l-7 -8 z"/>'
    if direction == "restructure":
        return f'<path class="glyph d-restructure" d="M{x} {y - 8} l7 8 l-7 8 l-7 -8 z"/>'
    return f'<circle class="glyph" cx="{x}" cy="{y}" r="6"/>'


def svg_numbers(placed: Sequence[tuple[float, int]], middle: float) -> list[str]:
    """Under a lane's glyphs, each event's number in the list below; numbers that would
    overlap are written together ("8, 10") under the first of them."""
    groups: list[tuple[float, list[int]]] = []
    for at, number in placed:
        if groups:
            first, found = groups[-1]
            right = first + NUMBER_WIDTH * len(", ".join(map(str, found))) / 2
            if at - NUMBER_WIDTH * len(str(number)) / 2 < right + NUMBER_WIDTH:
                found.append(number)
                continue
        groups.append((at, [number]))
    return [
        f'<text class="number" text-anchor="middle" x="{at}" y="{middle + 20}">{", ".join(map(str, found))}</text>'
        for at, found in groups
    ]


# --- the page -------------------------------------------------------------------------

CSS = """
:root{--ink:#1b1b1b;--muted:#5a5a5a;--line:#d0d0d0;--paper:#fff;--accent:#0b5cad;
--flowing:#4c9a50;--increased:#1b5e20;--paused:#c62828;--restructure:#b26a00}
*{box-sizing:border-box}
body{overflow-wrap:anywhere;margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--paper)}
header,main,footer{max-width:62rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 .5rem}
h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1rem 0 .3rem}
.meta,.para,.refs,figcaption,.source,footer{color:var(--muted);font-size:.9rem}
a,code{color:var(--accent);overflow-wrap:anywhere}
code{color:inherit}
main{overflow-wrap:break-word}
.bottom-line{font-size:1.1rem}
ul.evidence{list-style:none;padding-left:.8rem;margin:.3rem 0;border-left:3px solid var(--line)}
ul.evidence li{font-size:.92rem}
.scroll{overflow-x:auto}
svg.chart{width:100%;min-width:46rem;height:auto;font:15px system-ui,sans-serif}
.lane-label,.tick-label,.published-label{fill:var(--ink)}
.tick{stroke:var(--line)}.axis{stroke:var(--muted)}.lane{stroke:#eee}
.published{stroke:#8e24aa;stroke-dasharray:4 3}.published-label{fill:#8e24aa}
.band.st-flowing,.sw.st-flowing{fill:var(--flowing)}
.band.st-increased,.sw.st-increased{fill:var(--increased)}
.band.st-paused,.sw.st-paused{fill:url(#paused)}.stripe-bg{fill:var(--paused)}.stripe{stroke:#fff;stroke-width:2}
.band.st-uncertain,.sw.st-uncertain{fill:url(#uncertain)}
.hatch-bg{fill:#fff3cd}.hatch{stroke:var(--restructure);stroke-width:2}
.glyph{fill:var(--accent)}.band-mark,.glyph.d-restructure{fill:var(--restructure)}
figure{margin:1rem 0}.glyph.d-suspend{fill:var(--paused)}.glyph.d-resume,.glyph.d-increase{fill:var(--flowing)}
.span{fill:var(--accent);opacity:.7}.period{fill:none;stroke:var(--accent);stroke-dasharray:3 2}
ul.key{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;margin:.4rem 0}
ul.key svg{width:1.4rem;height:.8rem;vertical-align:middle}ul.key svg[viewBox="0 0 20 20"]{width:1.1rem;height:1.1rem}
.number{fill:var(--muted);font-size:12px}
.scroll:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
ol.events{padding-left:1.6rem}ol.events>li{margin:.8rem 0}
.kind{font-size:.85rem;color:var(--muted);white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:1rem}
.card{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .9rem}
.card h3{margin-top:.2rem}.card p{margin:.3rem 0}
figure.quote{margin:1rem 0;padding-left:1rem;border-left:4px solid var(--accent)}
figure.quote blockquote{margin:0;font-style:italic}
.correction{background:#fff8e1;border-left:4px solid var(--restructure);padding:.5rem .8rem}
@media (max-width:40rem){body{font-size:15px}h1{font-size:1.35rem}}
@media print{
body{font-size:11pt;color:#000}header,main,footer{max-width:none;padding:0}
.scroll{overflow:visible}svg.chart{min-width:0}
a{color:#000}
.card,figure.quote,ol.events>li,svg.chart{break-inside:avoid}h2{break-after:avoid}}
"""


# The CSS's SHA-256, which the policy names: written out, because computing it would
# import OpenSSL on every export (~15 ms). tests/test_html.py checks it is the CSS's.
CSS_SHA256 = "kokycxlgFBIm0GA+tmRlx4F2v7eweS8R9yfl5FkyLH4="

CSP = (
    "default-src 'none'; script-src 'none'; "
    f"style-src 'sha256-{CSS_SHA256}'; img-src 'none'; font-src 'none'; connect-src 'none'; "
    "media-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
)


def page(briefing: Briefing, lang: Lang) -> str:
    return "".join(page_parts(briefing, lang))


def page_parts(briefing: Briefing, lang: Lang) -> Iterator[str]:
    from briefcli.query import in_article_order, select_events

    cast = Cast(briefing, lang)
    article = briefing.source.language
    summary = briefing.summary
    headline = summary.headline.pick(lang)
    yield "<!DOCTYPE html>\n"
    yield f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    yield f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
    yield '<meta name="referrer" content="no-referrer">\n'
    yield f'<meta name="generator" content="brief {esc(__version__)}">\n'
    yield f"<title>{esc(headline)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    yield f'<header>\n<h1>{esc(headline)}</h1>\n<p class="meta">{esc(source_line(briefing, lang, cast))}</p>\n</header>\n<main>\n'

    if summary.bottom_line.en or summary.bottom_line.fr:  # a briefing just started may not have one yet
        yield f'<section id="bottom-line">\n<h2>{esc(label("bottom_line", lang))}</h2>\n'
        yield f'<p class="bottom-line">{esc(summary.bottom_line.pick(lang))}</p>\n</section>\n'
    for key, points in (("key_points", summary.key_points), ("watch", summary.watch)):
        if not points:
            continue
        yield f'<section id="{key.replace("_", "-")}">\n<h2>{esc(label(key, lang))}</h2>\n<ul class="points">\n'
        for point in points:
            yield f"<li>{esc(point.text.pick(lang))}{evidence_list(point.evidence, lang, article)}</li>\n"
        yield "</ul>\n</section>\n"

    corrected = [actor for actor in briefing.actors if actor.correction is not None]
    if corrected:
        yield f'<section id="corrections">\n<h2>{esc(label("corrections", lang))}</h2>\n'
        for actor in corrected:
            assert actor.correction is not None
            yield (
                f'<p class="correction">{esc(actor.correction.note.pick(lang))} '
                f'<span class="source">({cited(actor.correction.sources, lang)})</span></p>\n'
            )
        yield "</section>\n"

    events = select_events(briefing)
    yield from timeline_section(briefing, events, lang, cast)
    yield from actors_section(briefing.actors, lang, cast, article)

    if briefing.quotes:
        yield f'<section id="quotes">\n<h2>{esc(label("quotes", lang))}</h2>\n'
        original_lang: Lang = "en" if briefing.source.language == "en" else "fr"
        for quote in in_article_order(briefing.quotes):
            speaker = cast.name(quote.speaker) or quote.speaker
            yield (
                f'<figure class="quote">\n<blockquote lang="{esc(briefing.source.language)}">'
                f"{esc(quoted(quote.original, original_lang))}</blockquote>\n"
                f'<p>{esc(label("translation", lang))}{colon(lang)}<span lang="en">{esc(quoted(quote.translation, "en"))}</span></p>\n'
                f"<figcaption>— {esc(speaker)}. {esc(quote.context.pick(lang))}"
                f"{evidence_list(quote.evidence, lang, article)}</figcaption>\n</figure>\n"
            )
        yield "</section>\n"

    read = articles_read(briefing)
    yield f'<section id="sources">\n<h2>{esc(label("sources", lang))}</h2>\n<ul>\n'
    for each in read:  # over several briefings, every article read
        source = each.source
        line = source_line(each, lang, cast if each is briefing else Cast(each, lang))
        yield (
            f"<li>{esc(quoted(source.headline, lang))} ({esc(line)}; "
            f"sha256 <code>{esc(source.sha256)}</code>)</li>\n"
        )
    for citation in public_sources(briefing):
        yield f"<li>{esc(label('public_record', lang))}{colon(lang)}{cited([citation], lang)}</li>\n"
    yield "</ul>\n</section>\n</main>\n"
    made = label("made_with", lang, version=__version__, n=len(read), id=", ".join(each.id for each in read))
    yield f"<footer><p>{esc(made)}</p></footer>\n"
    yield "</body>\n</html>\n"


def timeline_section(briefing: Briefing, events: Sequence[Event], lang: Lang, cast: Cast) -> Iterator[str]:
    article = briefing.source.language
    yield f'<section id="timeline">\n<h2>{esc(label("timeline", lang))}</h2>\n'
    if events:
        band = status_band(briefing)
        shown = chart_window(briefing, Window())  # the page shows everything the briefing covers
        # A region of its own, so that a keyboard can scroll the chart on a narrow screen.
        yield f'<figure>\n<div class="scroll" tabindex="0" role="region" aria-label="{esc(label("timeline", lang))}">'
        yield svg_timeline(briefing, events, shown, band, lang, cast)
        yield "</div>\n<figcaption>\n"
        yield f'<p>{esc(label("status_rule", lang))}</p>\n<ul class="key">\n'
        for status in statuses_shown(band, shown):
            yield (
                f'<li><svg viewBox="0 0 20 10" aria-hidden="true"><rect class="sw st-{status}" '
                f'width="20" height="10"/></svg> {esc(label("status_" + status, lang))}</li>\n'
            )
        if marks_shown(band, shown):
            yield f"<li>{key_swatch(glyph_shape('restructure', 10, 10))} {esc(label('restructure_mark', lang))}</li>\n"
        if unknown_shown(band, shown):
            yield f"<li>{esc(label('status_unknown', lang))}</li>\n"
        yield "</ul>\n"
        yield '<ul class="key">\n'
        for direction in sorted(
            {e.direction for e in events if e.direction}, key=list(DIRECTION_MARKS).index
        ):
            yield f"<li>{key_swatch(glyph_shape(direction, 10, 10))} {esc(term('direction', direction, lang))}</li>\n"
        if any(e.direction is None for e in events):
            yield f"<li>{key_swatch(glyph_shape(None, 10, 10))} {esc(label('key_event', lang))}</li>\n"
        if any(e.end is not None and e.precision == "day" for e in events):
            yield f"<li>{key_swatch(SPAN_SWATCH)} {esc(label('key_span', lang))}</li>\n"
        if any(e.precision != "day" for e in events):
            yield f"<li>{key_swatch(PERIOD_SWATCH)} {esc(label('key_period', lang))}</li>\n"
        yield f"<li>{esc(label('key_numbers', lang, count=len(events)))}</li>\n</ul>\n"
        if any(e.basis == "public-record" for e in events):
            yield f"<p>{esc(label('legend_public_record', lang, mark=PUBLIC_RECORD_MARK))}</p>\n"
        yield "</figcaption>\n</figure>\n"
    yield f'<h3 id="events">{esc(label("timeline_list", lang))} ({len(events)})</h3>\n<ol class="events">\n'
    for event in events:
        mark = f" {PUBLIC_RECORD_MARK}" if event.basis == "public-record" else ""
        kind = event_kind(event, lang)
        names = ", ".join(cast.name(actor_id) or actor_id for actor_id in event.actors)
        yield (
            f'<li id="event-{esc(event.id)}">{time_tag(event.date, event.end, lang)}{esc(mark)} '
            f'<span class="kind">{esc(kind)}</span><br><strong>{esc(event.title.pick(lang))}</strong>'
            f"<p>{esc(event.detail.pick(lang))}</p>"
        )
        if names:
            yield f'<p class="source">{esc(label("actors", lang))}{colon(lang)}{esc(names)}</p>'
        if event.sources:
            yield f'<p class="source">{esc(label("sources", lang))}{colon(lang)}{cited(event.sources, lang)}</p>'
        yield f"{evidence_list(event.evidence, lang, article)}</li>\n"
    yield "</ol>\n</section>\n"


SPAN_SWATCH = '<rect class="span" x="0" y="6" width="20" height="8"/>'
PERIOD_SWATCH = '<rect class="period" x="1" y="6" width="18" height="8"/>'


def key_swatch(shape: str) -> str:
    """A shape of the chart, small, beside its meaning in the key."""
    return f'<svg viewBox="0 0 20 20" aria-hidden="true">{shape}</svg>'


def actors_section(actors: Sequence[Actor], lang: Lang, cast: Cast, article: str) -> Iterator[str]:
    yield f'<section id="actors">\n<h2>{esc(label("actors_title", lang))}</h2>\n<div class="cards">\n'
    for actor in actors:
        affiliation = cast.name(actor.affiliation)
        kind = term("actor_kind", actor.kind, lang) + (f" · {affiliation}" if affiliation else "")
        yield f'<article class="card" id="actor-{esc(actor.id)}">\n<h3>{esc(actor.name.pick(lang))}</h3>\n'
        yield f'<p class="meta">{esc(kind)} — {esc(actor.role.pick(lang))}</p>\n'
        if actor.aliases:
            yield f'<p class="meta">{esc(label("aliases", lang))}{colon(lang)}{esc(", ".join(actor.aliases))}</p>\n'
        yield f"<p>{esc(actor.story.pick(lang))}</p>\n"
        if actor.correction is not None:
            yield (
                f'<p class="correction">{esc(label("as_written", lang, name=actor.correction.as_written))}. '
                f"{esc(actor.correction.note.pick(lang))}</p>\n"
            )
        for fact in actor.public_record:
            yield (
                f"<p>{esc(fact.fact.pick(lang))} "
                f'<span class="source">({esc(label("public_record", lang))}{colon(lang)}{cited(fact.sources, lang)})</span></p>\n'
            )
        yield f"{evidence_list(actor.evidence, lang, article)}</article>\n"
    yield "</div>\n</section>\n"


__all__ = ["page"]
