"""Documents adopted, signed, issued (or to be) at the summit, with kind and status.

Three sources, all tied to a status verb of the article ("signed", "adopted", "would
sign and publish", "will see the adoption of", "was reached"):

* the object of an active verb: "have signed the Astana Declaration, the Convention on
  Combating Extremism and a statement on fight against terrorism";
* the subject of a passive one: "a plan on joint steps ... and a memorandum ... was signed";
* a bulleted list after an introducing line: "signed the following documents:".

Items are split at commas / "and" before a determiner or a number; an item is a document
when its head noun is a document kind ("declaration", "convention", ...).  A named
document without any status verb ("reiterated their commitment to the Treaty on ...") is
kept as referenced (``at_summit: false``), as is one signed in an earlier year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .context import BODY_OF_ITS_OWN, Context
from .dates import MONTH_NAMES, WEEKDAY_NAMES
from .lexicon import COUNT_WORDS, alternation, count_value, fold_key, vocab

_DETERMINER = r"(?:the|a|an|its|their|this|these|two|three|four|five|six|seven|eight|nine|ten|several|\d+)"
_PREPOSITIONS = {"of", "on", "for", "between", "to", "by", "from", "with", "in", "about", "against", "under"}
_GENERIC = re.compile(
    r"^(?:the|this|that|these|those|such|following|said|same|its|their|our|main)\s+"
    r"(?:(?:final|main|joint|following|other|said|same|above|relevant)\s+)?[\w-]+$",
    re.IGNORECASE,
)
# "the final declaration", "the joint communiqué": generic words, but with a status verb the summit's own text
_OWN_OUTCOME = re.compile(
    r"^(?:the|its|their)\s+(?:final|joint|summit)\s+(?:declaration|communiqu[ée]|statement)$", re.IGNORECASE
)
_NUMBER_WORDS = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens of|several|"
    r"a number of|"
    r"a total of (?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty)|"
    r"[a-z]+teen|twenty|a package of)"
)


_WORDS = re.compile(r"[a-zé]+")
# "a decision to approve X": the verb belongs to the document's title
_DECISION_TO = re.compile(
    r"\b(?:decisions?|agreements?|resolutions?|plans?|proposals?|measures|decided|agreed)\s+to\s+$", re.IGNORECASE
)


@dataclass
class Document:
    title: str
    kind: str | None
    status: str | None
    start: int
    named: bool = True
    at_summit: bool = True
    evidence_offsets: list[int] = field(default_factory=list)


#: after a kind word: a building ("the Kigali Convention Centre"), no document
_NOT_A_BUILDING = r"(?!\s+(?:Centre|Center|Hall|Complex|Palace)\b)"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    v = vocab()
    kinds = v["document_kinds"]
    verbs = v["status_verbs"]
    return {
        "kinds": kinds,
        "verbs": verbs,
        "kind_word": re.compile(
            r"(?<![\w-])(" + alternation(list(kinds)) + r")(?![\w-])" + _NOT_A_BUILDING, re.IGNORECASE
        ),
        "verb": re.compile(r"(?<![\w-])(" + alternation(list(verbs)) + r")(?![\w-])", re.IGNORECASE),
        "verb_words": frozenset(w.lower().split()[0] for w in verbs),  # "put" of "put pen to paper on"
        "coord_verb": re.compile(r"\s+and\s+(" + alternation(list(verbs)) + r")\b", re.IGNORECASE),
        "future_before": re.compile(
            r"\b(?:will|would|shall|should|must|may|might|can|could|to|is to|are to|set to|expected to|plans? to|"
            r"going to|will see(?: the)?|would see(?: the)?)\s+(?:also\s+|then\s+|jointly\s+)?(?:\w+\s+and\s+)?"
            # "will be signed", "will then be formally adopted"
            r"(?:(?:(?:also|then|now|soon|later)\s+)?be\s+(?:(?:formally|officially|jointly|also)\s+)?)?$",
            re.IGNORECASE,
        ),
        "modal_far": re.compile(
            r"\b(?:will|would|shall|is expected to|are expected to|are set to|is set to|(?:it )?is expected that)\b",
            re.IGNORECASE,
        ),
        # ("The Lima Declaration is due to be adopted": the subject ends before "is due")
        "to_be": re.compile(
            r"\b(?:(?:is|are|was|were)\s+(?:(?:also|now|still)\s+)?(?:due|expected|set|scheduled|slated|likely|poised|"
            r"going|about)\s+)?to be\s+$",
            re.IGNORECASE,
        ),
        "passive_before": re.compile(
            r"\b(?:was|were|has been|have been|had been|is|are|being|"
            # "will be signed", "would then be adopted": a passive to come
            r"(?:will|would|shall|should|must|may|might|can|could)\s+(?:(?:also|then|now|soon|later|not)\s+)?be)"
            r"\s+(?:(?:also|the|main|document|documents|finally|officially|formally|jointly|unanimously|not|never)"
            r"\s+){0,4}$",
            re.IGNORECASE,
        ),
        "object_stop": re.compile(
            r"[.;:]|\s(?:was|were|is|are|has|have|had|will|would|during|at the|at its|at this|at an?|at their|"
            r"which|that|who|in which|under which|by which|whereby|"
            # "the Lima Declaration calling for ...": a participle clause about the document
            r"calling|urging|demanding|condemning|reaffirming|pledging|setting out|aimed at|"
            r"following|after|before|as well as|in order|as (?:they|he|she|it|we|the)|"
            r"(?:minutes|hours|moments|days|shortly|just|soon)\s+(?:before|after)|"  # "X minutes before the close"
            r"according|within|while|because|since|when|by consensus|by acclamation|unanimously|despite|amid)\b|"
            r",\s*(?:said|he said|she said|according|which|who)\b|"
            # "Bolivia, which signed its accession protocol, became a member": the relative clause ends
            r",\s+(?:became|becomes|remained|remains)\b|"
            # "signed the Charter, giving the grouping a legal personality": a participle clause about it
            r",\s+(?!including\b)[a-z]+ing\s+(?:the|a|an|its|their|it|them|[A-Z][a-z]+)\b|"
            r",\s+(?=(?:[\w'’.-]+\s+){0,8}?(?:said|says|told|added|stressed|noted|reported|reports|announced|wrote)\b)|"
            r",?\s+and\s+(?:also\s+)?(?:have\s+|has\s+)?[a-z]+ed\b|"
            r",?\s+and\s+(?:also\s+)?(?:confirm|welcome|agree|discuss|call|express|note)\w*\b",
            re.IGNORECASE,
        ),
        "split": re.compile(
            rf",\s*(?:and\s+|as well as\s+)?(?=(?i:{_DETERMINER})\b)|,\s*and\s+(?=[A-Z])|"
            r",\s*(?:including|among them|among which|namely|such as)\s+|"
            rf"\s+and\s+(?=(?i:{_DETERMINER})\b)|\s+as well as\s+|\s+(?:together|along)\s+with\s+|"
            # "an appeal to the peoples and decisions on ...": a plural document noun starts an item
            r"\s+and\s+(?=(?:decisions|agreements|statements|declarations|resolutions|memoranda|"
            r"protocols|treaties|conventions|documents)\s+(?:on|of|for|to)\b)"
        ),
        "named_kind": re.compile(
            r"(?<![\w-])(?P<kind>"
            + alternation([k.title() for k in kinds] + ["Memorandum of Understanding", "Communiqué"])
            + r")(?![\w-])"
            + _NOT_A_BUILDING
        ),
        "named_pre": re.compile(r"(?:(?:[A-Z0-9][\w'’-]*|\d{4}[-–]\d{4})[ \t]+){1,5}$"),
        "named_tail": re.compile(
            r"(?:\s+(?:on|of|for|between|to|by|against|in|into)\s+(?:the\s+)?[A-Z][\w'’-]*"
            r"(?:(?:(?:\s+(?:of|the|and|for|in|on|to|into)){1,2}|,)?\s+[A-Z][\w'’-]*)*)?"
        ),
        "lower_named": re.compile(
            r"(?<![\w-])(?P<pre>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+"
            r"(?P<kind>declaration|communiqué|communique|statement|charter|treaty|convention)\b"
        ),
        "bullet": re.compile(r"^\s*(?:[—–\-•*·▪●]|\d+[.)])\s+(?P<item>.+?)\s*[;.,]?\s*$"),
        "numbered": re.compile(rf"^(?:{_NUMBER_WORDS})\s+[\w-]+s$", re.IGNORECASE),
        "quantity": re.compile(
            rf"^(?:(?:more than|over|about|around|nearly|almost|some|at least|up to|roughly)\s+)?"
            rf"(?:{_NUMBER_WORDS})\s+(?:[\w-]+\s+){{0,2}}?"
            r"(?:documents|agreements|memoranda|memorandums|declarations|statements|decisions|"
            r"resolutions|treaties|contracts|deals|accords|protocols|plans|programs|programmes)\b",
            re.IGNORECASE,
        ),
        "list_head": re.compile(
            rf"\s*(?:(?:the\s+)?following|(?:{_NUMBER_WORDS})|these|several|a number of)?\s*(?:[\w-]+\s+)?"
            r"(?:documents|agreements|decisions|declarations|statements|texts|resolutions|memoranda|instruments)?\s*",
            re.IGNORECASE,
        ),
        "doc_plural": re.compile(
            r"\b(?:documents|agreements|decisions|declarations|statements|texts|resolutions|memoranda|instruments)\b",
            re.IGNORECASE,
        ),
        "list_after": re.compile(r"(?:\s+(?:at|during|by)\s+the\s+\w+)?\s*(?:[-—–:]|,\s*(?:namely|including))\s*"),
        "inverted": re.compile(r"\b(?:documents?|agreements?|texts?|decisions?)\s+(?:\w+\s+)?$", re.IGNORECASE),
        "lead": re.compile(
            r"^(?:and|also|finally|then|further|furthermore|besides|moreover|later|eventually|"
            r"jointly|all|both|to|in addition|while|whereas|but|though|although)\s+",
            re.IGNORECASE,
        ),
    }


def _kind_of(item: str) -> tuple[str | None, int]:
    """The document kind of an item and where its word is, when the kind word is the
    item's head (no preposition before it)."""
    pats = _patterns()
    m = pats["kind_word"].search(item)
    if not m:
        return None, -1
    before = item[: m.start()].lower().split()
    if any(w in _PREPOSITIONS for w in before) and not (
        m.group(1)[:1].isupper() and _NAME_BEFORE_KIND.fullmatch(item[: m.start()])
    ):
        return None, -1  # "the implementation of the Kazan Declaration" (but "the Ocean of Peace Declaration")
    for later in pats["kind_word"].finditer(item, m.end()):
        between = item[m.end() : later.start()]
        if "," in between or any(w in _PREPOSITIONS or w == "and" for w in between.lower().split()):
            break
        m = later  # a compound's head is its last noun: "the 2050 Strategy implementation plan" is a plan
    return pats["kinds"][m.group(1).lower()], m.start()


