"""People: names with their titles and roles, credits, and short-name coreference.

Patterns (general; names come from the text or the gazetteer):

* ``[Demonym | Country's | ORG] [modifiers] Title [of Country] [,] [Honorific] Name``:
  "Chinese President Xi Jinping", "China's Assistant Foreign Minister Li Huilai",
  "President of Azerbaijan Ilham Aliyev", "Emir of Qatar, Sheikh Tamim bin Hamad Al Thani",
  "UN Secretary-General António Guterres", "President Nausėda".
* ``Name, Title [of Country]``: "Morgulov Igor Vladimirovich, Deputy Minister of Foreign
  Affairs of Russia" (a patronymic marks surname-first order: canonical "Igor Morgulov").
* credits: "(Web editor: Hu Ximeng)", "© Mikhail Metzel/TASS".
* gazetteer people anywhere ("Tokayev", "Xi"), and "Mr/Ms Surname" of someone named before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .context import CAP_WORD, OTHER_PLACES, UPPER, Context, near_keywords, title_words
from .dates import MONTHS, WEEKDAYS
from .lexicon import Mention, alternation, at_word_start, fold_key, short_person_form, vocab

_STOP_NAME_WORDS = (
    {
        "The",
        "A",
        "An",
        "And",
        "Or",
        "But",
        "In",
        "On",
        "At",
        "Of",
        "For",
        "To",
        "With",
        "By",
        "From",
        "He",
        "She",
        "It",
        "They",
        "We",
        "His",
        "Her",
        "Their",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sir",
        "Also",
        "After",
        "Before",
        "During",
        "While",
        "As",
        "If",
        "Council",
        "Summit",
        "Minister",
        "Ministry",
        "Government",
        "State",
        "States",
        "Republic",
        "Union",
        "Organization",
        "Organisation",
        "Office",
        "Committee",
        "Secretariat",
        "Assembly",
        "Forum",
        "Declaration",
        "Convention",
        "Treaty",
        "Agreement",
        "Statement",
        "Decision",
        "Press",
        "News",
        "Agency",
        "Daily",
        "Times",
        "Post",
        "Palace",
        "Hall",
        "Center",
        "Centre",
        "President",
        "Prime",
        "Premier",
        "Foreign",
        "Affairs",
        "General",
        "Secretary",
        "Head",
        "Heads",
        "Leaders",
        "Leader",
        "Member",
        "Members",
        "Allies",
        "Alliance",
        "Initiative",
        "PHOTO",
        "Photo",
        "AFP",
        "Reuters",
        "REUTERS",
        "Association",
        "Bank",
        "Fund",
        "Commission",
        "Structure",
        "Company",
        "Corporation",
        "Institute",
        "University",
        "Party",
        "Federation",
        "Chamber",
        "Board",
        "Service",
        "Business",
        "Acting",
        "Chairman",
        "Chairwoman",
        "Chairperson",
        "Deputy",
        "Vice",
        "Director",
        "Federal",
        "Parliamentary",
        "Ambassador",
        "Envoy",
        "Governor",
        "Speaker",
        "Commissioner",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "First",
        "Chief",
        "Executive",
        "Regional",
        "National",
    }
    | {m.title() for m in MONTHS}
    | {d.title() for d in WEEKDAYS}
)

_LEADER = None
_CAPITAL_HEADS = frozenset(
    {"Prime Minister", "Foreign Minister", "Vice President", "Crown Prince", "Secretary General"}
)
# Words of events, rooms and plans: a capitalized phrase with one is no person ("the Plenary Session")
_STOP_NAME_WORDS |= {
    "Session",
    "Sessions",
    "Plenary",
    "Meeting",
    "Conference",
    "Ceremony",
    "Congress",
    "Parliament",
    "Cabinet",
    "Kremlin",
    "Hotel",
    "Photo",
    "Family",
    "Dinner",
    "Banquet",
    "Reception",
    "Opening",
    "Closing",
    "Gala",
    "Dialogue",
    "Plan",
    "Strategy",
    "Programme",
    "Program",
    "Roadmap",
    "Vision",
    "Street",
    "Square",
    "Avenue",
    "Airport",
    "Stadium",
    "Museum",
    "Theatre",
    "Theater",
    "Tower",
    "Building",
    "Region",
    "Province",
    "District",
    "Capital",
    "Declaration",
    "Charter",
    "Communiqué",
}


#: Role words that, in lower case, are mostly not a title ("a member of", "the head of", "the chair of the panel")
_LOWER_NOT_ROLES = frozenset({"member", "head", "chair", "leader", "secretary", "king", "queen", "prince", "emir"})


# the titles that may come before a name in lower case: heads of state and government, foreign
# ministers and the like, not words a sentence uses otherwise ("general", "counterpart", "head")
_LOWER_FORWARD = frozenset(
    {
        "president", "vice president", "vice-president", "prime minister", "premier", "vice premier",
        "chancellor", "foreign minister", "minister of foreign affairs", "minister for foreign affairs",
        "secretary-general", "secretary general", "secretary of state", "emir", "amir", "sultan",
        "crown prince", "chairman", "chairperson", "chairwoman", "special envoy", "envoy", "ambassador",
        "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "first lady",
    }
)  # fmt: skip
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")


@dataclass
class Person:
    name: str  # as written (without titles)
    canonical: str
    role: str | None = None
    country: str | None = None  # canonical country name
    organization: str | None = None
    entry: Any = None
    is_credit: bool = False
    forms: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)  # starts of every mention
    participant: bool | None = None

    @property
    def surname(self) -> str:
        words = self.canonical.split()
        # "Ferdinand Marcos Jr.": the family name before a generational suffix
        return words[-2] if len(words) > 2 and _SUFFIX.fullmatch(words[-1]) else words[-1]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    v = vocab()
    heads = [h for h in v["role_heads"] if h not in ("Sheikh",)]
    # a title may be written in capitals ("PRESIDENT of the Republic", "SECRETARY-GENERAL Name")
    heads += [h.upper() for h in heads if h[:1].isupper() and " " not in h.strip() or h in _CAPITAL_HEADS]
    mods = alternation(v["role_modifiers"])
    head = alternation(heads)
    hon = alternation([h.rstrip(".") for h in v["honorifics"]])
    particle = alternation(v["name_particles"], flexible_space=False)
    # "Bashar al-Assad", "Abdel Fattah el-Sisi": an Arabic article joined to the next name
    # a middle initial too: "Ferdinand R. Marcos Jr."
    name = (
        rf"(?:[{UPPER}]\.\s?)*{CAP_WORD}\.?"
        rf"(?:\s+(?:[{UPPER}]\.\s+)?(?:{particle}\s+)*(?:(?:al|el|ad|as|ash|an|ar|at|az)-)?{CAP_WORD})*"
    )
    role = rf"(?:{mods}\s+)*{head}"
    # wire copy writes a title after a name in lower case ("Jane Doe, chairperson of the Commission")
    lower = [h.lower() for h in v["role_heads"] if h[:1].isupper() and h.lower() not in _LOWER_NOT_ROLES]
    lower_role = rf"(?:{alternation([m.lower() for m in v['role_modifiers']])}\s+)*{alternation(lower)}"
    first = "".join(sorted({w[0] for w in list(v["role_modifiers"]) + heads}))
    forward = alternation([h.lower() for h in v["role_heads"] if h.lower() in _LOWER_FORWARD])
    forward_mods = alternation(["former", "acting", "deputy", "vice", "assistant", "senior", "interim", "special"])
    return {
        # the look-ahead on the first letters lets the engine skip most positions fast
        "role": re.compile(rf"(?=[{first}])(?<![\w-])(?P<role>{role})(?![\w-])"),
        # translated and some house styles write the title before a name in lower case: "the
        # Cuban president Miguel Díaz-Canel", "the president of Nicaragua, Daniel Ortega"
        "lower_forward": re.compile(rf"(?<![\w-])(?P<role>(?:{forward_mods}\s+)*(?:{forward}))(?![\w-])"),
        "backward_kw": re.compile(
            rf",\s+(?:the\s+[a-z][\w-]*['’]s\s+|the\s+|an?\s+|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}}['’]s\s+)?"
            rf"(?:[a-z][\w-]*\s+){{0,2}}?"
            rf"(?:{role}|{lower_role})(?![\w-])"
        ),
        "of": re.compile(r",?\s+of\s+(?:the\s+)?"),
        "to_place": re.compile(r"\s+(?:to|in)\s+(?:the\s+)?"),
        "academic": re.compile(
            rf"(?<![\w-])(?:Prof\.?|Professor|Dr\.?)\s+(?P<name>{CAP_WORD}(?:\s+{CAP_WORD}){{1,2}})"
        ),
        "organ_tail": re.compile(
            rf"(?:\s+{CAP_WORD}){{0,3}}?\s+(?:Council|Association|Committee|Structure|Secretariat|"
            r"Commission|Bank|Fund|Chamber|Board|Forum|Assembly|Parliament)\b"
        ),
        "of_body": re.compile(rf"\s+of\s+(?:the\s+)?(?:{CAP_WORD}\s+){{1,3}}of\s+(?:the\s+)?"),
        "absent": re.compile(
            r"\b(?:skip(?:ped|s|ping)?|stay(?:ed|s|ing)? away|did not (?:attend|come|travel)|"
            r"didn['’]t (?:attend|come|travel)|"
            r"will not attend|won['’]t attend|not attending|absent|missed|miss(?:es|ing) the|"
            r"refus(?:ed|es|ing) to (?:attend|come|go|travel|take part|participate)|"
            r"(?:would|will|could) not (?:go|come|travel|take part|participate)|"
            # boycotting it (not "amid a boycott"), sending someone "in his place"
            r"boycott(?:ed|ing)|boycotts\s+the|(?:to|will|would|did)\s+boycott|"
            r"sent(?=[^.;]{0,80}?\s(?:in\s+(?:his|her|their)\s+place|instead)\b)|"
            r"(?:was|were)\s+represented\s+by|(?:is|are)\s+being\s+represented\s+by|not\s+travell?ing|"
            # "Benin's President Patrice Talon sent his Minister of Foreign Affairs": a stand-in, not the leader
            r"sent\s+(?:(?:his|her|their)\s+)?(?:(?!to\b|a\b|an\b)[\w-]+\s+){0,3}?"
            r"(?:minister|deputy|vice[- ]president|envoy|representative|ambassador|delegation)|"
            r"declined (?:to (?:attend|come|travel|go)|an invitation)|pulled out|stay(?:ed)? home|"
            r"(?:was|were|is|are) not present|"
            r"(?:the|his|her|their)\s+absence\s+of|"
            r"decided against\s+(?:\w+\s+){0,3}?(?:journey|trip|visit|travel\w*|attend\w*|going)|"
            r"(?:barred|banned|excluded) from|not invited|disinvited|uninvited|"
            r"sent\s+an?\s+(?:(?:recorded|pre-recorded|prerecorded|video|written)\s+)+(?:message|address|greeting)|"
            r"invitation (?:was |had been )?(?:withdrawn|rescinded|revoked|cancell?ed)|"
            r"cancell?ed (?:his|her|the|a) (?:trip|visit|participation|attendance))\b",
            re.IGNORECASE,
        ),
        "after_role": re.compile(rf",?\s+(?:(?P<hon>{hon})\.?,?\s+)?(?=[{UPPER}])"),
        "name": re.compile(name),
        "backward": re.compile(
            rf"(?P<name>{name}),\s+(?:(?:the\s+|an?\s+)?(?P<role>{role})|"
            # "Jane Doe, a foreign policy aide to the President": a lower-case title with its complement, or after
            # whose it is ("Jake Sullivan, Biden's national security adviser,")
            # ("Juan Carrasco, the bloc's secretary-general,": whose title it is, as a possessive says)
            rf"(?:(?P<theposs>the\s+[a-z][\w-]*['’]s\s+)|the\s+|an?\s+|"
            rf"(?P<poss>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})['’]s\s+)?"
            rf"(?:[a-z][\w-]*\s+){{0,2}}?(?P<lower>{lower_role})"
            r"(?(poss)(?=[,;.]|\s+(?:and|who|said|told|is|was)\b)|"
            r"(?(theposs)(?=[,;.]|\s+(?:and|who|said|told|is|was)\b)|(?=\s+(?:of|to|for|at|with)\s))))"
            rf"(?P<of>\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)?"
        ),
        "honorific": re.compile(rf"(?<![\w-])(?P<hon>Mr|Mrs|Ms|Dr|Madam)\.?\s+(?P<name>{CAP_WORD})"),
        "patronymic": re.compile(r"(?:" + "|".join(v["patronymic_suffixes"]) + r")$"),
        "leader": re.compile(r"\b(?:" + "|".join(re.escape(r) for r in v["leader_roles"]) + r")\b", re.IGNORECASE),
        "attend": re.compile(
            r"\b(?:attend(?:s|ed|ing)?|attended by|took part|take[sn]? part|taking part|participat(?:ed|es|ing) in|"
            r"chair(?:ed|s|ing)|host(?:ed|s|ing)?|arriv(?:ed|es|ing)|at the (?:summit|meeting|ceremony)|"
            r"at an? (?:expanded|extended|plenary|closing|opening) |at a ceremony|delegation at|handed over|"
            r"passing the baton|signing ceremony|represent(?:ed|s|ing)|sen(?:t|ding)|"
            r"welcomed (?:the )?(?:leaders|delegations|delegates|participants|guests)|"
            r"in (?:his|her) place|lead(?:s|ing)?\b[^.]{0,40}\bdelegation|led\b[^.]{0,40}\bdelegation|"
            r"delegation\s+(?:was\s+|is\s+|will\s+be\s+)?(?:led|headed)\s+by|"
            r"address(?:ed|es|ing) the (?:(?:opening|closing|plenary|inaugural|final|first|second)\s+)?"
            r"(?:summit|meeting|session|leaders|sitting|ceremony|plenary)|brought together|"
            # a speech the summit heard: "in his opening address", "delivered the keynote speech", "the guest speaker"
            r"(?:in|delivered|gave|giving|during)\s+(?:his|her|their|the|an?)\s+(?:opening|closing|keynote|inaugural|"
            r"welcom(?:e|ing)|concluding)\s+(?:address|remarks|speech|statement)|(?:main|keynote|guest)\s+speaker|"
            r"at the (?:top table|(?:opening|closing|plenary|inaugural) (?:session|ceremony|sitting|plenary))|"
            r"joined the (?:talks|summit|meeting|leaders)|"
            # "The summit drew leaders including ...", "attracted heads of state such as ..."
            r"(?:drew|draws|attracted|attracts)\s+(?:[\w-]+\s+){0,2}?(?:leaders|heads of state|presidents)|"
            r"(?:opened|closed|inaugurated)\s+the\s+(?:[\w'’-]+\s+){0,6}?(?:summit|meeting|session)|"
            # "on the sidelines" (of the summit, not "of the UN General Assembly")
            r"on the (?:sidelines|margins)(?!\s+of\s+(?!(?:the\s+)?(?:[\w'’-]+\s+){0,3}(?:summit|meeting|session)))|"
            r"among (?:the )?(?:delegates|participants|attendees|guests|leaders present)|in attendance|"
            # "were among the leaders who travelled to Santo Domingo", "flew in for the summit"
            r"among (?:the )?(?:leaders|heads of state|presidents)\s+(?:who\s+)?(?:attended|travell?ed|came|gathered|"
            r"arrived|present)|travell?ed to|flew (?:in|to)|made the (?:trip|journey)|"
            r"briefed the (?:leaders|summit|heads of state|meeting|session))\b",
            re.IGNORECASE,
        ),
        "not_leader": re.compile(
            r"\b(?:former|late|ex-|assistant|deputy|spokes\w*|adviser|advisor|aide)\b", re.IGNORECASE
        ),
    }


@lru_cache(maxsize=1)
def _credit_regexes() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, role) of every credit line; an empty role is read off the match."""
    return tuple((re.compile(p, re.MULTILINE), role) for p, role in vocab()["credit_patterns"])


