"""Read an article from a file or a URL into an :class:`~kg.article.Article`.

* ``.txt``: text pasted from a web page.  An optional header of ``key: value`` lines
  (``url:``, ``title:``, ``publisher:``, ``published:`` ...) is read as metadata.  Page
  furniture (navigation and share bars, "We Recommend", "Most Read", view counters,
  "follow us" lines, a bare URL) is dropped; the title, the publisher and the publication
  date are found in the lines above the story.  A date on a navigation bar
  ("... YouTube Friday, May 10, 2024") is the day the page was rendered, never the
  publication date.
* ``.html`` / ``.htm``: trafilatura extracts the body and the metadata (title, date,
  site name, URL).
* ``.json``: an article object (``{"text": ..., "title": ...}``) or facts JSON with an
  ``article`` block that carries ``text``.
* URLs: :func:`read_url` with an injected ``requests`` session, a timeout and a size cap.

Every failure is an :class:`~kg.errors.InputError` with one clear message.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.article import Article
from kg.errors import InputError
from kg.extract.dates import DATE_FIRST_DATELINE, find_dates, has_time
from kg.settings import default

TEXT_EXTENSIONS = (".txt",)
HTML_EXTENSIONS = (".html", ".htm")
JSON_EXTENSIONS = (".json",)
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS + HTML_EXTENSIONS + JSON_EXTENSIONS
DEFAULT_MAX_BYTES: int = default("max_article_bytes")

_HEADER_KEYS = {
    "url",
    "title",
    "headline",
    "publisher",
    "source-name",
    "site",
    "published",
    "date",
    "author",
    "byline",
    "language",
    "lang",
    "retrieved-from",
    "retrieved",
    "excerpt",
    "source",
    "slug",
    "note",
    "notes",
}
_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z_-]{1,20})\s*:\s*(.*?)\s*$")
_CORPUS_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b\s*")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_URL_DATE = re.compile(r"/(20\d\d)[/-]?([01]\d)[/-]?([0-3]\d)?(?:[/_-]|\d|$)")
_PAREN_PUBLISHER = re.compile(r"^\s*\(([^()]{2,60})\)\s*(?=\S)")
#: A wire story's dateline: its place in capitals or title case ("JEDDAH, Saudi Arabia", "Banjul, The Gambia"),
#: then its date, perhaps an agency in brackets, then a dash before the story ("KIGALI, 24 June 2022 — ...")
_DATELINE = re.compile(r"(?P<head>[A-Z][\w'’.\-]*(?:[ ,]+[\w'’.\-()]+){0,9}?)\s+(?:—|–|--?)\s+(?=[A-Z])")
#: A dateline on a line of its own, kept in the text (it says where the story is from): "Kathmandu, 27 November
#: 2014", "Avarua, Cook Islands – 10 November 2031"
_PLACE_DATELINE = re.compile(
    r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}(?:, [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})?\s*(?:,|[–—-]+)\s*"
    r"(?:\d{1,2} [A-Z][a-z]+\.? \d{4}|[A-Z][a-z]+\.? \d{1,2},? \d{4})"
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")
# "Published On 9 Sep 2023", "Updated: 12:29 GMT", "Published in Dawn, March 5th, 2025"
_STAMP = re.compile(
    r"\b(?P<kind>Published|Posted|Updated|Last updated|Last modified)\b(?:\s+(?:on|at|in)\b)?", re.IGNORECASE
)
_STAMP_NOISE = re.compile(
    r"\b(?:[ap]\.?m\.?|GMT|UTC|IST|CET|CEST|EST|EDT|PST|MSK|ago|minutes?|hours?|days?|an?|one)\b|[+\-–|:•·]\d*",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


# ----------------------------------------------------------------------------- boilerplate


@dataclass(frozen=True)
class _Boilerplate:
    lines: frozenset[str]
    line_patterns: tuple[re.Pattern[str], ...]
    strip_patterns: tuple[re.Pattern[str], ...]
    menu_words: frozenset[str]
    tail_headings: frozenset[str]


@lru_cache(maxsize=1)
def _boilerplate() -> _Boilerplate:
    raw = json.loads(resources.files("kg").joinpath("data", "extract", "boilerplate.json").read_text(encoding="utf-8"))
    return _Boilerplate(
        lines=frozenset(_line_key(x) for x in raw["lines"]),
        line_patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw["line_patterns"]),
        strip_patterns=tuple(re.compile(p, re.IGNORECASE) for p in raw["strip_patterns"]),
        menu_words=frozenset(w.casefold() for w in raw["menu_words"]),
        tail_headings=frozenset(_line_key(x) for x in raw["tail_headings"]),
    )


def _line_key(line: str) -> str:
    # str.rstrip, not a "[...]+$" regex: that one is quadratic on a long run of dots
    return line.strip().rstrip(_KEY_TRAILERS).casefold()


_KEY_TRAILERS = " \t\n\r\f\v\u00a0:.!|»›>"


def _without_dates(line: str) -> tuple[str, list[str | None]]:
    """The line with its dates cut out, and the dates found (ISO, or None when no year)."""
    found = [d for d in find_dates(line) if d.kind in ("iso", "dmy_dots", "md", "dm", "wd")]
    rest, last = [], 0
    for d in found:
        start = d.start
        if d.weekday:  # "Monday, March 3, 2036": the weekday before the date goes with it
            before = re.search(rf"\b{d.weekday}\W*$", line[last:start], re.IGNORECASE)
            start = last + before.start() if before else start
        rest.append(line[last:start])
        last = d.end
    rest.append(line[last:])
    return "".join(rest), [d.value for d in found]


def _dateline_dates(line: str) -> list[str]:
    """The full dates of a story's opening dateline ("JEDDAH, Saudi Arabia, May 19, 2023 (AP) — The ...",
    "Banjul, The Gambia (May 5, 2024) – The ..."): the piece's date, as wire stories give it.  Nothing
    unless the words before the dash are a place and an agency at most, around the date."""
    m = _DATELINE.match(line)
    if m is None:
        return []
    rest, dates = _without_dates(m.group("head"))
    full = [d for d in dates if d and len(d) == 10]
    words = _WORD.findall(re.sub(r"\([^()]*\)", " ", rest))
    return full if full and len(words) <= 5 else []


def _is_menu(line: str, bp: _Boilerplate) -> bool:
    """A navigation / share bar: at least two menu words and nothing else but a date."""
    rest, _ = _without_dates(line)
    words = [w.casefold() for w in re.split(r"[\s|•·/,]+", rest) if w.strip(",.")]
    if len(words) < 2:
        return False
    menu = sum(1 for w in words if w in bp.menu_words)
    return menu >= 2 and menu >= len(words) - 1


def _is_boilerplate(line: str, bp: _Boilerplate) -> bool:
    key = _line_key(line)
    if not key:
        return False
    if key in bp.lines:
        return True
    if any(p.match(line.strip()) for p in bp.line_patterns):
        return True
    return _is_menu(line, bp)


# ----------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})["']""")
# Control characters that never occur in text (tab, line feed, form feed and carriage
# return excepted).
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML / XML document declares in its first 4 KB, if any."""
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, declared: str | None = None, origin: str = "input") -> str:
    """Bytes to text, or an InputError that says why not.

    In order: a byte-order mark; the declared charset (HTTP header, ``<meta charset>``,
    XML declaration), which must then decode the bytes; UTF-8; else a detected
    encoding, used only when the detector is sure of it.  Binary data (NUL or other
    control bytes) is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        declared = "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{origin}: has a UTF-16 byte-order mark but is not UTF-16") from None
    sample = data[:8192]
    if b"\x00" in sample or sum(sample.count(c) for c in _CONTROL) > max(8, len(sample) // 100):
        raise InputError(f"{origin}: looks like a binary file, not text")
    codec = _known_codec(declared)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            if codec != "utf-8":
                raise InputError(
                    f"{origin}: declares the encoding '{declared}' but is not valid {declared} (byte {exc.start})"
                ) from None
            # a page that says UTF-8 and is not: detect below
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes  # noqa: PLC0415  (only for non-UTF-8 input)

    best = from_bytes(data).best()
    if best is None or not best.encoding or best.chaos > 0.2:
        raise InputError(
            f"{origin}: not UTF-8 (invalid byte at {first_bad}) and its encoding cannot be told; convert it to UTF-8"
        ) from None
    return str(best)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; never reads more than ``max_bytes + 1`` of them."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a folder, not a file (use iter_folder)")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: {size} bytes is more than the {max_bytes} allowed")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the size on disk may be wrong (pipes, /proc)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: more than the {max_bytes} bytes allowed")
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    return data


