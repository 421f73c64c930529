"""Dates in news text: absolute ("June 13, 2017", "12 July 2023", "23.10.2024"),
partial ("June 9", "October 22-24", "June 2001"), and relative ("today", "on Wednesday").

Relative dates are resolved against the publication date only when the text allows a
single reading: "today" is the publication day; a weekday is the publication day when it
is that day's own weekday ("said on Wednesday" in a piece published on a Wednesday);
another weekday is read by the tense of its clause, as news text uses weekdays for the
days around publication: "met on Friday" is the last Friday before it, "will open on
Monday", "ends on Monday" and "hosts the summit on Monday" (an event verb in the present,
shortly before it) the next Monday.  A weekday whose clause shows no tense is left unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .sentences import ABBREVIATIONS

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
#: The full names of the months and of the weekdays as regex alternations, for every pattern that names them
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAY_NAMES = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"

_MONTH = r"(?P<{n}>" + MONTH_NAMES + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to|until|till|and)\s*"


def _m(n: str) -> str:
    return _MONTH.format(n=n)


def _d(n: str) -> str:
    return _DAY.format(n=n)


def _y(n: str) -> str:
    return _YEAR.format(n=n)


# Order matters: longer forms first; one combined regex, scanned once per text.
_PATTERNS = [
    # ISO 2017-06-09
    ("iso", rf"\b{_y('y')}-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b"),
    # 23.10.2024 (day first)
    ("dmy_dots", r"\b(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b"),
    # June 8-9, 2017 / October 22-24 / June 8 to 9
    ("md_range", rf"\b{_m('m')}\s+{_d('d')}{_DASH}{_d('d2')}\b(?:,?\s+{_y('y')})?"),
    # 8-9 June 2017 / 22-24 October / the 22nd and 23rd of May / the 5th to the 7th of July
    ("dm_range", rf"\b{_d('d')}{_DASH}(?:the\s+)?{_d('d2')}\s+(?:of\s+)?{_m('m')}(?:,?\s+{_y('y')})?"),
    # June 30 - July 2, 2024
    ("md_md_range", rf"\b{_m('m')}\s+{_d('d')}{_DASH}{_m('m2')}\s+{_d('d2')}\b(?:,?\s+{_y('y')})?"),
    # 31 August - 1 September 2031
    ("dm_dm_range", rf"\b{_d('d')}\s+{_m('m')}{_DASH}{_d('d2')}\s+{_m('m2')}(?:,?\s+{_y('y')})?"),
    # June 13, 2017 / Nov 16, 2022 / June 9
    ("md", rf"\b{_m('m')}\s+{_d('d')}\b(?!\s*[-–:]\s*\d)(?:,?\s+{_y('y')})?"),
    # 12 July 2023 / 29 May, 2019 / 9 June / the 22nd of May
    ("dm", rf"\b{_d('d')}\s+(?:of\s+)?{_m('m')}(?:,?\s+{_y('y')})?"),
    # June 2001
    ("my", rf"\b{_m('m')}\s+{_y('y')}\b"),
    # today / yesterday / tomorrow
    ("rel", r"\b(?P<rel>today|yesterday|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b"),
    # from Tuesday to Thursday / Monday-Wednesday
    (
        "wd_range",
        rf"\b(?P<wd>{WEEKDAY_NAMES})\s*"
        r"(?:-|–|—|to|through|until|till|and)\s*"
        rf"(?P<wd2>{WEEKDAY_NAMES})\b",
    ),
    # over the weekend / this weekend / last weekend
    ("weekend", r"(?:(?<=the\s)|(?<=this\s)|(?<=last\s)|(?<=next\s))weekend\b"),
    # on Wednesday / Wednesday
    ("wd", rf"\b(?P<wd>{WEEKDAY_NAMES})\b"),
    # in 2015
    ("year", r"\b(?:in|of|since|by|from)\s+(?P<yy>(?:19|20)\d\d)\b(?![-–.]\d)"),
]


def _any_case(rx: str) -> str:
    """Words of a pattern in Title, lower and UPPER case: a case-sensitive regex is about
    twice as fast as re.IGNORECASE on this alternation."""

    def words(m: re.Match[str]) -> str:
        w = m.group()
        forms = dict.fromkeys((w, w.lower(), w.upper(), w[:1].upper() + w[1:].lower()))
        return "(?:" + "|".join(forms) + ")"

    return re.sub(r"(?<![\\?<])\b[A-Za-z]{2,}\b(?![>])", words, rx)


def _named(name: str, rx: str) -> str:
    """``rx`` as the group ``name``, its own named groups renamed ``<name>_<group>``."""

    def rename(m: re.Match[str]) -> str:
        return f"(?P<{name}_{m.group(1)}>"

    body = re.sub(r"\(\?P<(\w+)>", rename, rx)
    return f"(?P<{name}>{body})"


_COMBINED = re.compile("|".join(_named(name, _any_case(rx)) for name, rx in _PATTERNS))

_TIME = re.compile(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b")


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets of the mention in the text it was found in
    end: int
    kind: str  # one of the pattern names above
    value: str | None  # ISO start date (or YYYY-MM / YYYY), None when unresolved
    end_value: str | None = None  # ISO end date of a range
    weekday: str | None = None

    @property
    def is_range(self) -> bool:
        return self.end_value is not None and self.end_value != self.value


#: A dateline that gives the date first, perhaps a time, then the city, on a line of its own ("May 25, 2031,
#: 12:30, Moscow", an official site's page): the reader dates the piece by it, the extractor takes its city.
#: a dateline's day and month, either way round, with an optional year: "July 4", "4 July 2024", "Jul. 4, 2024"
DATELINE_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?"

DATE_FIRST_DATELINE = re.compile(
    r"(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}),?\s+(?:\d{1,2}:\d{2},?\s+)?"
    r"(?P<city>[A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2})\.?"
)


def parse_iso(value: str | None) -> date | None:
    """A date from 'YYYY-MM-DD' (None for anything else)."""
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _safe_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _infer_year(mo: int, d: int, ref: date | None) -> date | None:
    """The date with this month/day nearest to the reference date (no year in the text)."""
    if ref is None:
        return None
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        cand = _safe_date(y, mo, d)
        if cand and (best is None or abs((cand - ref).days) < abs((best - ref).days)):
            best = cand
    return best


def _month(word: str | None) -> int | None:
    if not word:
        return None
    return MONTHS.get(word.lower().rstrip("."))


# Every date form has a digit in it, except "today" & co. and weekday names.
_HINT = re.compile(r"\d|today|tomorrow|yesterday|tonight|night|morning|afternoon|evening|day\b|weekend", re.IGNORECASE)


# Where a date can start: a digit, or a month / weekday / "today" word.  Trying the big
# pattern only there is several times faster than letting it scan every position.
_ANCHOR = re.compile(
    r"\d+|\b(?:[Jj]an|[Ff]eb|[Mm]ar|[Aa]pr|[Mm]ay|[Jj]u[nl]|[Aa]ug|[Ss]ep|[Oo]ct|[Nn]ov|[Dd]ec|"
    r"[Mm]on|[Tt]ue|[Ww]ed|[Tt]hu|[Ff]ri|[Ss]at|[Ss]un|[Tt]od|[Tt]om|[Yy]es|[Tt]oni|[Ww]eekend|WEEKEND|"
    r"[Ll]ast (?=night)|[Tt]his (?=morning|afternoon|evening)|"
    r"JAN|FEB|MAR|APR|MAY|JU[NL]|AUG|SEP|OCT|NOV|DEC|MON|TUE|WED|THU|FRI|SAT|SUN|TOD|TOM|YES|TONI)"
)
_YEAR_LEAD = re.compile(r"\b(?:in|of|since|by|from|In|Of|Since|By|From|IN|OF|SINCE|BY|FROM)\s+$")


def _scan(text: str) -> list[re.Match[str]]:
    """The same matches as ``_COMBINED.finditer(text)``, found from the anchors only."""
    out: list[re.Match[str]] = []
    last = 0
    match = _COMBINED.match
    for a in _ANCHOR.finditer(text):
        p = a.start()
        if p < last or (p and text[p - 1].isalnum()):
            continue
        m = None
        if text[p].isdigit():
            lead = _YEAR_LEAD.search(text, max(last, p - 40), p)
            if lead is not None:
                m = match(text, lead.start())
        if m is None:
            m = match(text, p)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _groups(m: re.Match[str]) -> tuple[str, dict[str, str]]:
    """A scanned mention's pattern name and its own groups, unprefixed ("m", "d", "y" ...)."""
    kind = m.lastgroup
    assert kind is not None  # every alternative of _COMBINED is a named group
    return kind, {k[len(kind) + 1 :]: v for k, v in m.groupdict().items() if v is not None and k.startswith(kind + "_")}