_CREDIT_PLACE = re.compile(r"\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}$")
_CREDIT_LEAD = re.compile(
    r"\s*(Editing|Edited|Reporting|Additional reporting|Writing|Written|Compiled)\s+by\s+", re.IGNORECASE
)


def _valid_name(ctx: Context, start: int, name: str) -> str | None:
    """Trim a captured name to its person part; None when it is no person name."""
    if OTHER_PLACES.search(name):
        return None  # "the President of the Turkish Republic of Northern Cyprus": a place, not a name
    words = name.split()
    if any(w.rstrip(".,") in _PORTFOLIO_WORDS for w in words):
        return None  # "Minister of Foreign Affairs, African Cooperation and Moroccan Expatriates": a portfolio
    # stop at the first word that is a known place/organization or a stop word
    kept: list[str] = []
    offset = start
    for i, w in enumerate(words):
        pos = ctx.text.find(w, offset)
        offset = pos + len(w)
        if not kept and (w in _NAME_HONORIFICS or (w in _LEADING_TITLES and len(words) - i > 2)):
            # "Ambassador Kubanchbek Omuraliev", "Prof. Aziz Sancar", "H.E. Mr. ...", "King Hamad bin Isa",
            # "represented by Vice-President Philip Mpango": the title is no part of the name
            continue
        m = ctx.mention_at(pos) or _covering(ctx, pos)
        initial = bool(re.fullmatch(r"(?:[A-Z]\.){1,3}", w))  # "A. Saleh": an initial, not the article "A"
        if (not initial and w.rstrip(".") in _STOP_NAME_WORDS) or (
            m is not None and m.type in ("country", "organization", "demonym", "agency")
        ):
            break
        if kept and w.rstrip(".,") in _HEADLINE_VERBS and kept[-1] not in ("Al", "El", "bin", "Bin", "ibn", "Abu"):
            break  # "Prime Minister Modi Said India ...": a verb in title case ends the name (not "Al Said")
        if m is not None and m.type == "city" and not kept and len(words) == 1:
            break
        kept.append(w)
    if not kept:
        return None
    text = re.sub(r"['’]s?$", "", " ".join(kept).rstrip("."))
    if len(text) < 2:
        return None
    return text