# ----------------------------------------------------------------------------- public API


def slug_for(path_or_url: str) -> str:
    """The file name without extension ('dev/tass-2017.txt' -> 'tass-2017'); for a URL its
    last path segment (or host)."""
    if path_or_url.startswith(("http://", "https://")):
        parts = urlsplit(path_or_url)
        segment = [s for s in parts.path.split("/") if s]
        name = segment[-1] if segment else parts.hostname or "article"
        name = re.sub(r"\.(s?html?|php|aspx?)$", "", name, flags=re.IGNORECASE)
        return re.sub(r"[^\w.-]+", "-", name).strip("-") or "article"
    return Path(path_or_url).name.rsplit(".", 1)[0] if "." in Path(path_or_url).name else Path(path_or_url).name


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file (.txt, .html/.htm, .json)."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise InputError(
            f"{path}: unsupported file type '{ext or '(none)'}'; expected one of {', '.join(SUPPORTED_EXTENSIONS)}"
        )
    data = _read_bytes(path, max_bytes)
    declared = declared_charset(data) if ext in HTML_EXTENSIONS else None
    text = decode_bytes(data, declared=declared, origin=str(path))
    slug = slug_for(str(path))
    if ext in HTML_EXTENSIONS:
        return parse_html(text, source=str(path), slug=slug, origin=str(path))
    if ext in JSON_EXTENSIONS:
        return parse_json_article(text, source=str(path), slug=slug, origin=str(path))
    return parse_text(text, source=str(path), slug=slug, origin=str(path))