# a capitalized name with "of" / "for" inside it, right before a capitalized kind word
_NAME_BEFORE_KIND = re.compile(
    r"\s*(?:(?:the|an?)\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?[A-Z0-9][\w'’-]*)*\s+"
)


_NOUN_DONE = re.compile(
    r"\b(?:with|after|following|saw|marked by|culminated in|welcomed|welcomes|hailed)\s+(?:the\s+)?$", re.IGNORECASE
)
_NEGATION = re.compile(
    # "refused to sign", "refused on Tuesday to sign"
    r"(?:\b(?P<refuse>refused|refuses|refusing|declined|declines|rejected)\s+(?:on\s+\w+\s+)?to|"
    r"\b(?:did|does|do|would|will|could)\s*(?:not|n['’]t)|\bfailed\s+to|\bnot|\bnever)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_BASE = {
    "signed": "sign",
    "adopted": "adopt",
    "approved": "approve",
    "endorsed": "endorse",
    "issued": "issue",
    "ratified": "ratify",
    "agreed": "agree",
}

_BASE_FORMS = {
    "sign",
    "adopt",
    "approve",
    "issue",
    "publish",
    "endorse",
    "agree",
    "reach",
    "ratify",
    "conclude",
    "ink",
    "release",
    "make",
    "pass",
    "unveil",
    "launch",
    "accept",
    "finalize",
    "finalise",
}


def _status(ctx: Context, sent_text: str, verb_start: int, verb_word: str, passive: bool) -> str:
    """The article's verb as a status: "signed", "adopted", or "to be signed" when the
    verb is governed by a modal or "to be" ("would sign", "will see the adoption of")."""
    pats = _patterns()
    base = pats["verbs"][verb_word.lower()]
    lower = verb_word.lower()
    before = sent_text[max(0, verb_start - 60) : verb_start]
    neg = _NEGATION.search(before)
    if neg:
        # "refused to sign", "did not sign", "failed to adopt": the document was not
        return ("refused to " if neg.group("refuse") else "not ") + (
            base if not neg.group("refuse") else _BASE.get(base, base)
        )
    future = bool(pats["future_before"].search(before) or pats["to_be"].search(before))
    if not future and lower in ("adoption", "approval", "signing"):
        future = bool(pats["modal_far"].search(before[-40:]))
    if not future and not passive and lower in _BASE_FORMS:
        future = bool(pats["modal_far"].search(sent_text[max(0, verb_start - 120) : verb_start]))
    return f"to be {base}" if future else base


def _items(span: str) -> list[tuple[int, str]]:
    """Split a noun-phrase list into (offset, item) parts."""
    pats = _patterns()
    out, last = [], 0
    for m in pats["split"].finditer(span):
        still = _STILL_THE_TITLE.search(span, last, m.start())
        if still is not None and m.group().strip() == "and" and _title_goes_on(span[m.end() :], bool(still.group(1))):
            continue  # "the Plan between the Arab States and the People's Republic of China": one title
        out.append((last, span[last : m.start()]))
        last = m.end()
    out.append((last, span[last:]))
    clean = []
    for off, item in out:
        lead = pats["lead"].match(item)
        while lead:
            off += lead.end()
            item = item[lead.end() :]
            lead = pats["lead"].match(item)
        quoted = _QUOTED_LEAD.match(item)
        if quoted is not None:
            item = item[: quoted.end()]  # "'Joint Vision for 2030' as vaccine patent row rumbles on": the quoted title
        stripped = item.strip(" ,“”\"'‘’")
        if stripped:
            clean.append((off + item.find(stripped), stripped))
    return clean


# an item that opens with a quoted title: the title and its closing quote
_QUOTED_LEAD = re.compile(r"\s*(?:'[^'\n]{3,120}'|‘[^’\n]{3,120}’|\"[^\"\n]{3,120}\"|“[^”\n]{3,120}”)(?=\s+[a-z])")


# a title that goes on past " and the ...": its "between" wants a second party, or it ends in a capitalized
# word that a capitalized name without a kind word of its own continues ("... for the Dialogue and the Peace")
_STILL_THE_TITLE = re.compile(
    r"(?:(\bbetween\s+(?:the\s+)?[A-Z][^,;]*)|[A-Z][\w'’-]*\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w'’-]*)$"
)
_NEXT_PART = re.compile(r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,4}")


def _title_goes_on(rest: str, between: bool) -> bool:
    """Whether ``rest`` (after an "and") starts with a capitalized name that is no document of its own: after
    "between", any ("... and the People's Republic of China"); else one or two words ("... and the Peace")."""
    m = _NEXT_PART.match(rest)
    if m is None or _kind_of(m.group())[0] is not None:
        return False
    if between:
        return True
    short = " of " not in m.group() and len(m.group().removeprefix("the ").split()) <= 2
    return short and not re.match(r"\s+of\b", rest[m.end() :])  # "... and the Statute of the Secretariat"


def _semicolon_parts(span: str) -> list[tuple[int, str]]:
    out, last = [], 0
    for m in re.finditer(r";\s*(?:and\s+)?", span):
        out.append((last, span[last : m.start()]))
        last = m.end()
    out.append((last, span[last:]))
    return out


#: "adopts charter at Colombo summit", "signed at the 5th summit": where, not what
_AT_MEETING_TAIL = re.compile(
    r"\s+at\s+(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,3}(?:summit|meeting|session|talks)\b.*$", re.IGNORECASE
)