# words of a minister's portfolio, never of a person's name
_PORTFOLIO_WORDS = frozenset(
    {"Affairs", "Cooperation", "Expatriates", "Development", "Integration", "Relations", "Commerce", "Diaspora"}
)
# a title the name collectors may take in with the name
_LEADING_TITLES = frozenset(
    {
        "Vice-President",
        "President",
        "Prime",
        "Premier",
        "Chancellor",
        "Vice-Chancellor",
        "King",
        "Queen",
        "Emir",
        "Amir",
    }
)
_NAME_HONORIFICS = frozenset(
    {
        "Ambassador",
        "Shri",  # Hindi honorifics, as Indian official texts write them: "Prime Minister Shri Narendra Modi"
        "Sri",
        "Smt",
        "Smt.",
        "Shrimati",
        "Mr",
        "Mr.",
        "Mrs",
        "Mrs.",
        "Ms",
        "Ms.",
        "Dr",
        "Dr.",
        "Prof",
        "Prof.",
        "Professor",
        "H.E.",
        "H.E",
        "His",
        "Her",
        "Excellency",
        "Majesty",
        "Highness",
        "Madam",
        "Sir",
        "Honourable",
        "Honorable",
        "Hon.",
        "Hon",
        "Royal",
        "HRH",
        "H.R.H.",
        "H.H.",
        "Serene",
        "Counsellor",
        "Counselor",
        "Prince",
        "Princess",
        "Datuk",
        "Dato",
        "Dato'",
        "Dato’",
        "Seri",
        "Samdech",  # Khmer: "Samdech Techo Hun Sen"
        "Techo",
        "Haji",  # "Sultan Haji Hassanal Bolkiah"
    }
)
_BODY_HEADS = frozenset(
    {
        "Administration",
        "Ministry",
        "Council",
        "Committee",
        "Office",
        "Service",
        "Agency",
        "Commission",
        "Secretariat",
        "Chamber",
        "Bank",
        "Fund",
        "Assembly",
        "Parliament",
        "Court",
        "Department",
        "Directorate",
        "Board",
        "Union",
        "Association",
        "Institute",
        "Center",
        "Centre",
    }
)
_HEADLINE_VERBS = frozenset(
    {
        "Said",
        "Says",
        "Told",
        "Tells",
        "Urged",
        "Urges",
        "Met",
        "Meets",
        "Arrives",
        "Arrived",
        "Calls",
        "Called",
        "Visits",
        "Visited",
        "Hails",
        "Hailed",
        "Holds",
        "Signs",
        "Opens",
        "Attends",
        "Attended",
        "Welcomes",
        "Welcomed",
        "Leaves",
        "Left",
        "Warns",
        "Warned",
        "Vows",
        "Pledges",
        "Backs",
        "Rejects",
        "Slams",
        "Meeting",
        "Speaks",
        "Spoke",
    }
)
# a thing named after a person: "President Heydar Aliyev Avenue", "the Jomo Kenyatta Airport"
_NAMED_THING = re.compile(
    # "King Abdulaziz International Conference Center": up to two more words of the thing's name
    r"(?:\s+[A-Z][\w'’-]*){0,2}\s+(?:Avenue|Street|Square|Boulevard|Prospect|Highway|Bridge|Airport|"
    r"International Airport|Palace|Center|Centre|Hall|Stadium|Arena|Foundation|Prize|Award|Order|Medal|University|"
    r"School|Library|Museum|Park|Mosque|Cathedral|Hospital|Library|Fund)\b"
)


def _covering(ctx: Context, pos: int) -> Any:
    """A country / organization / demonym mention that covers ``pos`` without starting
    there ("Azerbaijan" inside "Republic of Azerbaijan")."""
    i = bisect.bisect_right(ctx._mention_starts, pos) - 1
    while i >= 0 and ctx.mentions[i].start >= pos - 60:
        m = ctx.mentions[i]
        if m.start < pos < m.end and m.type in ("country", "organization", "demonym", "agency"):
            return m
        i -= 1
    return None


#: Countries whose people's names are written family name first in their own usage (ISO codes)
_FAMILY_NAME_FIRST = frozenset({"JP", "CN", "KR", "KP", "VN", "HU", "TW", "MN", "KH"})
_MIDDLE_INITIAL = re.compile(r"(?<=\w) [A-Z]\. (?=[A-Z])")


def _canonical(ctx: Context, name: str) -> tuple[str, Any]:
    found = ctx.lookup(name, "person")
    if found:
        return found[0].name, found[0]
    short = short_person_form(ctx.gazetteer, name)
    if short is not None:  # "Luis Lacalle Pou", "K.P. Sharma Oli"
        return short.name, short
    plain = _MIDDLE_INITIAL.sub(" ", name)
    if plain != name:  # "Ferdinand R. Marcos Jr.": the known name without the middle initial
        found = ctx.lookup(plain, "person") or ctx.lookup(plain + ".", "person")
        if found:
            return found[0].name, found[0]
    words = name.split()
    if len(words) >= 3:
        # "Moussa Faki Mahamat": a known name with one more family name written after it
        found = ctx.lookup(" ".join(words[:-1]), "person")
        if found:
            return found[0].name, found[0]
    for cut in (i for i in range(len(words) - 2, 1, -1) if words[i] in ("bin", "ibn", "bint")):
        # "Mohammed bin Salman bin Abdulaziz (Al Saud)": a known name with more of its lineage written after it
        found = ctx.lookup(" ".join(words[:cut]), "person")
        if found:
            return found[0].name, found[0]
    if len(words) >= 2:
        # "Tayyip Erdogan": a known person's name without its first given name
        folded = [fold_key(w) for w in words]
        for entry in (e for w in reversed(words) if w[:1].isupper() for e in ctx.lookup(w, "person")):
            known = [fold_key(w) for w in entry.name.split()]
            if len(known) > len(folded) and known[-len(folded) :] == folded:
                return entry.name, entry
    pat = _patterns()["patronymic"]
    if len(words) == 3 and pat.search(words[2]) and not pat.search(words[1]):
        return f"{words[1]} {words[0]}", None  # Morgulov Igor Vladimirovich -> Igor Morgulov
    if len(words) == 2 and not words[0].isupper():
        found = ctx.lookup(f"{words[1]} {words[0]}", "person")
        if found and found[0].country in _FAMILY_NAME_FIRST:
            return found[0].name, found[0]  # "Kishida Fumio": a Japanese name in its own order
    if len(words) == 2 and len(words[0]) > 1 and words[0].isupper() and not words[1].isupper():
        # "ISHIBA Shigeru": a family name in capitals, written first (Japanese and Chinese official style)
        turned = f"{words[1]} {words[0].title()}"
        found = ctx.lookup(turned, "person")
        return (found[0].name, found[0]) if found else (turned, None)
    if len(words) >= 2:
        # "Serdar Berdymukhamedov", "Kassym-Jomart Tokaev": another transliteration of a known name
        entry = _by_transliteration(ctx.gazetteer).get(_transliteration(name))
        if entry is not None:
            return entry.name, entry
    return name, None


def _transliteration(name: str) -> str:
    """A key that different romanizations of one name share: "Berdimuhamedow", "Berdymukhamedov" and
    "Berdimuhamedov" alike; "Tokayev" and "Tokaev"; "Mirziyoyev" and "Mirziyoev"."""
    key = re.sub(r"[^a-z ]", "", fold_key(name).replace("-", " "))
    key = key.replace("kh", "h").replace("zh", "j").replace("w", "v")
    key = re.sub(r"(?<=[aeiou])[yi](?=[aeiou])", "", key).replace("y", "i")
    return " ".join(re.sub(r"(.)\1", r"\1", key).split())


@lru_cache(maxsize=4)
def _by_transliteration(gazetteer: Any) -> dict[str, Any]:
    """The gazetteer's people by the transliteration key of each of their names (a key two people
    share names neither)."""
    index: dict[str, Any] = {}
    for entry in gazetteer.entries("person"):
        for surface in (entry.name, *entry.aliases):
            if " " in surface.strip():
                key = _transliteration(surface)
                index[key] = None if index.get(key, entry) is not entry else entry
    return {k: e for k, e in index.items() if e is not None}


#: "NATO chief Jane Doe": wire copy's lower-case title between an organization and a name
_ORG_CHIEF = re.compile(r"(\s+(?:Commission|Secretariat))?\s+(chief|director|head|boss)\s+(?=[A-Z])")
# "AU Commission Chairperson X": an organization's organ between it and its officer's title
_ORGAN_GAP = re.compile(r"\s+(?:Commission|Secretariat)\s+")
# between a country and its holder's title: nothing, "'s", or "'s new" ("Thailand's new Prime Minister")
_NEW = r"(?:new|current|newly[- ]appointed)"
_TITLE_GAP = re.compile(rf"(?:['’]s(?:\s+{_NEW})?)?")
_NEW_BEFORE = re.compile(rf"['’]s\s+{_NEW}\s+$")
_POSSESSIVE_END = re.compile(rf"['’]s(?:\s+{_NEW})?\s*$")


_REPRESENTED_BY = re.compile(r"\s+(?:was|were|is|are|will be)\s+represented\s+by\s+(?:its\s+|their\s+|the\s+)?$")


def _capitalized(title: str) -> str:
    """A title written in lower case, as a title: "chairperson" -> "Chairperson", "secretary-general" ->
    "Secretary-General"."""
    return " ".join("-".join(part[:1].upper() + part[1:] for part in word.split("-")) for word in title.split())