def find_dates(text: str, ref: date | None = None) -> list[DateMention]:
    """Every date mention in ``text``; ``ref`` is the publication date (may be None)."""
    out: list[DateMention] = []
    if not _HINT.search(text):
        return out
    for m in _scan(text):
        kind, g = _groups(m)
        value = end_value = weekday = None
        if kind in ("iso", "dmy_dots"):
            dt = _safe_date(int(g["y"]), int(g["mo"]), int(g["d"]))
            value = dt.isoformat() if dt else None
        elif kind in ("md", "dm"):
            mo, d = _month(g.get("m")), int(g["d"])
            if mo is None or not 1 <= d <= 31:
                continue
            dt = _safe_date(int(g["y"]), mo, d) if g.get("y") else _infer_year(mo, d, ref)
            value = dt.isoformat() if dt else None
        elif kind in ("md_range", "dm_range", "md_md_range", "dm_dm_range"):
            mo = _month(g.get("m"))
            d, d2 = int(g["d"]), int(g["d2"])
            if mo is None:
                continue
            mo2 = _month(g.get("m2")) or mo
            if g.get("y"):
                a, b = _safe_date(int(g["y"]), mo, d), _safe_date(int(g["y"]), mo2, d2)
            else:
                a = _infer_year(mo, d, ref)
                b = _safe_date(a.year, mo2, d2) if a else None
            if a and b and b >= a:
                value, end_value = a.isoformat(), b.isoformat()
        elif kind == "my":
            mo = _month(g.get("m"))
            value = f"{g['y']}-{mo:02d}" if mo else None
        elif kind == "year":
            value = g["yy"]
            out.append(DateMention(m.start(kind + "_yy"), m.end(kind + "_yy"), kind, value))
            continue
        elif kind == "rel":
            word = g["rel"].lower()
            if ref is not None:
                shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)  # else the day itself
                value = (ref + timedelta(days=shift)).isoformat()
        elif kind == "wd_range":
            w1, w2 = g["wd"].lower(), g["wd2"].lower()
            span = (WEEKDAYS[w2] - WEEKDAYS[w1]) % 7
            offset = (ref.weekday() - WEEKDAYS[w1]) % 7 if ref is not None else span + 1
            if ref is not None and span and offset <= span:
                # "runs from Wednesday to Friday" on a Thursday: the range that holds the day itself
                day = ref - timedelta(days=offset)
                value, end_value = day.isoformat(), (day + timedelta(days=span)).isoformat()
            elif ref is not None and span:
                # "met on Thursday and Friday": the clause's tense says which week
                guess = _weekday_by_tense(text, m.start(), w1, ref)
                if guess is not None:
                    day = date.fromisoformat(guess)
                    value, end_value = guess, (day + timedelta(days=span)).isoformat()
            weekday = w1
        elif kind == "weekend":
            saturday = _weekend(text, m.start(), ref)
            if saturday is not None:
                value, end_value = saturday.isoformat(), (saturday + timedelta(days=1)).isoformat()
        elif kind == "wd":
            weekday = g["wd"].lower()
            value = resolve_weekday(weekday, ref)
            if value is None:
                value = _weekday_by_tense(text, m.start(), weekday, ref)
        if (
            out
            and out[-1].kind == "wd"
            and kind != "wd"
            and re.fullmatch(r",?\s*(?:the\s+)?", text[out[-1].end : m.start()])
            and value is not None
        ):
            # "Tuesday, November 30": the weekday names the date after it, which is explicit
            weekday = weekday or out[-1].weekday
            out.pop()
        out.append(DateMention(m.start(), m.end(), kind, value, end_value, weekday))
    return _join_ranges(text, out)