def iter_folder(path: str | Path) -> Iterator[Path]:
    """The .txt / .html / .htm / .json files directly in a folder, sorted by name."""
    path = Path(path)
    if not path.is_dir():
        raise InputError(f"{path}: not a folder")
    for child in sorted(path.iterdir()):
        if child.is_file() and child.suffix.lower() in SUPPORTED_EXTENSIONS:
            yield child


def read_url(
    url: str, session: Any, timeout_s: float = default("http_timeout_s"), max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """Fetch ``url`` with ``session`` (a ``requests.Session``) and read it as HTML or text."""
    import requests  # noqa: PLC0415

    if not url.startswith(("http://", "https://")):
        raise InputError(f"{url}: only http:// and https:// URLs can be read")
    try:
        response = session.get(
            url, timeout=timeout_s, stream=True, headers={"Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"}
        )
    except requests.exceptions.Timeout:
        raise InputError(f"{url}: no answer within {timeout_s:g} s") from None
    except requests.exceptions.TooManyRedirects:
        raise InputError(f"{url}: too many redirects") from None
    except requests.exceptions.ConnectionError as exc:
        raise InputError(f"{url}: cannot connect ({type(exc).__name__})") from None
    except requests.exceptions.RequestException as exc:
        raise InputError(f"{url}: request failed ({type(exc).__name__})") from None
    with response:
        if response.status_code >= 400:
            raise InputError(f"{url}: the server answered HTTP {response.status_code}")
        ctype = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype not in ("text/html", "application/xhtml+xml", "text/plain", ""):
            raise InputError(f"{url}: content type '{ctype}' is not an article (HTML or text)")
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise InputError(f"{url}: {length} bytes is more than the {max_bytes} allowed")
        chunks, total = [], 0
        try:
            for chunk in response.iter_content(chunk_size=65536):
                total += len(chunk)
                if total > max_bytes:
                    raise InputError(f"{url}: more than the {max_bytes} bytes allowed")
                chunks.append(chunk)
        except requests.exceptions.RequestException as exc:
            raise InputError(f"{url}: download failed ({type(exc).__name__})") from None
        data = b"".join(chunks)
        declared = response.encoding if "charset" in (response.headers.get("Content-Type") or "").lower() else None
        if declared is None and ctype != "text/plain":
            declared = declared_charset(data)
        final_url = getattr(response, "url", None) or url
    if not data.strip():
        raise InputError(f"{url}: the server sent an empty body")
    text = decode_bytes(data, declared=declared, origin=url)
    slug = slug_for(url)
    if ctype == "text/plain":
        article = parse_text(text, source=url, slug=slug, origin=url)
        return article if article.url else _replace(article, url=final_url)
    return parse_html(text, url=final_url, source=url, slug=slug, origin=url)


# ----------------------------------------------------------------------------- HTML / JSON


def parse_html(
    html: str, *, url: str | None = None, source: str | None = None, slug: str | None = None, origin: str = "html"
) -> Article:
    """Body and metadata of an HTML page (trafilatura)."""
    import trafilatura  # noqa: PLC0415  (heavy import, only for HTML)

    if not html.strip():
        raise InputError(f"{origin}: the page is empty")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(_WORD.findall(body)) < 5:
        raise InputError(f"{origin}: no article text found in the HTML")
    title = _clean(getattr(doc, "title", None))
    published = _iso_prefix(getattr(doc, "date", None))
    text = _normalize(body)
    if title:
        text = _drop_leading_title(text, title)
    return Article(
        text=text,
        title=title,
        publisher=_clean(getattr(doc, "sitename", None)),
        published=published,
        url=_clean(getattr(doc, "url", None)) or url,
        language=_clean(getattr(doc, "language", None)) or "en",
        source=source,
        slug=slug,
    )


def parse_json_article(
    raw: str, *, source: str | None = None, slug: str | None = None, origin: str = "json"
) -> Article:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{origin}: not valid JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("article"), dict):
        data = data["article"]
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(
            f"{origin}: JSON without article text (facts JSON without "
            f"'article.text' is ingested with kg.facts.load_facts, not read)"
        )
    values = dict(data)
    values.setdefault("source", source)
    values.setdefault("slug", slug)
    return Article.from_dict(values)