def _possessive_before_new(ctx: Context, role_start: int) -> Mention | None:
    """The country of "Thailand's new Prime Minister": the mention before "'s new"."""
    m = _NEW_BEFORE.search(ctx.text, max(0, role_start - 30), role_start)
    return ctx.mention_ending_at(m.start() + 2) if m is not None else None


def _role_country(
    ctx: Context, role_start: int, role_end: int, of_text: str | None
) -> tuple[str | None, str | None, int]:
    """(country name, organization name, start of the prefix) of a title's holder: from
    a demonym / "Country's" / ORG right before the title, or "of Country" after it."""
    country = org = None
    prefix_start = role_start
    before = ctx.mention_ending_at(role_start - 1) or _possessive_before_new(ctx, role_start)
    if before is not None and "\n" in ctx.text[before.end : role_start]:
        before = None  # a heading's last word ("... the 19th East Asia Summit\n\nPrime Minister X")
    if before is None:
        organ = ctx.mentions_in(max(0, role_start - 40), role_start, "organization")
        if organ and _ORGAN_GAP.fullmatch(ctx.text, organ[-1].end, role_start):
            before = organ[-1]  # "AU Commission Chairperson Moussa Faki Mahamat": the AU's officer
            org, prefix_start = before.target.entry.acronym or before.name, before.start
            return country, org, prefix_start
    if before is not None and _TITLE_GAP.fullmatch(ctx.text[before.end : role_start].strip()):
        if before.type in ("demonym", "country"):
            country, prefix_start = before.name, before.start
        elif before.type == "organization":
            org, prefix_start = before.target.entry.acronym or before.name, before.start
    if country is None and org is None:
        # "Iran was represented by First Vice President X": the country the holder represents
        rb = _REPRESENTED_BY.search(ctx.text, max(0, role_start - 60), role_start)
        named = ctx.mention_ending_at(rb.start(), "country") if rb is not None else None
        if rb is not None and named is not None and named.end == rb.start():
            country = named.name
    if of_text and country is None:
        for m in ctx.mentions_in(role_end, role_end + len(of_text) + 1, ("country", "organization")):
            if m.type == "country":
                country = m.name
            else:
                org = org or (m.target.entry.acronym or m.name)
            break
    return country, org, prefix_start


class People:
    """Collected people: ``add`` merges a new mention into the person it names (same
    canonical name, a surname of it, or the same name without accents)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.people: list[Person] = []
        self.taken: list[tuple[int, int]] = []  # spans of names already read

    def add(
        self, name: str, start: int, role: str | None, country: str | None, org: str | None, credit: bool = False
    ) -> Person | None:
        ctx = self.ctx
        if _PLURAL_OFFICIALS.search(name):
            return None  # "represented by High Commissioners": a kind of official, no one's name
        canonical, entry = _canonical(ctx, name)
        if entry is not None and country is None and org is None and entry.country:
            country = ctx.country_name(entry.country)
        for p in self.people:
            if _same(p, canonical, name):
                p.offsets.append(start)
                if name not in p.forms:
                    p.forms.append(name)
                if p.role is None and role:
                    p.role = role
                if p.country is None and country:
                    p.country = country
                if len(canonical.split()) > len(p.canonical.split()) and p.entry is None:
                    p.canonical, p.entry = canonical, entry
                    if len(name.split()) > len(p.name.split()) or not _TITLED_FORM.match(name):
                        p.name = name  # not "King Salman" over "Salman bin Abdulaziz"
                return p
        p = Person(
            name=name,
            canonical=canonical,
            role=role,
            country=country,
            organization=org,
            entry=entry,
            is_credit=credit,
            forms=[name],
            offsets=[start],
        )
        self.people.append(p)
        return p


def find_people(ctx: Context) -> list[Person]:
    """The article's people: collect credits, titled names ("Title [of X] Name", "Name,
    Title"), academic titles and gazetteer people, merging mentions of one person; then
    link short forms ("Mr Surname", a bare surname) to them."""
    found = People(ctx)
    collect_credits(ctx, found)
    collect_titled(ctx, found)
    collect_representatives(ctx, found)
    collect_known(ctx, found)
    collect_possessed(ctx, found)
    link_short_forms(ctx, found.people)
    return found.people


def collect_credits(ctx: Context, found: People) -> None:
    """Collect: editors, photographers, bylines ("Reporting by A and B; Editing by C")."""
    text, add, taken = ctx.text, found.add, found.taken
    noise = set(vocab()["credit_noise"])
    for rx, fixed_role in _credit_regexes():
        for m in rx.finditer(text):
            raw = m.group(0)
            role = fixed_role or (
                "web editor" if "web editor" in raw.lower() else "editor" if "editor" in raw.lower() else "author"
            )
            org = m.group("org").strip(" ./") if "org" in m.groupdict() and m.group("org") else ctx.article.publisher
            names_start = m.start("names")
            for seg in re.finditer(r"[^;]+", m.group("names")):
                seg_role = role
                body = seg.group()
                lead = _CREDIT_LEAD.match(body)
                if lead:
                    seg_role = "editor" if lead.group(1).lower().startswith("edit") else "reporter"
                    body = body[lead.end() :]
                for part in re.split(r",|\band\b|&", body):
                    nm = _CREDIT_PLACE.sub("", part.strip(" .()"))  # "Tom Brown in Moscow": the name
                    if not nm or nm in noise or not re.fullmatch(rf"{CAP_WORD}(?:\s+{CAP_WORD}){{1,3}}", nm):
                        continue
                    pos = text.find(nm, names_start)
                    if ctx.mentions_in(pos, pos + len(nm), ("country", "organization", "agency")):
                        continue
                    add(nm, pos, seg_role, None, org, credit=True)
                    taken.append((pos, pos + len(nm)))


_REPRESENTATIVE = re.compile(
    rf"\s+(?:was|were|is|are|will\s+be)\s+represented\s+by\s+(?P<name>{CAP_WORD}(?:\s+{CAP_WORD}){{1,2}})"
    r"(?=\s*[,.;]|\s+(?:at|in|who|and)\b)"
)


def collect_representatives(ctx: Context, found: People) -> None:
    """Collect: a name with no title that represents a country ("China was represented by
    Li Xi, a member of ..."): the person, of that country."""
    if "represented" in ctx.text:
        _collect_after_countries(ctx, found, _REPRESENTATIVE, ("country", "organization", "city"))


def _collect_after_countries(
    ctx: Context, found: People, rx: re.Pattern[str], known: tuple[str, ...] | None, plain: bool = False
) -> None:
    """A name with no title that ``rx`` finds right after a country's mention: the person, of that
    country.  No known name of the ``known`` types (None: any) lies inside it; ``plain``: the name is
    as written, with no institution, place or title word in it."""
    for country in ctx.mentions:
        if country.type != "country":
            continue
        m = rx.match(ctx.text, country.end)
        if m is None or any(s <= m.start("name") < e for s, e in found.taken):
            continue
        name = _valid_name(ctx, m.start("name"), m.group("name"))
        inside = [
            x
            for x in ctx.mentions_in(m.start("name"), m.end("name"), known)
            if not (x.type == "city" and x.start == m.start("name"))  # a first name a town shares: "George Manneh Weah"
        ]
        if name is None or inside:
            continue
        if plain and (name != m.group("name") or _INSTITUTION_WORD.search(name) or _title_word_in(name)):
            continue  # "Russia's Foreign Ministry", "Japan's Prime Minister"
        found.add(name, m.start("name"), None, country.name, None)
        found.taken.append((m.start("name"), m.start("name") + len(name)))


_PLURAL_OFFICIALS = re.compile(
    r"\b(?:Commissioners|Ministers|Ambassadors|Envoys|Officials|Representatives|Delegations|Secretaries|"
    r"Deputies|Presidents|Heads|Diplomats|Advisers|Advisors)$"
)
# "Finland's Elina Valtonen, whose country ...": a country's possessive, then a name of two or three
# words that ends at a clause boundary or a verb
_POSSESSIVE_PERSON = re.compile(
    rf"['’]s\s+(?P<name>{CAP_WORD}(?:\s+{CAP_WORD}){{1,2}})"
    r"(?=\s*[,;)]|\.(?:\s|$)|\s+(?:said|says|told|and|who|whose|was|is|has|had|will|would|also|arrived|attended|led|called|"
    r"urged|warned|added|noted|spoke|stressed)\b)"
)


def collect_possessed(ctx: Context, found: People) -> None:
    """Collect: a name with no title after a country's possessive ("Finland's Elina Valtonen, whose
    country ..."): the person, of that country.  Known people are read elsewhere; a name that holds
    a known name, an institution or place word or a title is no person."""
    if "'s " in ctx.text or "’s " in ctx.text:
        _collect_after_countries(ctx, found, _POSSESSIVE_PERSON, None, plain=True)


_INSTITUTION_WORD = re.compile(
    r"\b(?:Ministry|Council|Committee|Commission|Office|Agency|Bank|Fund|Union|Party|Parliament|Senate|Congress|"
    r"Assembly|Court|Army|Navy|Forces|Guard|Government|Cabinet|Embassy|Mission|Company|Group|Corporation|Airlines|"
    r"Airways|Institute|University|Foundation|Federation|Association|Centre|Center|Declaration|Initiative|Plan|"
    r"Strategy|Vision|Act|Law|Constitution|Treaty|Agreement|Accord|Charter|Summit|Forum|News|Times|Post|Press|"
    r"Radio|Television|Day|Week|Year|Islands?|Province|Region|Sea|River|Lake|Mountains?|Peninsula|Strait|Gulf|Bay|"
    r"Valley|Coast|Desert|Airport|Port|Station|Square|Palace|Hall|Stadium|Park|Street|Avenue|Prefecture|State|County|"
    r"District|City|Oblast|Territory|Republic|Kingdom)\b"
)


def _title_word_in(name: str) -> bool:
    return any(w in title_words() for w in name.split())


# "of the Republic": the country the article is about, unnamed (a government's own release)
_OF_THE_STATE = re.compile(r"\s+of\s+the\s+(?:Republic|Nation|Kingdom)\b(?!\s+of\b)")
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][\w-]{1,9}\)")