_RANGE_GAP = re.compile(
    rf",?\s*(?:to|through|until|till|-|–|—)\s+(?:(?:{WEEKDAY_NAMES}),?\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_RANGE_OPEN = re.compile(
    rf"\b(?:from|between)\s+(?:today,?\s+|tomorrow,?\s+)?(?:(?:{WEEKDAY_NAMES}),?\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_DAY_KINDS = ("md", "dm", "iso", "dmy_dots")


def _join_ranges(text: str, out: list[DateMention]) -> list[DateMention]:
    """ "from Wednesday 25 July 2018 to Friday, July 27": two full dates joined into a range
    (the first right after "from" / "between", the second after "to", weekdays allowed)."""
    if len(out) < 2 or not any(w in text for w in ("from", "From", "between", "Between")):
        return out
    joined: list[DateMention] = []
    i = 0
    while i < len(out):
        a = out[i]
        b = out[i + 1] if i + 1 < len(out) else None
        if (
            b is not None
            and a.kind in _DAY_KINDS
            and b.kind in _DAY_KINDS
            and a.value
            and b.value
            and len(a.value) == 10
            and len(b.value) == 10
            and a.value < b.value <= (shift(a.value, 14) or "")
            and _RANGE_GAP.fullmatch(text[a.end : b.start])
            and _RANGE_OPEN.search(text, max(0, a.start - 40), a.start)
        ):
            joined.append(DateMention(a.start, b.end, a.kind + "_to_" + b.kind, a.value, b.value, a.weekday))
            i += 2
            continue
        joined.append(a)
        i += 1
    return joined


def calendar_reference(text: str) -> date | None:
    """A reference date for an undated piece, by calendar reasoning: its first day-and-month
    without a year ("launched on November 23") in the first year, from the latest full date it
    cites onwards ("positions of May 11, 2021" is past), whose weekday is the one the piece
    names ("the summit on Wednesday").  None unless exactly that evidence is there."""
    found = find_dates(text)
    weekdays = {d.weekday for d in found if d.kind == "wd" and d.weekday}
    cited = [int(d.value[:4]) for d in found if d.value is not None and len(d.value) == 10]
    day = next(((k, g) for k, g in map(_groups, _scan(text)) if k in ("md", "dm") and not g.get("y")), None)
    if day is None or len(weekdays) != 1 or not cited:
        return None
    month, dom = _month(day[1].get("m")), int(day[1]["d"])
    wanted = WEEKDAYS[weekdays.pop().lower()]
    for year in range(max(cited), max(cited) + 7):  # a weekday comes round again within 6 years
        when = _safe_date(year, month, dom) if month else None
        if when is not None and when.weekday() == wanted:
            return when
    return None


def resolve_weekday(weekday: str, ref: date | None) -> str | None:
    """The publication date when it falls on ``weekday``; otherwise None (ambiguous)."""
    if ref is None:
        return None
    if ref.weekday() == WEEKDAYS[weekday.lower()]:
        return ref.isoformat()
    return None


# the verb of a weekday's clause: "will open on Monday" (the coming one), "met on Friday" (the last one)
_FUTURE_VERB = re.compile(
    r"\b(?:will|shall|to be|is to|are to|is due|are due|is scheduled|are scheduled|is set to|"
    r"are set to|is expected|are expected|next)\b[^.;]{0,150}$",
    re.IGNORECASE,
)
_PAST_VERB = re.compile(
    r"\b(?<!be )(?<!been )(?:was|were|had|met|held|opened|closed|ended|began|started|concluded|wrapped up|took place|"
    r"convened|gathered|kicked off|got under ?way|signed|adopted|attended|hosted|arrived|said|told|announced|"
    r"agreed|approved|decided|endorsed|issued|pledged|elected|admitted|launched|unveiled|condemned|reaffirmed|"
    r"came to (?:a close|an end)|drew to a close)\b"
    r"[^.;]{0,150}$",
    re.IGNORECASE,
)


# an event verb in the present shortly before the weekday: news style for the days ahead ("ends on Thursday")
_PRESENT_VERB = re.compile(
    r"\b(?:opens|ends|closes|begins|starts|concludes|wraps up|gets under ?way|continues|runs|meets|gathers|convenes|"
    r"hosts|holds|takes place|is held|is being held|(?:is|are)\s+(?:hosting|holding|meeting|gathering|convening))"
    r"\b[^.;]{0,60}?\s(?:on\s+)?$",
    re.IGNORECASE,
)
_FUTURE_AFTER = re.compile(r"\b(?:will|shall|is to|are to|is due|are due|is expected|are expected)\b", re.IGNORECASE)
_PAST_AFTER = re.compile(
    r"\b(?:was|were|met|held|opened|closed|ended|began|started|concluded|wrapped up|took place|"
    r"convened|gathered|kicked off|signed|adopted|approved|agreed|elected|chose|invited|decided|"
    r"announced|said|urged|called)\b",
    re.IGNORECASE,
)


# an abbreviation's full stop, which ends no clause ("St. Petersburg", "Mr. X", "U.S. President"): the sentence
# splitter's abbreviations, and initials
_ABBREVIATION_DOT = re.compile(
    r"\b((?i:" + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True)) + r")|[A-Z])\."
)