# ----------------------------------------------------------------------------- pasted text


@dataclass
class _Meta:
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    return re.sub(r"(?<![ \t])[ \t]++\n", "\n", text)  # only whole runs are tried: linear on long runs


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", value).strip()
    return value or None


def _iso_prefix(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.search(value)
    if m:
        return "-".join(x for x in m.groups() if x)
    found = [d.value for d in find_dates(value) if d.value and d.kind in ("iso", "dmy_dots", "md", "dm")]
    return found[0] if found else None


def _publisher_name(value: str) -> str | None:
    """'Sputnik (sputnikglobe.com)' -> 'Sputnik'; '24.kg (Kyrgyzstan)' -> '24.kg'."""
    value = re.sub(r"\s*\([^)]*\)\s*$", "", value).strip()
    return value or None


def _url_date(url: str | None) -> str | None:
    if not url:
        return None
    m = _URL_DATE.search(urlsplit(url).path)
    if not m:
        return None
    y, mo, d = m.groups()
    if not 1 <= int(mo) <= 12:
        return None
    return f"{y}-{mo}-{d}" if d and 1 <= int(d) <= 31 else f"{y}-{mo}"


def _read_header(lines: list[str]) -> tuple[_Meta, int]:
    """Leading ``key: value`` metadata lines; returns the metadata and the first body line."""
    meta = _Meta()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    start, found = i, 0
    while i < len(lines):
        m = _HEADER_LINE.match(lines[i])
        if not m or m.group(1).lower() not in _HEADER_KEYS:
            break
        key, value = m.group(1).lower(), m.group(2)
        found += 1
        if key in ("title", "headline"):
            meta.title = _clean(value)
        elif key in ("publisher", "source-name", "site"):
            meta.publisher = _publisher_name(value)
        elif key in ("published", "date"):
            meta.published = _iso_prefix(value) or meta.published
        elif key == "url":
            meta.url = _clean(value)
        elif key in ("language", "lang"):
            meta.language = _clean(value)
        else:
            meta.extra[key] = value
        i += 1
    if found == 0 or (found == 1 and meta.url is None and meta.published is None):
        return _Meta(), start
    return meta, i


def _drop_leading_title(text: str, title: str) -> str:
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if _line_key(first) == _line_key(title) else text


def _looks_like_title(line: str) -> bool:
    """A headline: starts with a capital, 3-30 words, no time, no final full stop."""
    line = line.strip()
    words = _WORD.findall(line)
    if not (3 <= len(words) <= 30 and len(line) <= 220 and line[:1].isupper()):
        return False
    if has_time(line):
        return False
    i = len(line)
    while i and not (line[i - 1].isalnum() or line[i - 1] == "_"):
        i -= 1  # the trailing non-word characters, without a backtracking regex
    return not any(c in ".!?:;" for c in line[i:])


def parse_text(raw: str, *, source: str | None = None, slug: str | None = None, origin: str = "text") -> Article:
    """An article from text pasted from a web page (see the module docstring)."""
    raw = _normalize(raw)
    if not raw.strip():
        raise InputError(f"{origin}: the file is empty")
    lines = raw.split("\n")
    meta, i = _read_header(lines)
    bp = _boilerplate()
    body_lines: list[str] = []
    page_dates: list[tuple[int, str]] = []  # (score, ISO date) from lines above the story
    publisher = meta.publisher
    seen_prose = False
    headlines = False  # under a "Related Posts" heading: other stories' headlines, up to the next sentence
    for line in lines[i:]:
        line = line.rstrip()
        if seen_prose and _line_key(line) in bp.tail_headings:
            headlines = True
            continue
        if headlines:
            if not line.strip() or (len(line) < 150 and not _SENTENCE_END.search(line)):
                continue
            headlines = False
        m = _CORPUS_DATE.match(line)
        if m:
            page_dates.append((5, m.group(1)))
            line = line[m.end() :]
        for pat in bp.strip_patterns:
            line = pat.sub("", line).rstrip()
        if not line.strip():
            if body_lines and body_lines[-1] != "":
                body_lines.append("")
            continue
        if _is_boilerplate(line, bp):
            continue  # a date on a menu bar is the render date: never a candidate
        words = _WORD.findall(line)
        if (
            len(words) == 1
            and not re.search(r"[.!?\d]", line)
            and len(line.strip()) < 25
            and not seen_prose
            and not (line.strip().isupper() and len(line.strip()) > 3)
        ):
            continue  # a lone section word above the story ("World", "Politics"); not a dateline ("ARUSHA")
        stamp = _STAMP.search(line)
        if stamp and (not seen_prose or len(body_lines) < 12 or stamp.group("kind").lower() == "published"):
            rest, dates = _without_dates(line)
            full = [d for d in dates if d and len(d) == 10]
            if full and len(_WORD.findall(rest)) <= 9 and (stamp.start() == 0 or not re.search(r"[.!?]\W*$", line)):
                kind = stamp.group("kind").lower()
                score = 4 if kind in ("published", "posted") else 2
                page_dates.extend((score, d) for d in full[:1])
                leftover = _STAMP_NOISE.sub(" ", _STAMP.sub(" ", rest))
                if len(_WORD.findall(leftover)) <= 1:
                    continue  # "Published On 9 Sep 2023", "Updated - July 04, 2023 09:58 pm IST"
        if seen_prose and len(body_lines) <= 4 and DATE_FIRST_DATELINE.fullmatch(line.strip()):
            # "May 25, 2031, 12:30, Moscow" right under the lead sentence (an official site's page): its date
            page_dates.extend((2, d) for d in _without_dates(line)[1][:1] if d and len(d) == 10)
        if not seen_prose:
            page_dates.extend((3, d) for d in _dateline_dates(line)[:1])
            rest, dates = _without_dates(line)
            if dates and len(_WORD.findall(rest)) <= 6:
                score = 1 + (2 if has_time(line) else 0)
                pm = _PAREN_PUBLISHER.match(line)
                if pm:
                    score += 2
                    publisher = publisher or pm.group(1).strip()
                page_dates.extend((score, d) for d in dates if d and len(d) == 10)
                if len(_WORD.findall(rest)) <= 3 and not pm and not _PLACE_DATELINE.fullmatch(line.strip()):
                    continue  # "Politics • 29 May, 2019", "June 09, 12:39 UTC+3": page furniture
            if len(words) >= 8 and _SENTENCE_END.search(line):
                seen_prose = True
        body_lines.append(line.strip() if not seen_prose else line)
    while body_lines and body_lines[-1] == "":
        body_lines.pop()
    while body_lines and body_lines[0] == "":
        body_lines.pop(0)
    if not body_lines or len(_WORD.findall(" ".join(body_lines))) < 3:
        raise InputError(f"{origin}: no article text found")
    title = meta.title
    if title is None:
        for line in body_lines[:6]:
            if not line:
                continue
            if _looks_like_title(line):
                title = line.strip()
            break
    published = meta.published
    if published is None and page_dates:
        best = max(page_dates, key=lambda x: x[0])
        published = best[1]
    if published is None:
        published = _url_date(meta.url)
    text = "\n".join(body_lines)
    return Article(
        text=text,
        title=title,
        publisher=publisher,
        published=published,
        url=meta.url,
        language=meta.language or "en",
        source=source,
        slug=slug,
    )


def _replace(article: Article, **changes: Any) -> Article:
    from dataclasses import replace  # noqa: PLC0415

    return replace(article, **changes)