def collect_titled(ctx: Context, found: People) -> None:
    """Collect: "[Demonym] Title [of Country] Name", "Name, Title of Country", "Prof. Name"."""
    pats = _patterns()
    text, add, taken = ctx.text, found.add, found.taken
    # Title + name
    titles = [(m, False) for m in pats["role"].finditer(text)]
    titles += [(m, True) for m in pats["lower_forward"].finditer(text)]
    for m, lower in titles:
        if not at_word_start(text, m.start()):
            continue
        pos, of_text = m.end(), None
        om = pats["of"].match(text, pos)
        rep = _OF_THE_STATE.match(text, pos)
        if rep is not None:
            om, of_text, pos = None, text[pos : rep.end()], rep.end()  # "The Vice President of the Republic, X"
        if om:
            target = ctx.mention_at(om.end(), ("country", "organization"))
            if target is None:
                # "Chairman of the Halk Maslahaty of Turkmenistan": a named body of a country
                bm = pats["of_body"].match(text, pos)
                target = ctx.mention_at(bm.end(), "country") if bm else None
                if target is None:
                    # "President of the Russian Chamber of Commerce and Industry Sergey Katyrin"
                    after_body = _name_after_body(ctx, om.end())
                    if after_body is not None:
                        name_start, holder = after_body
                        role = re.sub(r"\s+", " ", text[m.start("role") : name_start].strip(" ,"))
                        add(holder, name_start, role, None, None)
                        taken.append((name_start, name_start + len(holder)))
                    continue
            # "Secretary of the Security Council of the Russian Federation": a chain of "of"s
            while True:
                cm = pats["of"].match(text, target.end)
                nxt = ctx.mention_at(cm.end(), ("country", "organization")) if cm else None
                if nxt is None:
                    break
                target = nxt
            body_end = target.end
            if target.type == "organization":
                # "Chairman of the SCO Business Council S. Katyrin": an organ of the organization
                bm = pats["organ_tail"].match(text, body_end)
                if bm:
                    body_end = bm.end()
            tm = pats["to_place"].match(text, body_end)
            to_place = ctx.mention_at(tm.end(), ("city", "country", "organization")) if tm else None
            if to_place is not None:
                body_end = to_place.end  # "Ambassador of X to Bishkek"
            of_text = text[pos:body_end]
            pos = body_end
            acronym = _ACRONYM_AFTER.match(text, pos)
            if acronym is not None:
                pos = acronym.end()  # "Secretary General of the ... Secretariat (SEGIB), Jane Doe"
        am = pats["after_role"].match(text, pos)
        if not am:
            continue
        nm = pats["name"].match(text, am.end())
        if not nm or "\n" in text[m.start() : nm.end()]:
            continue
        if nm.group().isupper() and m.group("role").isupper():
            continue  # a headline in capitals ("PRESIDENT ARRIVES IN ASTANA")
        name = _valid_name(ctx, nm.start(), nm.group())
        if name is None or _NAMED_THING.match(text, nm.start() + len(name)):
            continue
        if len(name.split()) == 1 and not (
            ctx.lookup(name, "person")
            or (not lower and re.search(r"President|Minister|Premier|Chancellor|Emir|King|Secretary", m.group("role")))
        ):
            continue
        if lower and any(s <= nm.start() < e for s, e in taken):
            continue
        country, org, pstart = _role_country(ctx, m.start("role"), m.end("role"), of_text)
        if country is None and org is None and of_text is None:
            # "Prime Minister Russell Dlamini of Eswatini": the country after the name
            after = _OF_AFTER_NAME.match(text, nm.start() + len(name))
            men = ctx.mention_at(after.end(), "country") if after else None
            if men is not None:
                country = men.name
        # a demonym or organization stays in the role as written ("Indian Prime Minister", "UN
        # Secretary-General"); a possessive does not: "China's Assistant Foreign Minister" ->
        # role "Assistant Foreign Minister", country China
        if _POSSESSIVE_END.search(text, pstart, m.start("role")):
            pstart = m.start("role")
        fm = _FORMER.search(text, max(0, pstart - 12), pstart)
        if fm is not None:
            pstart = fm.start()  # "Former US President Donald Trump": no sitting leader
        role = _title_case(re.sub(r"\s+", " ", text[pstart : m.end("role") + len(of_text or "")].strip()))
        if lower:  # "the Cuban president" -> "Cuban President"
            cut = m.end("role") - pstart
            role = role[: cut - len(m.group("role"))] + _capitalized(m.group("role")) + role[cut:]
        add(name, nm.start(), role, country, org)
        taken.append((nm.start(), nm.start() + len(name)))

    # Name, Title of Country
    for m in near_keywords(pats["backward"], text, pats["backward_kw"], before=80, after=160):
        if (
            m.group("lower") is not None
            and not m.group("of")
            and not m.group("poss")
            and not m.group("theposs")
            and not re.match(r"\s+(?:to|for|at|with)\s", text[m.end() :])
        ):
            continue  # a lower-case title needs its "of ...", "to ...": "Jane Doe, president of the Council"
        name_start, raw = m.start("name"), m.group("name")
        own = ctx.sentence_at(m.end("name") - 1)
        if own is not None and own.start > name_start:
            # "... in Addis Ababa. Jane Doe, Chairperson of ...": the name starts with its sentence
            raw, name_start = text[own.start : m.end("name")], own.start
        name = _valid_name(ctx, name_start, raw)
        # a surname alone only after "Mr"/"Ms": "Mr. Sharif, Prime Minister of Pakistan"
        one_ok = name is not None and (
            _HONORIFIC_BEFORE.search(text, max(0, name_start - 6), name_start)
            or re.match(r"(?:Mr|Mrs|Ms|Dr)\.?\s", raw)
        )
        if (
            name is None
            or (len(name.split()) < 2 and not one_ok)
            or ctx.mentions_in(name_start, m.end("name"), ("country", "organization", "city"))
        ):
            continue
        if any(s <= name_start < e for s, e in taken):
            continue
        if re.search(
            r"(?<![\w-])(?:[Tt]he|[Aa]n?|[Tt]his|[Ii]ts|[Tt]heir)\s+$",
            text[max(0, name_start - 8) : name_start],
        ):
            continue  # "at the Plenary Session, Chinese President ...": a thing, not a person
        group = "role" if m.group("role") is not None else "lower"
        head = m.group(group) if group == "role" else _capitalized(m.group(group))
        role = re.sub(r"\s+", " ", (head + (m.group("of") or "")).strip())
        country, org, _ = _role_country(ctx, m.start(group), m.end(group), m.group("of"))
        whose = ctx.mention_at(m.start("poss"), "country") if m.group("poss") else None
        if whose is not None and not m.group("of"):
            role, country = f"{role} of {whose.name}", whose.name  # "X, Ukraine's president": President of Ukraine
        add(name, name_start, role, country, org)
        taken.append((name_start, m.end("name")))

    # "Xi and his wife Peng Liyuan": a leader's spouse; "Mrs. Hanna Serwaa Tetteh", "Dr Workneh Gebeyehu": an
    # honorific before a whole name is a person's, with the title written before it
    name_rx = pats["name"]
    for lead, role_of in ((_SPOUSE, lambda _: "Spouse"), (_HONORIFIC_NAME, lambda m: _title_before(text, m.start()))):
        for m in lead.finditer(text):
            nm = name_rx.match(text, m.end())
            if nm is None or any(s <= nm.start() < e for s, e in taken):
                continue
            name = _valid_name(ctx, nm.start(), nm.group())
            if name is None or len(name.split()) < 2 or ctx.mentions_in(nm.start(), nm.start() + len(name)):
                continue
            add(name, nm.start(), role_of(m), None, None)
            taken.append((nm.start(), nm.start() + len(name)))

    collect_plural_titled(ctx, found)

    # "NATO chief Jane Doe", "IAEA director Jane Doe": wire copy's lower-case title after an organization
    name_rx = pats["name"]
    for org_m in ctx.mentions:
        if org_m.type != "organization":
            continue
        cm = _ORG_CHIEF.match(text, org_m.end)
        nm = name_rx.match(text, cm.end()) if cm else None
        if cm is None or nm is None or any(s <= nm.start() < e for s, e in taken):
            continue
        name = _valid_name(ctx, nm.start(), nm.group())
        inside = ctx.mentions_in(nm.start(), nm.start() + len(name or ""))
        if name is None or len(name.split()) < 2 or any(m.type != "person" for m in inside):
            continue
        org = org_m.target.entry.acronym or org_m.name
        add(name, nm.start(), f"{org_m.text}{cm.group(1) or ''} {cm.group(2)}", None, org)
        taken.append((nm.start(), nm.start() + len(name)))

    # "Luis Arce, of the Plurinational State of Bolivia, and ...": a name with its country only
    if ", of " in text:
        name_rx = pats["name"]
        for m in re.finditer(r",\s+of\s+(?:the\s+)?", text):
            named = ctx.mention_at(m.end(), "country")
            if named is None or not re.match(r"\s*(?:[,.;)]|\s+and\b)", text[named.end : named.end + 6]):
                continue
            head = text[max(0, m.start() - 60) : m.start()]
            nm = re.search(r"(?:^|[\s(:;,])(" + name_rx.pattern + r")$", head)
            if nm is None:
                continue
            start = m.start() - len(nm.group(1))
            if any(s <= start < e for s, e in taken):
                continue
            name = _valid_name(ctx, start, nm.group(1))
            if name is None or len(name.split()) < 2 or name != nm.group(1):
                continue
            add(name, start, None, named.name, None)
            taken.append((start, start + len(name)))

    # "Prof. Aziz Sancar", "Dr Ana Ruiz": a person with an academic title
    for m in pats["academic"].finditer(text):
        if any(s <= m.start("name") < e for s, e in taken):
            continue
        name = _valid_name(ctx, m.start("name"), m.group("name"))
        if name is not None and len(name.split()) >= 2:
            add(name, m.start("name"), None, None, None)
            taken.append((m.start("name"), m.start("name") + len(name)))