def _title(item: str) -> str:
    # "(Saturday,) when the final communiqué is expected", "Only the energy agreement was signed"
    # "(endorsed) once again the Egyptian plan", "(signed) last December 14 the Joint Declaration": an adverbial
    item = re.sub(
        r"^(?:when|where|once|until|only|just|also|even|(?:once\s+)?again|formally|officially|unanimously|jointly|"
        r"finally|yesterday|today|(?:on|last|this|next)\s+[A-Z][a-z]+(?:\s+\d{1,2})?)\s+(?=(?:the|a|an|its|their)\s)",
        "",
        item.strip(),
        flags=re.IGNORECASE,
    )
    item = re.sub(r"^(?:as\s+)?(?:the|a|an|its|their)\s+", "", item.strip(), flags=re.IGNORECASE)
    # "a final communique, and to confirm Samoa as host", "a final communiqué, and officials played down ...": a clause
    item = re.sub(r",\s+and\s+(?:to\s+[a-z]+|(?!(?:the|a|an|its|their|other|several)\b)[a-z]+\s+[a-z]+)\b.*$", "", item)
    # ", with a minimum of ...": what it holds; "annexed the Principles to it": where it went
    item = re.sub(r",\s+(?:with|worth|amid|after)\s+(?:a|an|the|some|its|\d)\b.*$", "", item)
    item = re.sub(r"\s+(?:to|into|with)\s+(?:it|them|this|that)$", "", item)
    if item.count('"') % 2:
        item = item.replace('"', "")  # 'decision "On the Chairmanship' without its closing quote
    if item.count("“") != item.count("”"):
        item = item.replace("“", "").replace("”", "")
    item = re.sub(r"[,\s]+(?:and|or)(?:\s+(?:to|also|then))?$", "", item.strip(" ,;:“”\"'"))
    item = _AT_MEETING_TAIL.sub("", _TITLE_DATE_TAIL.sub("", item.strip(" ,;:“”\"'"))).strip(" ,;:“”\"'")
    place = _PLACE_TAIL.search(item)
    if place is not None and _PREPOSITIONS.isdisjoint(item[: place.start()].lower().split()):
        item = item[: place.start()]  # "endorse the implementation plan in Rarotonga": where, not what
    return item


#: "... in Rarotonga", "... in the Cook Islands" at the end of a title whose words before have no preposition
_PLACE_TAIL = re.compile(r"\s+in\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}$")


@dataclass
class ListItem:
    title: str
    text: str
    start: int
    status: str | None = None


@dataclass
class ListBlock:
    """An introducing line ("The following documents were signed:", "Decisions taken
    included the") and the lines after it, one document each."""

    start: int
    end: int
    status: str | None
    kind: str | None
    items: list[ListItem] = field(default_factory=list)