def _weekday_by_tense(text: str, at: int, weekday: str, ref: date | None) -> str | None:
    """A weekday other than the publication day's, read by its clause's tense (news style:
    a weekday names a day of the week around publication): "met on Friday" is the last
    Friday before it, "will open on Monday" the next Monday."""
    if ref is None:
        return None
    before = _ABBREVIATION_DOT.sub(r"\1", text[max(0, at - 160) : at])  # the clause runs over "St. Petersburg"
    cut = max(before.rfind("\n"), before.rfind(". "), before.rfind("; "))
    if cut >= 0:
        before = before[cut + 1 :]  # the weekday's own sentence
    future, past = _FUTURE_VERB.search(before), _PAST_VERB.search(before)
    present = _PRESENT_VERB.search(before)
    if present:
        future, past = future or present, None  # "opened on Tuesday and ends on Thursday"
    if future and not (past and past.start() > future.start()):
        days = (WEEKDAYS[weekday] - ref.weekday()) % 7
        return (ref + timedelta(days=days)).isoformat() if days else None
    if not past and not future:
        # "The summit in Montevideo on Friday concluded ...": the verb after the weekday
        after = re.match(r"[^.;:!?]{0,60}", text[at:])
        later = after.group() if after else ""
        future = _FUTURE_AFTER.search(later)
        past = None if future else _PAST_AFTER.search(later)
        if future:
            days = (WEEKDAYS[weekday] - ref.weekday()) % 7
            return (ref + timedelta(days=days)).isoformat() if days else None
    if past:
        days = (ref.weekday() - WEEKDAYS[weekday]) % 7
        return (ref - timedelta(days=days)).isoformat() if days else None
    return None