# "Presidents A of X and B of Y", "Prime Ministers A (X), B (Y) and C (Z)": one plural title, several holders
_PLURAL_TITLE = re.compile(
    r"(?=[PpCcKEVv])(?<![\w-])(?P<role>[Pp]residents|[Pp]rime [Mm]inisters|[Pp]remiers|[Cc]hancellors|Kings|Emirs|"
    r"[Vv]ice[- ][Pp]residents)\s+(?=[A-Z])"
)
_PLURAL_HINTS = ("residents", "inisters", "remiers", "hancellors", "Kings", "Emirs")
_PLURAL_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
_PAREN_COUNTRY = re.compile(r"\s*\(\s*")


def collect_plural_titled(ctx: Context, found: People) -> None:
    """Collect: holders of one plural title, each with a country after the name ("of X" or
    "(X)"); the list stops at the first name without one."""
    text = ctx.text
    if not any(w in text for w in _PLURAL_HINTS):
        return  # most articles have no plural title: skip the scan
    pats = _patterns()
    for m in _PLURAL_TITLE.finditer(text):
        role = m.group("role")[:-1].replace("-", " ").title()  # "prime ministers" -> "Prime Minister"
        pos = m.end()
        while True:
            nm = pats["name"].match(text, pos)
            if nm is None or "\n" in nm.group():
                break
            name = _valid_name(ctx, nm.start(), nm.group())
            if name is None or len(name.split()) < 2:
                break
            end = nm.start() + len(name)
            after = _OF_AFTER_NAME.match(text, end) or _PAREN_COUNTRY.match(text, end)
            country = ctx.mention_at(after.end(), "country") if after else None
            if country is None:
                break
            if not any(s <= nm.start() < e for s, e in found.taken):
                found.add(name, nm.start(), role, country.name, None)
                found.taken.append((nm.start(), end))
            pos = country.end + (1 if text.startswith(")", country.end) else 0)
            sep = _PLURAL_SEP.match(text, pos)
            if sep is None:
                break
            pos = sep.end()


def collect_known(ctx: Context, found: People) -> None:
    """Collect: gazetteer people anywhere ("Tokayev", "Xi", "Putin")."""
    add, taken = found.add, found.taken
    for mm in ctx.mentions:
        if mm.type != "person" or any(s <= mm.start < e for s, e in taken) or _NAMED_THING.match(ctx.text, mm.end):
            continue
        entry = mm.target.entry
        office = _office(entry, ctx)
        add(
            mm.text if len(mm.text.split()) > 1 else entry.name, mm.start, office, ctx.country_name(entry.country), None
        )


def link_short_forms(ctx: Context, people: list[Person]) -> None:
    """Merge: "Mr Surname" and bare surnames are more mentions of someone named before."""
    pats = _patterns()
    text = ctx.text
    # Mr Surname -> someone named before
    for m in pats["honorific"].finditer(text):
        sur = m.group("name")
        for p in people:
            if p.surname == sur or sur in p.name.split():
                p.offsets.append(m.start())
                break
    # bare surnames of people already found ("Xi", "Tokayev", "Stoltenberg")
    surnames = {p.surname: p for p in people if len(p.canonical.split()) > 1}
    for p in people:
        if p.entry is not None:
            for alias in p.entry.aliases:
                if len(alias.split()) == 1:
                    surnames.setdefault(alias, p)
    if surnames:
        rx = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True)) + r")(?![\w-])"
        )
        for m in rx.finditer(text):
            p = surnames[m.group(1)]
            if m.start() not in p.offsets:
                p.offsets.append(m.start())


_BODY_WORD = re.compile(rf"{CAP_WORD}|\(|\)|of|and|the|for|&")


def _name_after_body(ctx: Context, pos: int) -> tuple[int, str] | None:
    """After "Title of", a body's name then its holder's name, with no comma between:
    the holder is a gazetteer person in the run, or else its last two capitalized words
    when the run has at least four (the body needs two, the name two)."""
    text = ctx.text
    end = pos
    words: list[tuple[int, str]] = []
    for m in re.finditer(r"\S+", text[pos : pos + 160]):
        w = m.group().rstrip(",.;:")
        if not w or not _BODY_WORD.fullmatch(w.strip("()")) and w not in ("(", ")"):
            break
        words.append((pos + m.start(), w))
        end = pos + m.start() + len(w)
        if m.group() != w:
            break  # punctuation closes the run
    if "\n" in text[pos:end]:
        return None
    place = OTHER_PLACES.search(text, pos, end)
    if place is not None:
        # "President of the Turkish Republic of Northern Cyprus Ersin Tatar": the holder after the place's name
        holder = re.match(r"\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\b", text[place.end() : end + 1])
        return (place.end() + holder.start(1), holder.group(1)) if holder else None
    for i, (o, w) in enumerate(words):
        # "Head of the Presidential Administration Anton Vaino and Presidential Aide Yuri Ushakov": a
        # second title after "and" starts another person
        if w == "and" and _patterns()["role"].search(text, o + 4, end):
            words = words[:i]
            end = o - 1
            break
    person = next((p for p in ctx.mentions_in(pos, end, "person")), None)
    if person is not None:
        return person.start, person.text
    caps = [(o, w) for o, w in words if w[:1].isupper()]
    tail = []
    for o, w in reversed(words):
        if not w[:1].isupper():
            break
        tail.append((o, w))
    tail.reverse()
    body_head = len(words) >= 4 and words[-3][1] in _BODY_HEADS  # "the Presidential Administration Anton Vaino"
    if len(caps) < 4 or len(tail) < 2 or (len(tail) == len(words) and not body_head):
        return None
    (o1, w1), (_, w2) = tail[-2], tail[-1]
    if w1 in _STOP_NAME_WORDS or w2 in _STOP_NAME_WORDS:
        return None
    if any(ctx.mentions_in(o1, o1 + len(w1) + 1 + len(w2), ("country", "organization", "city", "demonym"))):
        return None
    return o1, f"{w1} {w2}"


def _office(entry: Any, ctx: Context) -> str | None:
    """The title of the gazetteer office the person held on the publication day, one of their own
    country first (Emmanuel Macron is President of France, and Co-Prince of Andorra too), else the
    first office's; None when the gazetteer gives no title."""
    when = ctx.article.published
    held = sorted((o for o in entry.offices if o.held_on(when)), key=lambda o: o.country != entry.country)
    for office in held:
        if office.title:
            return office.title
    if held:
        return None
    return (entry.offices[0].title or None) if entry.offices else None


def _leads_on(entry: Any, when: str | None) -> bool:
    """Whether a gazetteer person was head of state or government of their own country on ``when``."""
    return bool(
        entry is not None
        and when
        and any(
            o.role in ("head_of_state", "head_of_government") and o.country == entry.country and o.held_on(when)
            for o in entry.offices
        )
    )


_FORMER = re.compile(r"(?<![\w-])(?:[Ff]ormer|[Ll]ate|[Oo]utgoing|[Ii]ncoming|[Aa]cting|[Ii]nterim|[Ee]x-)\s*$")
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "to", "in", "on"})


def _title_case(role: str) -> str:
    """A title written in capitals as a title ("SECRETARY-GENERAL" -> "Secretary-General");
    a role with lower-case letters is kept as written."""
    head = role.split(" of ")[0]
    if not any(c.isalpha() for c in head) or not head.isupper() or len(head) <= 3:
        return role  # also "PM", "FM": abbreviations stay in capitals
    words = role.split(" ")
    return " ".join(
        w.lower()
        if (w.lower() in _SMALL_WORDS and i)
        else "-".join(x[:1].upper() + x[1:].lower() if x.isupper() else x for x in w.split("-"))
        for i, w in enumerate(words)
    )