_BULLET = re.compile(r"^\s*(?:[—–\-•*·▪●]+|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_ITEM_END = re.compile(r"(?:[;,]|,?\s+and\s*;?|;\s*and|\s+and/or)\s*$")
_DANGLING_WORDS = frozenset(
    {
        "the",
        "a",
        "an",
        "following",
        "included",
        "include",
        "includes",
        "are",
        "were",
        "signed",
        "adopted",
        "approved",
        "endorsed",
        "issued",
        "follows",
        "namely",
        "including",
    }
)


def _dangling(line: str) -> bool:
    """A line that introduces what follows: it ends with ":" or with a word that needs an
    object ("... included the", "the ministers signed")."""
    if line.endswith(":"):
        return True
    last = line[line.rfind(" ") + 1 :].lower()
    if last in _BASE and _KIND_LAST.search(line[: line.rfind(" ")]):
        return False  # a headline's "..., Astana Declaration signed": its object said before the verb
    return last in _DANGLING_WORDS and (last != "follows" or line.lower().endswith("as follows"))


_KIND_LAST = re.compile(r"(?:Declaration|Statement|Communiqu[ée]|Agreement|Treaty|Charter|Convention|Plan|Document)s?$")


_ITEM_VERB = re.compile(
    r"^(?:the\s+)?(?P<noun>adoption|approval|signing|endorsement|ratification)\s+of\s+(?:the\s+)?", re.IGNORECASE
)
_DOC_NOUN = re.compile(
    r"\b(?:documents?|decisions?|agreements?|declarations?|resolutions?|memorand\w*|treaties|"
    r"statements?|outcomes?|texts?|instruments?|acts?)\b",
    re.IGNORECASE,
)
_NOUN_STATUS = {
    "adoption": "adopted",
    "approval": "approved",
    "signing": "signed",
    "endorsement": "endorsed",
    "ratification": "ratified",
}


def _lines(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]*", text) if m.group().strip()]


_ATTENDEES = re.compile(
    r"\b(?:attended by|attendees|participants|(?:following|these) (?:heads? of (?:state|government|delegations?)|"
    r"leaders|delegations|presidents|prime ministers))\b",
    re.IGNORECASE,
)


def list_blocks(ctx: Context) -> list[ListBlock]:
    """Collect: documents listed one per line after an introducing line.  The introducing
    line (or the sentence before it: "A number of documents was signed. These are:")
    names documents or has a status verb; it gives the status of every item."""
    pats = _patterns()
    text = ctx.text
    lines = _lines(text)
    out: list[ListBlock] = []
    i = 0
    while i < len(lines) - 1:
        start, line = lines[i]
        stripped = line.strip()
        if not _dangling(stripped) or _BULLET.match(line) or len(stripped) > 400:
            i += 1
            continue
        lead = stripped
        prev = ctx.sentence_at(start - 2) if start > 1 else None
        context = (
            lead
            if (pats["verb"].search(lead) or _DOC_NOUN.search(lead))
            else ((prev.text + " " + lead) if prev is not None and not stripped.endswith(("the", "a", "an")) else lead)
        )
        verbs = list(pats["verb"].finditer(context))
        verb = verbs[-1] if verbs else None  # the last one
        noun = _DOC_NOUN.search(context)
        if (verb is None and noun is None) or (_ATTENDEES.search(lead) and not _DOC_NOUN.search(lead)):
            # "The Summit was attended by the following Heads of State:": people, not documents (whatever the
            # sentence before it signed)
            i += 1
            continue
        status = _status(ctx, context, verb.start(), verb.group(1), passive=False) if verb is not None else None
        kind = pats["kinds"].get(noun.group().lower().rstrip("s"), None) if noun is not None else None
        if kind in ("document", "text", "outcome", None):
            kind = "decision" if noun is not None and noun.group().lower().startswith("decision") else kind
        block = ListBlock(start=start, end=start + len(line), status=status, kind=kind)
        j = i + 1
        prev_open = stripped.endswith(":") or stripped[-1:] not in '.!?"”'
        while j < len(lines):
            ls, raw = lines[j]
            item_line = raw.strip()
            bullet = _BULLET.match(raw)
            ended = bool(_ITEM_END.search(item_line))
            if len(item_line) > 400 or not (bullet or ended or prev_open):
                break
            if not bullet and not ended and not prev_open:
                break
            body_start = ls + (bullet.end() if bullet else len(raw) - len(raw.lstrip()))
            body = text[body_start : ls + len(raw)].rstrip()
            item = _list_item(body, body_start)
            label = ctx.mention_at(body_start, "country")
            if item is None or (label is not None and text.startswith(":", label.end)):
                break  # "- Angola: H.E. Name, President": an attendee, not a document
            block.items.append(item)
            block.end = ls + len(raw)
            # the line after one that ends in ";" or "," may close the list with "."
            prev_open = ended and not bullet
            j += 1
            if not ended and not bullet:
                break
        if len(block.items) >= 1 and (
            len(block.items) >= 2 or not stripped.endswith(":") or bullet_count(block, text) > 0
        ):
            out.append(block)
            i = j
        else:
            i += 1
    return out


def bullet_count(block: ListBlock, text: str) -> int:
    return sum(1 for it in block.items if _BULLET.match(text[text.rfind("\n", 0, it.start) + 1 : it.start + 1] or ""))


def _list_item(body: str, start: int) -> ListItem | None:
    """One list line as a document: the bullet and the closing ";" / ", and" go; a leading
    "Adoption of" gives the item its own status."""
    m = re.search(r"(?:[;,.]|,?\s+and\s*;?|;\s*and)\s*$", body)
    core = body[: m.start()] if m else body
    status = None
    vm = _ITEM_VERB.match(core)
    lead = 0
    if vm:
        status = _NOUN_STATUS[vm.group("noun").lower()]
        lead = vm.end()
    else:
        tm = re.match(r"(?:the|The|an?|An?)\s+(?=[A-Za-z])", core)
        lead = tm.end() if tm else 0
    title = core[lead:].strip(" “”\"'")
    words = title.split()
    if len(words) < 2 or len(title) < 6:
        return None
    if not any(w[:1].isupper() for w in words) and _kind_of(title)[0] is None:
        return None  # a lower-case line is a title only with a document word at its head ("statement on ...")
    if re.search(r"\b[a-z]{4,}[.!?]\s+[A-Z]", title):
        return None  # a sentence of prose, not a title
    return ListItem(
        title=title,
        text=core[lead:],
        start=start + lead + (len(core[lead:]) - len(core[lead:].lstrip(" “”\"'"))),
        status=status,
    )


@lru_cache(maxsize=1)
def _weak_kinds() -> frozenset[str]:
    return frozenset(w.lower() for w in vocab()["weak_document_kinds"])


#: an item that starts with a pronoun ("itself the address for ...", "it into the declaration")
_PRONOUN_FIRST = re.compile(
    r"\s*(?:it|itself|them|themselves|him|her|this|that|these|those|whose|which|who)\s", re.IGNORECASE
)
#: what may follow a document noun written in lower case inside its title: a complement ("on", "of" ...), a
#: name ("Declaration" is capitalized, "2030"), a comma or the end
_LOOSE_TAIL = re.compile(
    r"\s+(?!(?:of|on|for|to|until|till|through|between|by|in|concerning|regarding|about|among|with|against|and|or|at|from|"
    r"establishing|setting|creating|calling|urging|condemning|amending|governing|regulating|titled|entitled|called|"
    r"named|dubbed)\b)[a-z]"
)


class Collected:
    """Collected documents and the text spans they cover (a later step skips those)."""

    def __init__(self) -> None:
        self.docs: list[Document] = []
        self.covered: list[tuple[int, int]] = []

    def add(self, title: str, start: int, status: str | None, item_text: str, past_year: bool = False) -> None:
        """Keep an item when its head is a document kind (a weak kind needs a name or a
        complement); a count ("20 documents") is kept unnamed."""
        pats = _patterns()
        weak = _weak_kinds()
        kind, pos = _kind_of(item_text)
        if re.match(r"\s*no\s", item_text, re.IGNORECASE) or _PRONOUN_FIRST.match(item_text):
            return  # "No joint statement was issued": nothing was; "made itself the address for ...": no document
        quoted = _TITLE_IN_QUOTES.fullmatch(item_text.strip())
        if kind is None and quoted is not None and status and _QUOTED_VERBS.search(status):
            kind, title = "document", quoted.group("title")  # 'expected to adopt the "Bangkok Vision 2030"'
        generic = (
            _GENERIC.match(_AT_MEETING_TAIL.sub("", _TITLE_DATE_TAIL.sub("", item_text.strip())))
            and sum(w[:1].isupper() for w in title.split()) < 2
            and not (status and _OWN_OUTCOME.match(item_text.strip()))
        )
        lower = pats["kind_word"].search(item_text, pos) if pos >= 0 else None
        if lower is not None and lower.group(1)[:1].islower() and _LOOSE_TAIL.match(item_text, lower.end()):
            # "adopted their communique a day early to clear Sunday": the words after a common noun say when
            # or why, not which document
            title = _title(item_text[: lower.end()])
            generic = generic or bool(_GENERIC.match(item_text[: lower.end()].strip()))
        if kind is None or generic or not title:  # "the final declaration" is generic, "the Final Declaration" named
            return
        if _DESCRIPTION.match(item_text.strip()):
            return  # "X, the group's first standalone document on the issue": what X is, no other document
        km = pats["kind_word"].search(item_text)
        if km and km.group(1).lower() in weak:
            prev = item_text[: km.start()].split()
            named_head = bool(prev) and prev[-1][:1].isupper() and not prev[-1].endswith(("'s", "’s"))
            complement = re.match(
                r"\s+(?:of|on|for|to|between|by|in|governing|regulating|establishing)\b",
                item_text[km.end() :],
                re.IGNORECASE,
            )
            if not (named_head or complement or km.group(1)[:1].isupper()):
                return  # "defence plans", "17 documents": no name, no complement
        named = not pats["numbered"].match(item_text.strip())
        qm = pats["quantity"].match(item_text.strip())
        rest = item_text.strip()[qm.end() :] if qm else ""
        if qm and not re.match(r"\s+(?:from|of|on|for|between|by|to)\b", rest):
            # "more than 20 documents", "over 20 documents in Minsk, ...": a count, no name
            named, title = False, qm.group()
        doc = Document(title=title, kind=kind, status=status, start=start, named=named)
        if past_year:
            doc.at_summit = False
        self.docs.append(doc)
        self.covered.append((start, start + len(item_text)))


def find_documents(ctx: Context) -> list[Document]:
    """The article's documents: collect them from lists, from the objects and subjects of
    status verbs, and as named references; then merge the mentions of one document."""
    found = Collected()
    blocks = list_blocks(ctx)
    for block in blocks:
        for item in block.items:
            kind, _ = _kind_of(item.text)
            found.docs.append(
                Document(
                    title=item.title, kind=kind or block.kind, status=item.status or block.status, start=item.start
                )
            )
            found.covered.append((item.start, item.start + len(item.text)))
    collect_counted_topics(ctx, found)
    collect_from_sentences(ctx, found, [(b.start, b.end) for b in blocks])
    collect_submitted(ctx, found)
    collect_quoted(ctx, found)
    collect_outcomes(ctx, found)
    collect_outcome_lists(ctx, found)
    collect_referenced(ctx, found)
    collect_outcome_participles(ctx, found)
    collect_outcome_sayings(ctx, found)
    found.docs.sort(key=lambda d: d.start)
    headline_end = ctx.text.find("\n") % (len(ctx.text) + 1)  # the whole text when it is one line
    kept = [d for d in found.docs if not _SUPERLATIVE.search(d.title) and not _GENRE.match(d.title)]
    return merge_documents(kept, headline_end)


# "adopted four declarations: on A, on B, ... and on D"; "signed four agreements: on A, ..."
_COUNTED_TOPICS = re.compile(
    r"\b(?P<verb>adopted|signed|approved|endorsed|issued)\s+(?:also\s+)?(?P<n>" + "|".join(COUNT_WORDS) + r"|\d)\s+"
    r"(?P<kind>(?:[a-z]+\s+)?(?:declarations|statements|agreements|resolutions|decisions|conventions|memoranda))"
    r"\s*[:,]\s*(?=on\s)"
)
_TOPIC_SPLIT = re.compile(r",\s*(?:and\s+)?(?=on\s)|\s+and\s+(?=on\s)")


def collect_counted_topics(ctx: Context, found: Collected) -> None:
    """Collect: documents counted and then named by their topics ("the leaders adopted four declarations: on
    developing a regional electric vehicle ecosystem, on ..., and on ..."), one each, as many as counted."""
    for s in ctx.sentences:
        m = _COUNTED_TOPICS.search(s.text) if " on " in s.text else None
        if m is None:
            continue
        rest = s.text[m.end() :].rstrip(" .")
        topics = _TOPIC_SPLIT.split(rest)
        if len(topics) != count_value(m.group("n")) or any(len(t) > 160 for t in topics):
            continue
        kind = re.sub(
            r"(?:s|a)$", lambda e: "um" if e.group() == "a" else "", m.group("kind")
        )  # memoranda -> memorandum
        status = m.group("verb")
        offset = m.end()
        for topic in topics:
            at = s.text.index(topic, offset)
            found.add(f"{kind} {topic.strip()}", s.start + at, status, f"{kind} {topic.strip()}")
            offset = at + len(topic)
        found.covered.append((s.start + m.start("n"), s.end))


# "Media statement", "Press release" heading a government page: the page's genre, not a document of the summit
_GENRE = re.compile(r"(?:media|press|news)\s+(?:statement|release|briefing|note)s?$", re.IGNORECASE)


def collect_from_sentences(ctx: Context, found: Collected, in_block: list[tuple[int, int]]) -> None:
    """Collect: the objects of active status verbs and the subjects of passive ones
    ("signed the X Declaration and a statement on Y", "a plan ... was signed"), and the
    lists after them ("adopted three documents: ...", "4 documents are expected to be
    adopted - A, B and C")."""
    pats = _patterns()
    pub_year = ctx.published.year if ctx.published else None
    docs = found.docs
    add = found.add
    for s in ctx.sentences:
        st = _mask_appositives(s.text)
        if any(bs <= s.start < be for bs, be in in_block):
            continue  # a list item: read above, as one title
        if pats["verb_words"].isdisjoint(_WORDS.findall(st.lower())):
            continue  # no status verb: nothing adopted or signed in this sentence
        verbs = list(pats["verb"].finditer(st))
        for i, vm in enumerate(verbs):
            word = vm.group(1)
            before = st[: vm.start()]
            tail_at = max(0, len(before) - 90)  # the patterns end at the verb: no need to scan far
            aux = pats["passive_before"].search(before, tail_at) or pats["to_be"].search(before, tail_at)
            if aux:
                # passive: the subject is the clause before the auxiliary
                clause_start = max(before.rfind(", ", 0, aux.start()) + 2 if ", " in before[: aux.start()] else 0, 0)
                if not before[clause_start : aux.start()].strip() and clause_start >= 2:
                    # "A second text, the Joint Communiqué of ..., was also signed", "The Astana Declaration, a
                    # 20-page text, was signed": a noun and its appositive, either of them the document
                    aux_at = before.rfind(",", 0, aux.start())
                    for _ in range(2):
                        prev = before.rfind(", ", 0, clause_start - 2)
                        clause_start = prev + 2 if prev >= 0 else 0
                        if prev < 0:
                            break
                else:
                    aux_at = aux.start()
                that = before.rfind(" that ", clause_start, aux.start())
                if that >= 0:
                    clause_start = that + 6  # "Member states proposed that a ... treaty ... should be passed"
                subject = before[clause_start:aux_at]
                status = _status(ctx, st, vm.start(), word, passive=True)
                after = st[vm.end() :]
                years = [
                    d.value
                    for d in ctx.dates(st, ctx.published)
                    if d.kind in ("year", "my") and d.value and d.start >= vm.end()
                ]
                past = bool(pub_year and any(int(y[:4]) < pub_year for y in years))
                comp = re.match(r"\s+to\s+[^,.;]+", after)
                items = _items(subject)
                for n, (off, item) in enumerate(items):
                    full = item + (comp.group() if comp and n == len(items) - 1 else "")
                    add(_title(full), s.start + clause_start + off, status, full, past)
                dash = pats["list_after"].match(after)
                head = re.sub(r"\s+(?:are|is|were|was|will|would|have|has)\b.*$", "", subject)
                if dash and pats["list_head"].fullmatch(head) and pats["doc_plural"].search(head):
                    # "4 documents are expected to be adopted - the Final Declaration, the X Declaration ..."
                    lst_start = vm.end() + dash.end()
                    lst = st[lst_start:].rstrip(" .")
                    for off, part in _semicolon_parts(lst):
                        for o2, item in _items(part):
                            title = _title(item)
                            if _kind_of(item)[0] is None and title[:1].isupper() and len(title.split()) <= 8:
                                # a listed document without a document word: "the Gratitude of the host"
                                docs.append(
                                    Document(
                                        title=title,
                                        kind="document",
                                        status=status,
                                        start=s.start + lst_start + off + o2,
                                    )
                                )
                                continue
                            add(title, s.start + lst_start + off + o2, status, item, past)
                continue
            # active: "sign and publish X" -> one status for both verbs
            obj_start = vm.end()
            inv = re.match(r"\s+(?:were|was|are|is|include[sd]?)\s+", st[obj_start:])
            if inv and pats["inverted"].search(before):
                obj_start += inv.end()  # "Among the documents adopted were the Declaration ... and a statement ..."
            cm = pats["coord_verb"].match(st, obj_start)
            status = _status(ctx, st, vm.start(), word, passive=False)
            if cm:
                second = _status(ctx, st, vm.start(), cm.group(1), passive=False)
                status = status + " and " + second.replace("to be ", "")
                obj_start = cm.end()
            if _DECISION_TO.search(before, tail_at):
                continue  # "a decision to approve X": part of the document's title
            on = _AGREED_ON.match(st, obj_start) if word.lower().startswith("agree") else None
            if on is not None:
                obj_start = on.end()  # "agreed on a 30-point declaration"
            by = _BY_THEN_INCLUDES.match(st, obj_start) if pats["doc_plural"].search(before[-40:]) else None
            if by is not None:
                obj_start = by.end()  # "the documents signed by the leaders include X, Y and Z"
            if word.lower() in ("adoption", "approval", "signing"):
                om = re.match(r"\s+of\s+", st[obj_start:])
                done = _NOUN_DONE.search(before, tail_at)  # "concluded with the adoption of"
                if not om or not (status.startswith("to be") or done):
                    continue
                obj_start += om.end()
            nxt = [
                v.start()
                for v in verbs[i + 1 :]
                if v.start() > obj_start and not _DECISION_TO.search(st, max(0, v.start() - 60), v.start())
            ]
            end = min(nxt[0] if nxt else len(st), len(st))
            stop = pats["object_stop"].search(_mask_quoted(st), obj_start, end)  # '"A: B"' is one title
            if stop:
                end = stop.start()
            head = st[obj_start:end]
            if (
                stop is not None
                and st[end] != ":"
                and pats["list_head"].fullmatch(head)
                and pats["doc_plural"].search(head)
            ):
                # "adopted three documents at the end of the day: A, B and C": the colon a bit further on
                colon = _ADVERBIAL_TO_COLON.match(st, end)
                if colon is not None:
                    end = colon.end() - 1
            if stop is not None and st[end] == ":" and pats["list_head"].fullmatch(_ADVERBIAL_TAIL.sub("", head)):
                # "adopted three documents: the X Declaration, a statement on ...": the list
                # after the colon is the object; items may be separated by ";" too
                obj_start, end = end + 1, len(st)
                span = st[obj_start:end].rstrip(" .")
                items = [(o2 + off, it) for off, part in _semicolon_parts(span) for o2, it in _items(part)]
            else:
                span = st[obj_start:end]
                items = _items(span)
                if (
                    len(items) >= 2
                    and stop is not None
                    and _AUX_STOP.match(st, end)
                    and re.search(r"(?:,\s*|\s)and\s+$", span[: items[-1][0]])
                ):
                    items = items[:-1]  # "signed X, and the statement on Y was not adopted": Y is the next subject
            merged: list[tuple[int, str]] = []
            for off, item in items:
                if merged and re.match(r"(?:a |the )?decisions?\s+to\b", merged[-1][1], re.IGNORECASE):
                    first_off, first = merged[-1]
                    merged[-1] = (first_off, span[first_off : off + len(item)])
                else:
                    merged.append((off, item))
            for off, item in merged:
                title, earlier = _title(item), _done_earlier(item, pub_year)
                if earlier:  # "signed its accession protocol in 2015": the year is when, not part of the title
                    title = _EARLIER_TAIL.split(title, maxsplit=1)[0]
                add(title, s.start + obj_start + off, status, item, earlier)


_BY_THEN_INCLUDES = re.compile(r"\s+(?:by|at)\s+[^,.;:]{1,50}?\s+(?:include[sd]?|are|were|comprise[sd]?)\s+")
_AGREED_ON = re.compile(r"\s+(?:in\s+principle\s+)?(?:on|upon)\s+(?=(?:the|a|an|\d|[A-Z]))")
_AUX_STOP = re.compile(r"\s(?:was|were|is|are|has|have|had|will|would)\b")
# "the meeting ended with the final communiqué", "the summit concluded with a joint declaration"
_ENDED_WITH = re.compile(
    r"\b(?:ended|ends|concluded|concludes|closed|closes|wrapped up|culminated)\s+(?:with|in)\s+"
    r"(?:the\s+(?:issuing\s+of\s+(?:the\s+|a\s+)?|release\s+of\s+(?:the\s+|a\s+)?)?|an?\s+)?"
    r"(?=[\w“\"])"
)
_ISSUED_KINDS = frozenset({"declaration", "communiqué", "communique", "statement"})
_QUOTED_TITLE = r"(?P<title>(?:joint|final|leaders['’]|summit)\s+(?:statement|declaration|communiqu[ée]))"
_QUOTE_VERB = r"(?:read|reads|said|says|stated|states|declared|declares|noted|notes|added|stressed)"
# "..., the joint statement read." / "..., declared a joint statement." (the quote's attribution, either order)
_QUOTED_DOC = re.compile(
    r"\b[Tt]he\s+" + _QUOTED_TITLE + r"\s+" + _QUOTE_VERB + r"\b|"
    r"[,”\"]\s*" + _QUOTE_VERB + r"\s+(?:the|a)\s+" + _QUOTED_TITLE.replace("title", "title2") + r"\s*(?:[.;]|$)"
)
# ", named after the host city," inside a list of documents: not part of a title; so is a relative
# clause between two items (", which calls for peace, and the Charter ...")
_APPOSITIVE = re.compile(
    r",\s+(?:named|called|dubbed|known|titled|entitled)\s+[^,;.:]{1,80}(?=,)|"
    r",\s+which\s+[^,;.:]{1,80}(?=,\s*(?:and|as well as)\s+(?:the|a|an)\s)"
)
# "X, adopted at the summit," / "X, signed by the leaders on Monday,": a participle with the status
_PARTICIPLE_STATUS = re.compile(
    r",\s+(?:which\s+was\s+|that\s+was\s+|jointly\s+|unanimously\s+)?"
    r"(adopted|signed|approved|endorsed|issued)\s+(?:at|by|during|on)\s+(?:the|its|"
    r"this|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    # "The Sochi declaration, which the leaders signed on Saturday, ..."
    r",\s+(?:which|that)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?(?:have\s+|had\s+|also\s+)?"
    r"(adopted|signed|approved|endorsed|issued)\b"
)
# "three documents at the end of the day:": an adverbial between the object and its list
_ADVERBIAL_TO_COLON = re.compile(r"\s+(?:at|during|on|in|by)\s+[^,;.:]{1,50}:")
_DESCRIPTION = re.compile(
    r"(?:the\s+)?(?:[\w-]+['’]s|its|their)\s+(?:first|second|third|only|latest|last|new|own|main|key)\b", re.IGNORECASE
)
# "signed three instruments in presence of the leaders: ...": where, after the list's head
_ADVERBIAL_TAIL = re.compile(r"\s+(?:at|during|on|in|by)\s+[^,;.:]{1,50}$")
# "NATO's most detailed plans", "the largest deals": a description, not a document's title
_SUPERLATIVE = re.compile(r"\bmost\s+[a-z]+|\b(?:best|largest|biggest|strongest|greatest)\b")


_QUOTED = re.compile(r"“[^”\n]{1,200}”|\"[^\"\n]{1,200}\"")


def _mask_quoted(text: str) -> str:
    """The sentence with what is inside quotation marks made letters (same length): no stop inside a title."""
    if '"' not in text and "“" not in text:
        return text
    return _QUOTED.sub(lambda m: m.group()[0] + "x" * (len(m.group()) - 2) + m.group()[-1], text)


# a document named only by its title in quotes, as the whole object of a verb of adopting or signing
_TITLE_IN_QUOTES = re.compile(r"(?:the\s+)?[\"“](?P<title>[A-Z][^\"“”]{2,80}?)[\"”]?")  # the item may have lost its "
_QUOTED_VERBS = re.compile(r"\b(?:adopted|signed|approved|endorsed|issued|ratified)\b")


def _mask_appositives(text: str) -> str:
    """The sentence with participle appositives blanked out (same length, so offsets hold)."""
    if "," not in text:
        return text
    return _APPOSITIVE.sub(lambda m: " " * len(m.group()), text)


_SUBMITTED = re.compile(
    r"\b(?:were|was|are|is|have been|has been|had been)\s+(?:submitted|presented|put forward|"
    r"tabled|prepared)"
    r"\s+for\s+(?P<what>signing|signature|adoption|approval)\b"
)
_SUBMITTED_STATUS = {
    "signing": "to be signed",
    "signature": "to be signed",
    "adoption": "to be adopted",
    "approval": "to be approved",
}
_INCLUDING = re.compile(r"\s*,?\s*(?:including|among them|among which|namely)\s+")


def collect_submitted(ctx: Context, found: Collected) -> None:
    """Collect: documents "submitted for signing" (or adoption), with the ones named after
    "including": to be signed, whatever happened next."""
    text = ctx.text
    for s in ctx.sentences:
        if "for sign" not in s.text and "for adoption" not in s.text and "for approval" not in s.text:
            continue
        for m in _SUBMITTED.finditer(text, s.start, s.end):
            inc = _INCLUDING.match(text, m.end(), s.end)
            if inc is None:
                continue
            stop = _patterns()["object_stop"].search(text, inc.end(), s.end)
            span_end = stop.start() if stop else s.end
            status = _SUBMITTED_STATUS[m.group("what")]
            for off, item in _items(text[inc.end() : span_end]):
                start = inc.end() + off
                if not any(a <= start < b for a, b in found.covered):
                    found.add(_title(item), start, status, item)


_OUTCOME_LIST = re.compile(
    r"\b(?:[Oo]utcome|[Ff]inal)\s+documents\b[^.;:]{0,40}?\s(?:include[sd]?|are|were)\s+"
    r"(?:the\s+following\s*:?\s*)?"
)


def collect_outcome_lists(ctx: Context, found: Collected) -> None:
    """Collect: "the outcome documents of the summit include the X Declaration and a
    resolution on Y": adopted at the summit."""
    pats = _patterns()
    for s in ctx.sentences:
        if "documents" not in s.text:
            continue
        for m in _OUTCOME_LIST.finditer(s.text):
            stop = pats["object_stop"].search(s.text, m.end())
            span = s.text[m.end() : stop.start() if stop else len(s.text)]
            for off, item in _items(span):
                start = s.start + m.end() + off
                if any(a <= start < b for a, b in found.covered):
                    continue
                found.add(_title(item), start, "adopted", item)


def collect_outcomes(ctx: Context, found: Collected) -> None:
    """Collect: the text a meeting "ended with" ("the summit concluded with the final
    communiqué, which ..."): issued at the summit."""
    pats = _patterns()
    for s in ctx.sentences:
        if (
            "ended" not in s.text
            and "conclude" not in s.text
            and "closed" not in s.text
            and "wrapped" not in s.text
            and "culminated" not in s.text
            and "ends" not in s.text
        ):
            continue
        for m in _ENDED_WITH.finditer(s.text):
            start = s.start + m.end()
            if any(a <= start < b for a, b in found.covered):
                continue
            stop = pats["object_stop"].search(s.text, m.end())
            span = s.text[m.end() : stop.start() if stop else len(s.text)]
            for off, item in _items(span):
                kind, _ = _kind_of(item)
                if kind is None or kind.split()[-1] not in _ISSUED_KINDS:
                    continue  # "ended with an agreement on tariffs" is a deal, not a text the summit issued
                found.add(_title(item), start + off, "issued", item)


def collect_quoted(ctx: Context, found: Collected) -> None:
    """Collect: the summit's own text quoted by its name ("..., the joint statement read"):
    a document issued at the summit, though its name is generic."""
    for m in _QUOTED_DOC.finditer(ctx.text):
        group = "title" if m.group("title") else "title2"
        start, end = m.start(group), m.end(group)
        if any(a <= start < b for a, b in found.covered):
            continue
        kind = _patterns()["kinds"].get(m.group(group).split()[-1].lower())
        found.docs.append(Document(title=m.group(group), kind=kind, status="issued", start=start))
        found.covered.append((start, end))


_MONTH = f"(?:{MONTH_NAMES})"
_WEEKDAY = f"(?:{WEEKDAY_NAMES})"
# "the Lima Action Plan by December", "... on Tuesday", "... on 9 June": a date after a title is not part of it
# (but "the Declaration on May Day Celebrations" keeps its words)
_TITLE_DATE_TAIL = re.compile(
    r"(?:\s+(?:by|in|on|until|before|from)\s+(?:the\s+)?(?:"
    + _WEEKDAY
    + r"\b|\d{1,2}(?:st|nd|rd|th)?\s+"
    + _MONTH
    + r"\b|"
    + _MONTH
    + r"\s+\d{1,2}\b|"
    + _MONTH
    + r"(?:\s+\d{4})?$)"
    # "approved the protocol last month": when, not what
    + r"|\s+(?:(?:last|earlier this|this|next|later this)\s+(?:week|month|year)|yesterday)\b"
    # "adopted the Declaration on the first day"
    + r"|\s+on\s+the\s+(?:first|second|third|final|last|opening|closing|same)\s+day\b).*$"
)
_EARLIER_TAIL = re.compile(r"\s+(?:(?:last|earlier this)\s+(?:week|month|year)|yesterday|in\s+((?:19|20)\d\d))\b")
_YEARS_TAIL = re.compile(r"\s+(?:for\s+)?(?:19|20)\d\d(?:\s*[-–]\s*\d{2,4})?(?![\w-])")
# "presided over the signing of the Declaration on ...": the noun says what was done to it
_NOMINAL_STATUS = re.compile(r"\bthe\s+(sign)ing\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_FUTURE_NEAR = re.compile(r"\b(?:will|would|shall|to|expected|set|due|plans?)\b[^.;]*$", re.IGNORECASE)
_DONE_WITH = re.compile(r"\b(?:was|were)\s+([a-z]+)\s+(?:together|along)\s+with\s+(?:the\s+)?$", re.IGNORECASE)
_TO_PREPARE = re.compile(r"\bto\s+(prepare|draft|develop|elaborate|work out)\s+(?:a\s+|an\s+|the\s+)?[\"“]?$")
_PREPARED = {
    "prepare": "prepared",
    "draft": "drafted",
    "develop": "developed",
    "elaborate": "elaborated",
    "work out": "worked out",
}


def _done_earlier(item: str, pub_year: int | None) -> bool:
    """Whether an object's own time tail puts it before the piece ("signed its accession protocol in 2015",
    "approved the protocol last month"): a document referenced, not one of this summit's."""
    m = _EARLIER_TAIL.search(item)
    if m is None:
        return False
    return m.group(1) is None or (pub_year is not None and int(m.group(1)) < pub_year)


def _earlier(ctx: Context, phrase: str) -> bool:
    """Whether a phrase after a status participle points to an earlier event."""
    if re.search(r"\b(?:previous|last|earlier|former|first)\b", phrase):
        return True
    pub = ctx.published
    return any(pub is None or int(y) < pub.year for y in re.findall(r"\b(?:19|20)\d\d\b", phrase))


# "according to a final communique issued at the end of the summit": the summit's own text, its status after it;
# "A separate resolution on the crisis in Haiti, approved on Friday, ...": a document on a subject, the same
_OUTCOME_PARTICIPLE = re.compile(
    r"\b(?:a|the)\s+(?:(?P<title>(?:final|joint|summit)\s+(?P<kind>communiqu[ée]|declaration|statement))\s+|"
    r"(?:separate\s+|special\s+|new\s+)?(?P<title2>(?P<kind2>resolution|declaration|decision|statement)\s+on\s+"
    r"[^,.;:]{3,80}?),\s+)"
    r"(?P<status>issued|adopted|signed|released|approved)\s+(?:at|by|on|after|during)\b",
    re.IGNORECASE,
)


# "In a joint declaration, leaders called for ...", "The summit's final communique urged ...": the summit's own text,
# saying something; issued
_OUTCOME_TITLE = re.compile(r"\b(?P<title>(?:final|joint|closing)\s+(?P<kind>communiqu[ée]|declaration|statement))")
_OUTCOME_LEAD = re.compile(
    r"(?:\b[Ii]n\s+(?:a|the|its|their)|(?:^|(?<=[.!?]\s)|(?<=\n))(?:[Aa]|[Tt]he|[Tt]heir|[Ii]ts|[Tt]he\s+summit['’]s))"
    r"\s+$"
)
_OUTCOME_SAYS = re.compile(
    r"(?!\s*,\s+(?:the\s+)?[A-Z])"  # "In a joint statement, the Wilmington Declaration, ...": that one, by its name
    r"(?:\s*,|\s+(?:called|calls|urged|urges|said|says|stressed|stresses|noted|notes|expressed|condemned|welcomed|"
    r"reaffirmed|committed|pledged|underlined|emphasi[sz]ed|highlighted|recogni[sz]ed|acknowledged|affirmed|"
    r"reiterated|stated|states|read|reads)\b)"
)


def collect_outcome_sayings(ctx: Context, found: Collected) -> None:
    """Collect: the summit's final communiqué (declaration, statement) quoted for what it says, issued."""
    pats = _patterns()
    text = ctx.text
    for m in _OUTCOME_TITLE.finditer(text):
        start = m.start("title")
        lead = _OUTCOME_LEAD.search(text, max(0, start - 20), start)
        if lead is None or not _OUTCOME_SAYS.match(text, m.end()) or any(s <= start < e for s, e in found.covered):
            continue
        if lead.group().startswith(("In ", "in ")) and not text.startswith(",", m.end()):
            continue  # "In a joint declaration, ...": the phrase ends at its comma
        word = m.group("kind").lower()
        found.docs.append(
            Document(title=m.group("title"), kind=pats["kinds"].get(word, word), status="issued", start=start)
        )
        found.covered.append((start, m.end("title")))


def collect_outcome_participles(ctx: Context, found: Collected) -> None:
    """Collect: the summit's final communiqué (declaration, statement) with its status written after it."""
    pats = _patterns()
    for m in _OUTCOME_PARTICIPLE.finditer(ctx.text):
        group = "title" if m.group("title") else "title2"
        start = m.start(group)
        if any(s <= start < e for s, e in found.covered):
            continue
        word = (m.group("kind") or m.group("kind2")).lower()
        kind = pats["kinds"].get(word, word)
        found.docs.append(Document(title=m.group(group), kind=kind, status=m.group("status").lower(), start=start))
        found.covered.append((start, m.end("status")))


def collect_referenced(ctx: Context, found: Collected) -> None:
    """Collect: named documents with no status verb in reach ("reiterated their
    commitment to the Treaty on ..."): referenced, not adopted at this summit."""
    pats = _patterns()
    text = ctx.text
    docs, covered = found.docs, found.covered
    # named documents without a status verb in reach: referenced, not adopted here
    named: list[tuple[int, int, str]] = []  # (start, end, kind word)
    for m in pats["named_kind"].finditer(text):
        if pats["named_kind"].match(text, m.end() + 1) and text[m.end() : m.end() + 1] == " ":
            continue  # "the SAARC Framework Agreement for ...": the last kind word heads the name
        pm = pats["named_pre"].search(text, max(0, m.start() - 80), m.start())
        pre_start = m.start()
        if pm:
            words = pm.group().split()
            while words and words[0] in ("The", "A", "An", "This", "That", "Its", "Their"):
                words.pop(0)
            if words:
                pre_start = m.start() - len(" ".join(words)) - 1
                pre_start = text.rfind(words[0], max(0, m.start() - 80), m.start())
        tm = pats["named_tail"].match(text, m.end())
        end = tm.end() if tm else m.end()
        if pre_start == m.start() and end == m.end():
            continue  # a bare kind word: "the Declaration"
        named.append((pre_start, end, m.group("kind")))
    for m in pats["lower_named"].finditer(text):
        start = m.start()
        if m.group("pre").split()[0] in ("The", "A", "An", "This", "That"):
            if len(m.group("pre").split()) < 2:
                continue
            start = m.start() + len(m.group("pre").split()[0]) + 1  # "The Sochi declaration"
        named.append((start, m.end(), m.group("kind")))
    for start, end, kind in named:
        title = re.sub(r"\s+", " ", text[start:end]).strip()
        title = re.sub(r"\s+(?:and|of|the|for|on)$", "", title)
        if any(s <= start < e or start <= s < start + len(title) for s, e in covered):
            continue
        cover = ctx.covering(start + title.lower().find(kind.lower()), "organization")
        if cover is not None and cover.end <= start + len(title):
            continue  # "Collective Security Treaty Organization" is no treaty, nor "Bay of Bengal Initiative ..."
        if BODY_OF_ITS_OWN.search(title) and ctx.mention_at(start, "organization") is not None:
            continue  # "the United Nations Development Programme"
        s = ctx.sentence_at(start)
        if s is not None and start == s.start and title.lower() == kind.lower():
            continue
        title = _TITLE_DATE_TAIL.sub("", title)
        ym = _YEARS_TAIL.match(text, start + len(title))
        if ym is not None:  # "Strategic Roadmap of the Organization 2022-2026"
            title += ym.group()
        tm = _TO_PREPARE.search(text, max(0, start - 40), start)
        if tm is not None:
            # "instructed ministers to draft the Lima Action Plan": tasked at the summit, not yet there
            docs.append(
                Document(
                    title=title,
                    kind=pats["kinds"].get(kind.lower(), kind.lower()),
                    status="to be " + _PREPARED.get(tm.group(1), tm.group(1) + "ed"),
                    start=start,
                )
            )
            covered.append((start, start + len(title)))
            continue
        pm = _PARTICIPLE_STATUS.match(text, start + len(title))
        if pm is not None and _earlier(ctx, text[pm.end() : pm.end() + 40]):
            pm = None  # "adopted at the 2019 summit", "signed at the previous summit": referenced
        wm = _DONE_WITH.search(text, max(0, start - 50), start) or _NOMINAL_STATUS.search(
            text, max(0, start - 30), start
        )
        if wm is not None and _FUTURE_NEAR.search(text, max(0, wm.start() - 40), wm.start()):
            wm = None  # "will witness the signing of ...": not yet
        if wm is not None and wm.group(1).lower() in pats["verbs"]:
            # "the Declaration was adopted together with the Plan of Action": the Plan was adopted too
            docs.append(
                Document(
                    title=title,
                    kind=pats["kinds"].get(kind.lower(), kind.lower()),
                    status=pats["verbs"][wm.group(1).lower()],
                    start=start,
                )
            )
        elif pm is not None:
            # "The Lima Declaration, adopted at the summit, calls for ...": the participle is its status
            docs.append(
                Document(
                    title=title,
                    kind=pats["kinds"].get(kind.lower(), kind.lower()),
                    status=pats["verbs"].get(
                        (pm.group(1) or pm.group(2)).lower(), (pm.group(1) or pm.group(2)).lower()
                    ),
                    start=start,
                )
            )
        else:
            docs.append(
                Document(
                    title=title,
                    kind=pats["kinds"].get(kind.lower(), kind.lower()),
                    status=None,
                    start=start,
                    at_summit=False,
                )
            )
        covered.append((start, start + len(title)))


_TITLE_WORDS = re.compile(r"[^\W_]+")
_TITLE_STOP = frozenset({"the", "a", "an", "of", "on", "for", "and", "to", "in", "at", "by", "summit"})


def _title_words(title: str) -> frozenset[str]:
    return frozenset(w for w in _TITLE_WORDS.findall(title.casefold()) if w not in _TITLE_STOP)


def _same_document(a: Document, b: Document) -> bool:
    """One document written twice: the same title, or (same kind) one title's words all
    inside the other's ("Kazan declaration" / "Kazan Declaration of the XVI Summit")."""
    if a.title.casefold() == b.title.casefold():
        return True
    if a.kind != b.kind or a.kind is None or not (a.named and b.named):
        return False
    wa, wb = _title_words(a.title), _title_words(b.title)
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small) >= 2 and small <= big


def merge_documents(docs: list[Document], headline_end: int = 0) -> list[Document]:
    """Merge: one item per document, with the first mention's title and the statuses and
    evidence of every mention (a bare kind word before ``headline_end`` too: see :func:`_merge_generic_outcomes`)."""
    out: list[Document] = []
    for d in docs:
        dup = next((o for o in out if _same_document(o, d)), None)
        if dup is not None:
            dup.evidence_offsets.append(d.start)
            if dup.status is None and d.status:
                dup.status, dup.at_summit = d.status, d.at_summit
            continue
        d.evidence_offsets.append(d.start)
        out.append(d)
    return _merge_generic_outcomes(_merge_headline_documents(out, headline_end), headline_end)


def _merge_headline_documents(docs: list[Document], headline_end: int) -> list[Document]:
    """A headline's document written shorter or otherwise ("Astana statement on 30th anniversary") is the body's
    one of the same kind whose title starts with the same name ("the Astana Statement on the Transformation of
    ..."), when exactly one does; the body's title is kept."""
    out = list(docs)
    for d in docs:
        if d.start >= headline_end or d.kind is None:
            continue
        km = _patterns()["kind_word"].search(d.title)
        head = _title_words(d.title[: km.end()]) if km else frozenset()
        if len(head) < 2:
            continue  # a bare kind word: see _merge_generic_outcomes
        body = [o for o in out if o.start >= headline_end and o.kind == d.kind and head <= _title_words(o.title)]
        if len(body) == 1:
            body[0].evidence_offsets.extend(d.evidence_offsets)
            body[0].status = body[0].status or d.status
            out.remove(d)
    return out


_GENERIC_OUTCOME = re.compile(r"^(?:final|joint|summit)\s+(?:declaration|communiqu[ée]|statement)$", re.IGNORECASE)
_BARE_KIND = re.compile(r"^[a-zé]+$")  # a headline's "BIMSTEC adopts charter": the body's "BIMSTEC Charter"


def _merge_generic_outcomes(docs: list[Document], headline_end: int = 0) -> list[Document]:
    """ "the final declaration" of an article that also names the summit's one declaration
    ("the Lagos Declaration") is that declaration, written a second time; so is a headline's bare
    kind word (before ``headline_end``: "BIMSTEC adopts charter", the body's "BIMSTEC Charter")."""
    out = list(docs)
    for d in docs:
        bare = not _GENERIC_OUTCOME.match(d.title)
        if bare and not (d.start < headline_end and _BARE_KIND.match(d.title)):
            continue
        word = d.title.split()[-1].casefold()
        named = [
            o
            for o in out
            if o is not d
            and o.at_summit
            and o.named
            and o.title[:1].isupper()
            and word in o.title.casefold()
            and not _GENERIC_OUTCOME.match(o.title)
            # a bare word is the summit's "X Charter", not a "Declaration on ..." about something else
            and (not bare or o.title.casefold().endswith(word))
        ]
        if bare and not named:
            continue
        if not named:
            # "the final declaration" and "the summit declaration": one text, the first mention's words
            named = [
                o
                for o in out
                if o is not d
                and _GENERIC_OUTCOME.match(o.title)
                and o.title.split()[-1].casefold() == word
                and o.start < d.start
            ]
        if len(named) == 1:
            named[0].evidence_offsets.extend(d.evidence_offsets)
            if named[0].status is None:
                named[0].status = d.status
            out.remove(d)
    return out


def decide_at_summit(documents: list[Document], summits: list[Any]) -> None:
    """Decide: a document named without a status verb is the summit's own when its title
    names the main summit's host city or its leaders ("G20 Osaka Leaders' Declaration",
    "Kazan Declaration"), unless it is dated to an earlier year."""
    main = [s for s in summits if getattr(s, "role", "main") == "main"]
    if not main:
        return
    marks = set()
    for s in main:
        if s.host_city:
            marks.add(fold_key(s.host_city))
        org = getattr(s.org_entry, "acronym", None) or s.organization
        marks.add(fold_key(f"{org} Leaders"))
    for d in documents:
        if d.at_summit or d.status is not None or not d.named:
            continue
        title = fold_key(d.title)
        if re.search(r"\b(?:1[89]|20)\d\d\b", title):
            continue
        if any(re.search(r"(?<!\w)" + re.escape(m) + r"(?!\w)", title) for m in marks):
            d.at_summit = True