def _weekend(text: str, at: int, ref: date | None) -> date | None:
    """The Saturday of the weekend meant at ``at``: the one under way on a Saturday or Sunday;
    else "last weekend" the one before, "next weekend" the one after, and "this / the weekend"
    the one the clause's tense points to (none without a tense)."""
    if ref is None:
        return None
    if ref.weekday() >= 5:
        return ref - timedelta(days=ref.weekday() - 5)
    word = text[max(0, at - 5) : at].strip().lower()
    if word == "last":
        return ref - timedelta(days=ref.weekday() + 2)
    if word == "next":
        return ref + timedelta(days=5 - ref.weekday())
    guess = _weekday_by_tense(text, at, "saturday", ref)
    return date.fromisoformat(guess) if guess else None


def first_full_date(text: str) -> str | None:
    """The first complete (year-month-day) date in ``text`` as ISO, or None."""
    for dm in find_dates(text):
        if dm.kind in ("iso", "dmy_dots", "md", "dm") and dm.value and len(dm.value) == 10:
            return dm.value
    return None


def has_time(text: str) -> bool:
    return bool(_TIME.search(text))


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
DURATION = re.compile(
    # "a two-day summit", "the 3-day-long meeting", "a two day summit": a length written as an adjective
    r"\b(?P<n>one|two|three|four|five|six|seven|[1-7])(?:-days?(?:[-\s]long)?|\s+day(?:[-\s]long)?)\b"
    # "three days after the talks", "two days ago": a distance in time, not a length
    r"(?!\s+(?:after|before|ago|later|earlier|since|prior|left|away|until|ahead|from|into|of\s+(?:the|its)\b))"
    r"|\b(?P<n2>one|two|three|four|five|six|seven|[1-7])\s+days\s+of\s+(?:[\w-]+\s+)?"
    r"(?:talks|meetings|summitry|discussions|deliberations)\b"
    # "met for two days", "ended after two days in which ..." (not "after three days in South Korea":
    # someone's trip)
    r"|\b(?:for|over|lasts?|lasting|spans?|spanning|after)\s+(?P<n3>one|two|three|four|five|six|seven|[1-7])\s+days\b"
    r"(?!\s+(?:in|at|of|to)\b(?!\s+which\b))",
    re.IGNORECASE,
)


def duration_days(text: str) -> int | None:
    """'two-day', 'two-day-long', '3-day', 'two days of talks' -> number of days."""
    low = text.lower()
    i = low.find("day")
    m = None
    while i >= 0 and m is None:  # every duration has the word "day" in it
        m = DURATION.search(text, max(0, i - 12), i + 30)
        i = low.find("day", i + 3)
    if not m:
        return None
    word = (m.group("n") or m.group("n2") or m.group("n3")).lower()
    return _NUMBER_WORDS.get(word) or int(word)


def shift(iso: str, days: int) -> str | None:
    d = parse_iso(iso)
    return (d + timedelta(days=days)).isoformat() if d else None