def _same(p: Person, canonical: str, name: str) -> bool:
    if p.canonical == canonical or name in p.forms:
        return True
    a, b = fold_key(p.canonical).split(), fold_key(canonical).split()
    if a == b:
        return True  # "Viktor Orbán" / "Viktor Orban"
    if len(b) == 1 and b[0] in a:
        return True
    if len(a) == 1 and a[0] in b:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    # "Salman bin Abdulaziz" / "Salman bin Abdulaziz Al Saud"
    return len(small) >= 3 and big[: len(small)] == small


_GOVERNMENT_ROLE = re.compile(
    r"\b(?:President|Minister|Premier|Chancellor|Ambassador|Envoy|Emir|King|"
    r"Councill?or|Secretary of State|Head of (?:State|Government))\b"
)


# "took part in the ministerial meeting", "attended the preparatory session": a meeting of the summit's
# ministers or officials, which its leaders do not attend
_LESSER_MEETING = re.compile(
    r"\s+(?:in\s+|at\s+)?(?:the|a)\s+(?:[\w'’-]+\s+){0,2}?(?:ministerial|ministers['’]?|preparatory|"
    r"officials['’]?|sherpas?['’]?|experts['’]?)\s+(?:meeting|session|talks|conference)\b",
    re.IGNORECASE,
)


def decide_participants(ctx: Context, people: list[Person], summits: Sequence[Any] = ()) -> None:
    """Who takes part in the article's main summit.

    A head of state or government does by default, anyone else when a sentence that
    names them says so ("attended", "chaired", "represented by", "sending ... in his
    place").  Nobody does when the article has no main summit, and a sentence that is
    only about another summit ("at the SCO summit in Astana in July 2024") is no cue.
    A stated absence ("skipped the summit", "stays away") wins over everything."""
    pats = _patterns()
    main = [s for s in summits if getattr(s, "role", "main") == "main"]
    if summits and not main:
        for p in people:
            p.participant = False
        return
    main_sents = {sent.start for sent in (ctx.sentence_at(o) for s in main for o in s.offsets) if sent is not None}
    foreign = ctx.memo.get("foreign_summits", [])  # another organization's summit: see merge_summits
    other_sents = {
        sent.start
        for sent in (ctx.sentence_at(o) for o in [o for s in summits if s not in main for o in s.offsets] + foreign)
        if sent is not None
    } - main_sents
    past: dict[int, bool] = {}  # sentence start -> about an earlier year, computed when needed
    attends: dict[int, list[int]] = {}  # sentence start -> offsets of attendance cues in it
    absents: dict[int, list[int]] = {}

    def cues(s: Any) -> tuple[list[int], list[int]]:
        if s.start not in attends:
            attends[s.start] = [
                m.start() for m in pats["attend"].finditer(s.text) if not _LESSER_MEETING.match(s.text, m.end())
            ]
            absents[s.start] = [m.start() for m in pats["absent"].finditer(s.text)]
        return attends[s.start], absents[s.start]

    listed = _listed_attendees(ctx, cues, other_sents)
    every = [(o, q.canonical) for q in people if not q.is_credit for o in q.offsets]
    others = {q.canonical: [o for o, c in every if c != q.canonical] for q in people}
    # an offset inside (or at) another person's longer name: "Salman" of "King Salman bin Abdulaziz" read as
    # "Mohammed bin Salman" too
    spans = [(o, o + max(map(len, q.forms)), q.canonical) for q in people if not q.is_credit for o in q.offsets]

    def shared(o: int, c: str) -> bool:
        return any((a < o < b or a == o) and c != d for a, b, d in spans)

    for p in people:
        if p.is_credit:
            p.participant = False
            continue
        role = p.role or ""
        leader = bool(pats["leader"].search(role)) and not pats["not_leader"].search(role)
        if not role and _leads_on(p.entry, ctx.article.published):
            leader = True  # "Uruguay's Luis Lacalle Pou": no title in the text, the country's head by the gazetteer
        cue = absent = False
        relevant = False
        for off in p.offsets:
            s = ctx.sentence_at(off)
            if s is None:
                continue
            if s.start in other_sents:
                continue
            if s.start not in main_sents:
                # a sentence about an earlier year ("initiated by Kazakh President Nursultan
                # Nazarbayev in 1992") is no evidence of taking part in this summit
                if s.start not in past:
                    past[s.start] = _about_the_past(ctx, s.text)
                if past[s.start]:
                    continue
            relevant = True
            here = off - s.start
            att, abs_ = cues(s)
            nm_end = _NAME_RUN.match(s.text, here)
            if nm_end is not None and _SPEAKER.match(s.text, nm_end.end()):
                # "Over 60 leaders will take part in the summit, Deputy Minister X said": the cue is
                # what the speaker reports, not what they do
                att = [a for a in att if a > here]
            first_absent = next((a for a in abs_ if a >= here), None)
            limit = first_absent if first_absent is not None else -1
            between = [o - s.start for o in others[p.canonical] if here < o - s.start < limit]
            if between and (
                _WHO.search(s.text, between[-1], limit)
                or not _COORDINATED.fullmatch(s.text, nm_end.end() if nm_end else here, between[0])
            ):
                # "... meetings with X and Y, who skipped the summit", "X, as Y did not travel": Y's absence,
                # not X's; "X and Russian President Y skipped the summit": both
                first_absent = None
            if first_absent is not None and _OTHER_CLAUSE.search(s.text, here, first_absent):
                first_absent = None  # "X opened the summit, but the leaders of A and B stayed away": theirs, not X's
            if first_absent is not None and not any(here <= a < first_absent for a in att):
                absent = True  # "Nikol Pashinyan skipped the summit", "X ... stays away"
            elif att:
                cue = True
        if any(a <= off < b for a, b in listed for off in p.offsets):
            cue = relevant = True
        stood = [off for off in p.offsets if _STOOD_IN_FOR.search(ctx.text, _sentence_start(ctx, off, 110), off)]
        own = [off for off in p.offsets if not shared(off, p.canonical)]  # not in another's name that holds theirs
        if stood and (not own or any(off in own for off in stood)):
            absent = True  # "Vice President X, who represented President Y": Y stayed away
        if all(_OUT_OF_OFFICE.search(ctx.text, max(0, off - 50), off) for off in p.offsets):
            absent = True  # "to restore ousted President Mohamed Bazoum to power": no leader at the table
        if any(_ABSENCE_OF.search(ctx.text, max(0, off - 150), off) for off in p.offsets):
            absent = True  # "overshadowed by the absence of Azerbaijan's president, Ilham Aliyev, and Turkey's X"
        # a leader's spouse comes with the leader: no participant of the summit's talks
        p.participant = (leader or cue) and relevant and not absent and p.role not in ("Spouse", "First Lady")
        if p.country is None and p.organization is None and _GOVERNMENT_ROLE.search(role):
            p.country = _only_country(ctx, p.offsets[0])


# a title and a name written before a leader's name ends ("... President Y", "... Argentine president X")
_TITLE_NAME_BEFORE = r"(?:[A-Z][\w'’.-]*\s+|president\s+|prime minister\s+){0,4}$"


# what a stand-in did for the leader named right after it (a title may come between)
def _sentence_start(ctx: Context, offset: int, reach: int) -> int:
    """Where to look back from ``offset``: ``reach`` characters, not past the start of its sentence."""
    sent = ctx.sentence_at(offset)
    return max(offset - reach, sent.start if sent is not None else 0, 0)


_STOOD_IN_FOR = re.compile(
    r"\b(?:represent(?:ed|ing|s)|st(?:ood|ands|anding) in for|(?:attend\w*|spoke|speaking)?\s*on behalf of|"
    r"in place of|deputi[sz](?:ed|ing) for|substitut(?:ed|ing) for|in representation of|[Rr]epresentative of|"
    # "remembered mostly for an empty chair: that of Argentine president Javier Milei"
    r"(?:empty|vacant) (?:chair|seat)s?\s*[:,—–-]?\s*(?:that|the one) of)"
    r"\s+(?:(?:his|her|their)\s+(?:mother|father|brother|sister|wife|husband|son|daughter|uncle|cousin),?\s+)?"
    r"(?:the\s+)?"
    # a court's style may hold "of the" ("on behalf of the Custodian of the Two Holy Mosques King Salman",
    # "who represented His Highness the Amir Sheikh Nawaf")
    r"(?:(?:[A-Z][\w'’.-]*|president|prime minister)\s+(?:(?:of\s+)?the\s+(?=[A-Z]))?){0,8}$"
)
# a leader removed from office (or from the living), written so before the title and name
_OUT_OF_OFFICE = re.compile(
    r"\b(?:ousted|deposed|overthrown|toppled|detained|jailed|imprisoned|exiled|late|slain|assassinated)\s+"
    + _TITLE_NAME_BEFORE
)


