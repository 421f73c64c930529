"""Sentence splitting with character offsets.

Lines are sentence boundaries (pasted pages put headlines, captions and credits on
lines of their own), except a soft line break inside a sentence: a line that does not
end in punctuation followed by one that starts in lower case ("The BRICS summit\\nis
being held ...") is one sentence.  Inside a line, a sentence ends at ``.``, ``!`` or
``?`` followed by a space and a capital, unless the dot ends an abbreviation or an
initial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words a full stop follows without ending a sentence (lower case, inner dots kept: "u.s").
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "rev",
    "no",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "d.c",
    "inc",
    "ltd",
    "co",
    "corp",
    "approx",
    "fig",
    "art",
    "para",
    "vol",
    "h.e",
    "mt",
    "ft",
}
# Linear: a match starts only where a run of end marks starts, and nothing backtracks
# (a run of 16,000 dots was quadratic: seconds).
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*+\s++(?=[\"“‘(\[]?[A-Z0-9À-Þ—–-])")
_LINE = re.compile(r"[^\n]+")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "k.p" of "K.P.": initials, not a sentence's end


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int = 0


def _last_word(text: str, pos: int) -> str:
    # Only the end of the line matters (searching all of it for every boundary was quadratic);
    # a word longer than the window is no abbreviation or initial either way.
    m = re.search(r"([\w.]+)\.?[\"”’')\]]*$", text[max(0, pos - 100) : pos])
    return m.group(1).lower().rstrip(".") if m else ""


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s >= e:
            continue
        if spans:
            ps, pe = spans[-1]
            gap = text[pe:s]
            # the previous span's last character, not the span (which grows as lines are joined)
            if gap.count("\n") == 1 and text[pe - 1] not in '.!?:;”"’…)' and text[s].islower():
                spans[-1] = (ps, e)
                continue
        spans.append((s, e))
    return spans


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for ls, le in _line_spans(text):
        line = text[ls:le]
        start = 0
        for m in _BOUNDARY.finditer(line):
            cut = m.start()
            word = _last_word(line, cut + 1)
            if line[cut] == "." and (
                word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or _INITIALS.fullmatch(word)
            ):
                continue  # "Mr. X", "Ferdinand R. Marcos", "K.P. Sharma Oli"
            end = m.end()
            seg_end = end
            while seg_end > start and line[seg_end - 1].isspace():
                seg_end -= 1
            if seg_end > start:
                out.append(Sentence(ls + start, ls + seg_end, line[start:seg_end], len(out)))
            start = end
        if start < len(line):
            seg = line[start:].rstrip()
            if seg:
                out.append(Sentence(ls + start, ls + start + len(seg), seg, len(out)))
    return out
