"""Charts drawn on the server as inline SVG: an organization's summit timeline and its membership chart.

No script and no inline style: shapes carry classes (coloured by ``static/kg.css``) and
presentation attributes, text is escaped with :func:`markupsafe.escape`, and links are
only the ones a :class:`~kg.web.entities.Linker` made (local pages or http(s)).  Each
chart is wide enough to read (it scrolls sideways in a narrow window rather than
shrinking its text) and carries a ``<title>`` for screen readers and hover.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .pages import TYPE_ORDER, human_date, ordinal_text, short_summit_label

YEAR_PX = 64  # horizontal room of one year on the timeline
STACK_PX = 22  # summits of one year sit side by side, this far apart
TIMELINE_HEIGHT = 200
AXIS_Y = 160
CELL = 22  # one square of the membership chart
LABEL_W = 170  # the member names' column
HEAD_H = 150  # the upright summit names above the columns


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def timeline_svg(summits: list[dict]) -> Markup:
    """One mark per summit on a line of years, labelled with its ordinal and host city, linked to its page.

    Summits of the same year stack upwards; summits with no known year are left out (the
    table beside the chart lists them all).
    """
    dated = [s for s in summits if s.get("year")]
    if not dated:
        return Markup("")
    first, last = min(s["year"] for s in dated), max(s["year"] for s in dated)
    per_year: dict[int, int] = {}
    for s in dated:
        per_year[s["year"]] = per_year.get(s["year"], 0) + 1
    width = 60 + (last - first + 1) * YEAR_PX + STACK_PX * max(per_year.values())
    step = 1 if last - first <= 16 else 5
    parts = [
        (
            f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{TIMELINE_HEIGHT}" '
            f'viewBox="0 0 {width} {TIMELINE_HEIGHT}" role="img" aria-label="Timeline of {len(dated)} summits">'
        ),
        f'<line class="axis" x1="20" y1="{AXIS_Y}" x2="{width - 20}" y2="{AXIS_Y}"/>',
    ]
    for year in range(first, last + 1):
        x = 30 + (year - first) * YEAR_PX + YEAR_PX // 2
        parts.append(f'<line class="tick" x1="{x}" y1="{AXIS_Y - 4}" x2="{x}" y2="{AXIS_Y + 4}"/>')
        if (year - first) % step == 0 or year == last:
            parts.append(f'<text class="year" x="{x}" y="{AXIS_Y + 22}" text-anchor="middle">{year}</text>')
    stacked: dict[int, int] = {}
    for s in dated:
        level = stacked.get(s["year"], 0)
        stacked[s["year"]] = level + 1
        # side by side around the year's tick (rotated labels then do not overlap)
        x = 30 + (s["year"] - first) * YEAR_PX + YEAR_PX // 2 + STACK_PX * (level - (per_year[s["year"]] - 1) / 2)
        y = AXIS_Y
        name = ordinal_text(s["ordinal"]) if s.get("ordinal") else ""
        place = s.get("city") or s.get("country") or ""
        label = " ".join(p for p in (name, place) if p) or str(s["year"])
        when = human_date(s.get("date")) or str(s["year"])
        title = escape(f"{s['label']} ({when})")
        mark = (
            f'<g class="mark"><title>{title}</title>'
            f'<circle cx="{x}" cy="{y}" r="6"/>'
            f'<text class="mark-label" x="{x + 4}" y="{y - 10}" transform="rotate(-45 {x + 4} {y - 10})">'
            f"{escape(label)}</text></g>"
        )
        parts.append(_link(s.get("href"), mark))
    parts.append("</svg>")
    return Markup("".join(parts))


TYPE_CLASS = {
    "member": "m-member",
    "observer": "m-observer",
    "dialogue partner": "m-partner",
    "candidate": "m-candidate",
}


def _column_label(col: dict) -> str:
    label = short_summit_label(col.get("label"), col.get("date"))
    return label if len(label) <= 22 else label[:21] + "…"


def membership_svg(columns: list[dict], rows: list[dict], hrefs: dict[str, str | None]) -> Markup:
    """A grid: one row per member state, one column per summit (date order); a cell's colour is
    the membership type stated at that summit, a ring marks a state admitted there; the
    bottom lines count members, observers, partners and new members per summit."""
    if not columns or not rows:
        return Markup("")
    counted = [t for t in (*TYPE_ORDER, "new") if any(t in c["counts"] for c in columns)]
    width = LABEL_W + CELL * len(columns) + 20
    height = HEAD_H + CELL * len(rows) + 18 * len(counted) + 12
    parts = [
        (
            f'<svg class="membership" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="Membership stated at {len(columns)} summits, {len(rows)} states">'
        )
    ]
    for i, col in enumerate(columns):
        x = LABEL_W + i * CELL + CELL // 2 + 4  # upright labels, one per column: they never overlap
        text = (
            f'<text class="col-label" x="{x}" y="{HEAD_H - 6}" transform="rotate(-90 {x} {HEAD_H - 6})">'
            f"<title>{escape(col.get('label') or '')} {escape(human_date(col.get('date')))}</title>"
            f"{escape(_column_label(col))}</text>"
        )
        parts.append(_link(hrefs.get(col.get("summit") or ""), text))
    for j, row in enumerate(rows):
        y = HEAD_H + j * CELL
        name = row["label"] if len(row["label"]) <= 24 else row["label"][:23] + "…"
        parts.append(
            _link(
                hrefs.get(row["iri"]),
                f'<text class="row-label" x="{LABEL_W - 8}" y="{y + CELL - 7}" text-anchor="end">{escape(name)}</text>',
            )
        )
        for i, cell in row["cells"].items():
            x = LABEL_W + i * CELL
            what = (
                f"{row['label']}: {cell['type']}{' (new)' if cell['new'] else ''}, "
                f"{_column_label(columns[i])}, {cell['articles']} article{'s' if cell['articles'] != 1 else ''}"
            )
            parts.append(
                f'<g class="cell {TYPE_CLASS[cell["type"]]}{" new" if cell["new"] else ""}">'
                f"<title>{escape(what)}</title>"
                f'<rect x="{x + 2}" y="{y + 2}" width="{CELL - 4}" height="{CELL - 4}" rx="3"/>'
                + (f'<circle cx="{x + CELL / 2}" cy="{y + CELL / 2}" r="4"/>' if cell["new"] else "")
                + "</g>"
            )
    y0 = HEAD_H + CELL * len(rows) + 14
    for k, t in enumerate(counted):
        y = y0 + 18 * k
        parts.append(
            f'<text class="count-label" x="{LABEL_W - 8}" y="{y}" text-anchor="end">'
            f"{escape('new members' if t == 'new' else t + 's')}</text>"
        )
        for i, col in enumerate(columns):
            if col["counts"].get(t):
                parts.append(
                    f'<text class="count" x="{LABEL_W + i * CELL + CELL // 2}" y="{y}" '
                    f'text-anchor="middle">{col["counts"][t]}</text>'
                )
    parts.append("</svg>")
    return Markup("".join(parts))