def _title_before(text: str, start: int) -> str | None:
    """The title written right before an honorific and its name: "Federal Parliamentary Secretary for Foreign
    Affairs Ms Andleeb Abbas", "the Special Envoy of the Secretary-General for the Horn of Africa, Mrs. X"."""
    before = text[max(0, start - 120) : start]
    found = list(_patterns()["role"].finditer(before))
    if not found:
        return None
    first = len(found) - 1
    while first > 0 and re.fullmatch(
        r"\s+(?:of|for|to)\s+(?:the\s+)?", before[found[first - 1].end() : found[first].start()]
    ):
        first -= 1  # "Special Envoy of the Secretary-General ...": the title that holds the other
    phrase = before[found[first].start() :].rstrip(" ,")
    if re.search(r"[.;:()\n]", phrase) or len(phrase.split()) > 16:
        return None
    return re.sub(r"\s+", " ", phrase)


# the absence of a leader, named after it (a second one coordinated with the first)
_ABSENCE_OF = re.compile(
    # "Notably absent was Costa Rican President X", "Missing from the summit were X and Y": inverted too
    r"\b(?:absence\s+of|(?i:absent|missing)(?:\s+from\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:summit|meeting|talks))?"
    r"\s+(?:was|were)(?:\s+(?:the\s+)?(?:(?:host|Host)\s+)?)?)"
    r"\s+(?:(?:[A-Z][\w'’.-]*|president|prime minister|[\w'’]+['’]s)[\s,]+){0,6}"
    r"(?:and\s+(?:(?:[A-Z][\w'’.-]*|president|prime minister|[\w'’]+['’]s)\s+){0,5})?$"
)
_SPOUSE = re.compile(r"\b(?:his|her)\s+(?:wife|husband|spouse)\s*,?\s+(?=[A-Z])")
_HONORIFIC_NAME = re.compile(r"(?<![\w-])(?:Mr|Mrs|Ms|Dr|Madam|Mme)\.?\s+(?=[A-Z])")
_WHO = re.compile(r",\s+(?:who|whose)\b")  # "... with X and Y, who skipped it" (not "among the leaders who ...")
_COORDINATED = re.compile(r"(?:\s*,|\s+and|\s*,\s+and)\s+(?:[A-Z][\w'’.-]*\s+){0,4}")
_OTHER_CLAUSE = re.compile(r",\s+(?:but|while|whereas)\s|;\s|\s(?:but|whereas)\s")


def _about_the_past(ctx: Context, text: str) -> bool:
    pub = ctx.published
    if pub is None or not re.search(r"\b(?:1[89]|20)\d\d\b", text):
        return False
    years = [int(d.value[:4]) for d in ctx.dates(text, pub) if d.value and d.kind == "year"]
    return bool(years) and max(years) < pub.year


def _listed_attendees(ctx: Context, cues: Any, other_sents: set[int]) -> list[tuple[int, int]]:
    """Spans of the paragraphs that follow an attendance lead-in ending with a colon ("The
    meeting was attended by leaders of the SCO nations:", "Guest members included:")."""
    text = ctx.text
    out = []
    for s in ctx.sentences:
        if not s.text.endswith(":") or s.start in other_sents:
            continue
        att, _ = cues(s)
        if not att and not re.search(
            r"\b(?:included|include|were|are|members|delegations|participants|guests)\s*:$", s.text
        ):
            continue
        start = s.end
        while start < len(text) and text[start] in " \t\n:":
            start += 1
        blank = re.compile(r"\n[ \t]*\n").search(text, start, start + 1500)
        out.append((start, blank.start() if blank else min(len(text), start + 1500)))
    return out


def _only_country(ctx: Context, offset: int) -> str | None:
    """The one country a sentence names (by name or demonym), if it names exactly one:
    "Russia was represented by Foreign Minister Sergey Lavrov"."""
    s = ctx.sentence_at(offset)
    if s is None:
        return None
    names = {m.name for m in ctx.mentions_in(s.start, s.end, ("country", "demonym"))}
    return names.pop() if len(names) == 1 else None


_NAME_NEXT = re.compile(r",?\s+(?:[A-Z][\w'’.-]+\s+)*[A-Z][\w'’-]+\b")


def _leader_of_attends(ctx: Context, country: Any) -> bool:
    """An unnamed leader written after the title or before "was represented by": "as did
    the Prime Minister of Hungary", "Azerbaijan was represented by its Prime Minister"
    (not "sent no delegation", not a named "President of X Name")."""
    text = ctx.text
    before = text[max(0, country.start - 12) : country.start]
    if "represented" not in text[country.end : country.end + 30] and " of " not in before:
        return False  # cheap test first: neither form can be there
    pats = _patterns()
    s = ctx.sentence_at(country.start)
    rep = _REPRESENTED.match(text, country.end)
    if s is None:
        return False
    if rep is not None:
        ce = _CLAUSE_END.search(text, rep.end(), s.end)
        clause = text[country.start : ce.start() if ce else s.end]
    elif _LEADER_OF.search(text, max(0, country.start - 40), country.start) is not None and not _NAME_NEXT.match(
        text, country.end, country.end + 40
    ):
        clause = s.text
    else:
        return False
    return (
        bool(pats["attend"].search(clause))
        and not pats["absent"].search(clause)
        and not re.search(r"\bno\s+(?:delegation|representative)", clause)
    )


_NAME_RUN = re.compile(r"[\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|al-[\w'’-]+|bin|de|da|van|von))*")
_SPEAKER = re.compile(r"\s+(?:said|says|told|noted|stressed|added|explained|replied|announced)\b")
_TITLED_FORM = re.compile(r"(?:King|Queen|Emir|Sultan|Prince|Sheikh|President|Mr|Mrs|Ms|Dr)\.?\s")
_HONORIFIC_BEFORE = re.compile(r"(?<![\w-])(?:Mr|Mrs|Ms|Dr)\.?\s+$")
_OF_AFTER_NAME = re.compile(r"\s+of\s+(?:the\s+)?")
_LEADER_OF = re.compile(
    r"(?<![\w-])(?:[Pp]resident|[Pp]rime [Mm]inister|[Pp]remier|[Ll]eader|[Hh]ead of [Ss]tate|"
    r"[Cc]hancellor|[Ee]mir|[Kk]ing|[Vv]ice[- ][Pp]resident)\s+of\s+(?:the\s+)?$"
)
_REPRESENTED = re.compile(r"\s+(?:was|were|is|are|will be)\s+represented\s+by\b")
_CLAUSE_END = re.compile(r"[,;]|\s(?:while|but|whereas)\s")
_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\s+")
_UNNAMED_LEADER = re.compile(
    r"(?<![\w-])(?:[Pp]resident|[Pp]rime [Mm]inister|[Pp]remier|[Ll]eader|[Hh]ead of [Ss]tate|"
    r"[Cc]hancellor|[Ee]mir|[Kk]ing)(?![\w-])(?!,?\s+(?:[A-Z][\w'’.-]+\s+)*[A-Z][\w'’-]+)"
)


def represented_countries(ctx: Context, people: list[Person]) -> list[tuple[str, int]]:
    """The countries of leaders who stayed away and sent someone in their stead, and where the text says so ("Saudi
    Crown Prince Mohammed bin Salman, Turkish President Recep Tayyip Erdogan and Iranian President Ebrahim Raisi
    all stayed away and sent their foreign ministers"): those countries take part."""
    out = []
    for p in people:
        if p.participant or not p.country:
            continue
        sent = next((off for off in p.offsets if _sent_stand_in(ctx, off)), None)
        if sent is not None:
            out.append((p.country, sent))
    return out


_SENT_STAND_IN = re.compile(
    r"\bsent\s+(?:(?:his|her|their|its)\s+)?(?:[\w-]+\s+){0,2}?(?:ministers?|deputies|deputy|envoys?|delegations?|"
    r"vice[- ]presidents?|representatives?|ambassadors?)\b"
)


def _sent_stand_in(ctx: Context, offset: int) -> bool:
    """Whether the sentence at ``offset`` says someone was sent in a leader's stead, after the name."""
    sent = ctx.sentence_at(offset)
    return sent is not None and _SENT_STAND_IN.search(ctx.text, offset, sent.end) is not None


def unnamed_leaders(ctx: Context, people: list[Person], summits: Sequence[Any] = ()) -> list[tuple[str, int]]:
    """Countries whose leader takes part without being named: "the Belarusian President
    attended", "Armenia's prime minister joined the talks".  The sentence must say that
    the leader attends and must not say that they stay away."""
    pats = _patterns()
    if not any(getattr(s, "role", "main") == "main" for s in summits):
        return []
    named = {p.country for p in people if p.participant and p.country}
    out: list[tuple[str, int]] = []
    text = ctx.text
    for before in ctx.mentions:
        if before.type not in ("demonym", "country"):
            continue
        gap = _POSSESSIVE_GAP.match(text, before.end)
        m = _UNNAMED_LEADER.match(text, gap.end()) if gap else None
        if m is None and before.type == "country":
            if _leader_of_attends(ctx, before) and before.name not in named and all(before.name != c for c, _ in out):
                out.append((before.name, before.start))
            continue
        if m is None:
            continue
        s = ctx.sentence_at(m.start())
        if s is None:
            continue
        # the leader's own clause: up to the next comma, semicolon, "while" or "but"
        clause_end = _CLAUSE_END.search(ctx.text, m.end(), s.end)
        clause = ctx.text[m.end() : clause_end.start() if clause_end else s.end]
        if not pats["attend"].search(clause) or pats["absent"].search(clause):
            continue
        if before.name not in named and all(before.name != c for c, _ in out):
            out.append((before.name, before.start))
    return out
