"""Organizations: gazetteer organizations, news media, organs ("SCO Secretariat",
"Supreme Eurasian Economic Council"), and stated locations ("a standing body of the
SCO based in Tashkent, Uzbekistan")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .context import BODY_OF_ITS_OWN, CAP_WORD, Context, near_keywords
from .dates import DATELINE_DAY, MONTH_NAMES, WEEKDAY_NAMES
from .lexicon import alternation, government_seats, vocab

_ORG_WORDS = (
    "Council",
    "Commission",
    "Committee",
    "Secretariat",
    "Structure",
    "Organization",
    "Community",
    "Organisation",
    "Union",
    "Bank",
    "Fund",
    "Agency",
    "Forum",
    "Ministry",
    "Association",
    "Assembly",
    "Parliament",
    "Court",
    "Service",
    "Institute",
    "Alliance",
    "Federation",
    "Centre",
    "Center",
    "Office",
    "Board",
    "Authority",
)


#: the head word of an institution's name ("the African Development Bank", "the ruling National Liberation Party")
_INSTITUTION_HEAD = (
    r"(?:Bank|Fund|Union|Organi[sz]ation|Program(?:me)?|Agency|Institute|Federation|Association|Movement|Commission|"
    r"Court|Tribunal|Secretariat|Forces|University|Council|Parliament|Party)"
)


@dataclass
class Org:
    name: str
    acronym: str | None = None
    type: str | None = None
    location: str | None = None
    entry: object = None
    offsets: list[int] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    media = alternation(vocab()["media_words"])
    words = "|".join(_ORG_WORDS)
    # a capitalized word of a body's name, no date ("the SADC Council of Ministers Monday" is no name)
    name_word = rf"(?!(?:{WEEKDAY_NAMES}|{MONTH_NAMES})\b){CAP_WORD}"
    return {
        "media": re.compile(rf"\b(?P<what>{media})\s+(?P<name>{name_word}(?:\s+{name_word}){{0,3}})"),
        "organ": re.compile(
            rf"(?<![\w-])(?P<name>(?:Supreme|Regional|Permanent|Standing|Joint|Executive|Intergovernmental)\s+"
            rf"(?:{CAP_WORD}\s+){{0,4}}(?:{words}))(?![\w-])"
        ),
        "suffix": re.compile(
            r"\s+(?P<rest>(?:Secretariat|Secretary[- ]General|Business Council|"
            r"Council of Heads of (?:State|Government)|Heads of (?:State|Government) Council|"
            r"Summit Secretariat|Development Bank))\b"
        ),
        "based": re.compile(r"\b(?:based|headquartered|located|seated)\s+in\s+$"),
        "initiative_kw": re.compile(r"\b(?:Initiative|Corridor)\b"),
        "and_kw": re.compile(r"\b(?:cooperation|construction|projects?|framework|partners)\b"),
        # "the Global Governance Initiative", "the China-Pakistan Economic Corridor (CPEC)"
        "initiative": re.compile(
            rf"(?<![\w-])(?P<name>(?:{CAP_WORD}\s+(?:and\s+|of\s+(?:the\s+)?)?){{1,5}}(?:Initiative|Corridor))"
            rf"(?![\w-])(?:\s+\((?P<acr>[A-Z]{{2,8}})\))?"
        ),
        # "high-quality Belt and Road cooperation": an "X and Y" name before a cooperation word
        "and_name": re.compile(
            rf"(?<![\w-])(?P<name>{CAP_WORD}\s+and\s+{CAP_WORD})\s+"
            rf"(?:cooperation|construction|projects?|framework|partners)\b"
        ),
        # an organ named after its organization: "CSTO Collective Security Council", "SCO Secretariat"
        "organ_of": re.compile(
            rf"(?<![\w-])(?P<organ>(?:{CAP_WORD}\s+){{0,3}}(?:Council|Committee|Secretariat|Commission|"
            rf"Secretary[- ]General|Assembly|Board|Executive Committee)"
            rf"(?:\s+of\s+(?:the\s+)?(?:Heads of (?:State|Government)s?|Elders|"
            rf"{CAP_WORD}\s+Ministers|{CAP_WORD}(?:\s+\(?{CAP_WORD}\)?){{0,3}}))?)\s+of\s+(?:the\s+)?$"
        ),
        "acronym_org": re.compile(
            rf"(?<![\w-])(?P<name>(?:{CAP_WORD}\s+){{1,5}}(?:{words}|Programme|Program))\s+"
            rf"\((?P<acr>[A-Z][A-Za-z]{{1,7}})\)"
        ),
        # "the African Development Bank", "the International Organization for Migration", "the West African
        # Economic and Monetary Union": a capitalized name whose head is an institution word
        "institution": re.compile(
            rf"(?=[A-Z])(?<![\w-])"
            # "... and Monetary Union", "... for the Promotion of ...", not "Keidanren and the China Council"
            rf"(?P<name>(?:{CAP_WORD}\s+(?:(?:and|for|of|on)\s+|(?:for|of|on)\s+the\s+)?){{1,6}}"
            + _INSTITUTION_HEAD
            # "the Asan Institute for Policy Studies", "the China Council for the Promotion of International Trade",
            # "the Economic Commission for Latin America and the Caribbean"
            + rf"(?:\s+(?:for|of|on)\s+(?:the\s+)?{name_word}"
            rf"(?:\s+(?:and\s+(?:the\s+)?|of\s+(?:the\s+)?)?{name_word}){{0,4}})?)(?![\w-])"
        ),
        "institution_kw": re.compile(rf"\b{_INSTITUTION_HEAD}\b"),
        "paren_kw": re.compile(r"\([A-Z][A-Za-z]{1,7}\)"),
        "state_body": re.compile(
            rf"(?<![\w-])(?P<name>(?:{CAP_WORD}\s+){{0,2}}(?:Ministry|Chamber|Security Council|National Assembly|"
            rf"State Council|Central Bank|National Bank)\s+(?:of|for)\s+"
            rf"(?:the\s+)?{CAP_WORD}(?:\s+(?:and\s+|of\s+(?:the\s+)?)?{CAP_WORD}){{0,4}})"
        ),
        "state_body_kw": re.compile(
            r"\b(?:Ministry|Chamber|Security Council|National Assembly|State Council|Central Bank|National Bank)\b"
        ),
        "dateline_agency": re.compile(
            # "Da Nang (VNA) –", "BANGKOK, March 21 (APW) -", "Djibouti, 13/06/2023 (HID) –"
            r"^[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,2},?\s*"
            rf"(?:{DATELINE_DAY}|[\d./]{{6,10}})?\s*"
            r"\((?P<acr>[A-Z][A-Za-z]{1,9})\)\s*[—–-]"
            # "Baku /22.10.19 / Turan: ...": city, date and agency between slashes
            r"|^[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,2}\s*/\s*[\d.]{6,10}\s*/\s*"
            r"(?P<acr2>[A-Z][A-Za-z-]{1,20})\s*:"
        ),
        # "DUSHANBE, 14.09.2023. /Pamir Info/. Today ...": the agency between slashes after the dateline
        "slash_agency": re.compile(r"\A\s*/(?P<name>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3})/"),
        # "Source: Philippines News Agency" on a line of its own: the text's source
        "source_line": re.compile(
            r"(?m)^[ \t]*(?:Source|SOURCE)\s*:\s*"
            r"(?P<name>[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,5})[ \t]*$"
        ),
        "organ_after": re.compile(
            rf"\s+(?P<rest>(?:{CAP_WORD}\s+){{0,3}}(?:{words}|Secretary[- ]General)"
            # "of Heads of State and Government", "of Ministers", "of Senior Officials": the body's own words
            rf"(?:\s+of\s+(?:the\s+)?{name_word}(?:(?:\s+(?:and|of)\s+|\s+){name_word}){{0,4}})?)(?![\w-])"
        ),
    }


def _known_inside(ctx: Context, start: int, end: int, types: tuple[str, ...]) -> bool:
    """Whether a known name lies inside start:end, other than a known organization opening a
    body of its own ("the United Nations Development Programme")."""
    inside = ctx.mentions_in(start, end, types)
    own_body = (
        len(inside) == 1
        and inside[0].type == "organization"
        and inside[0].start == start
        and BODY_OF_ITS_OWN.search(ctx.text, start, end) is not None
    )
    return bool(inside) and not own_body


# a title, a document or a person's office inside a capitalized phrase, or a generic "of the Organization"
_NOT_AN_INSTITUTION = re.compile(
    r"\b(?:Roadmap|Declaration|Plan|Strategy|Charter|Treaty|Agreement|Statement|Concept|"
    r"Convention|Memorandum|Protocol|Decision|Resolution|Secretary|President|Minister|"
    r"Chairman|Chairperson|Director|Ambassador|Summit|Meeting|Session|Heads?|Leaders?|Members)\b|"
    r"\bof\s+(?:the\s+)?(?:Organi[sz]ation|Union|Movement|Association|Commission)$"
)
_OWN_LONGER_NAME = re.compile(r"(?:Organi[sz]ation|Community|Union)\s+(?:for|of)\s+(?:the\s+)?[A-Z]")
_MEMBER_STATES_AFTER = re.compile(r"\s+(?:Member|member)\s+(?:States|Countries|Nations|states|countries|nations)\b")
_OF_END = re.compile(r"\bof\s+(?:the\s+)?$")
_NAME_AFTER = re.compile(r",?\s+[A-Z][\w'’.-]+")

# "... a standing body of the " right before an organization's name
_OF_BEFORE = re.compile(r",\s+(?:a|an|the)\s+[^,.;]{0,60}?\bof\s+(?:the\s+)?$")


_LOWER_MINISTRY = re.compile(
    r"(?P<poss>['’]s)?\s+(?:foreign|defen[cs]e|finance|trade|interior|home|health)\s+ministry\b"
)
#: a dateline's "(Agency)", "(Wire)": a placeholder, no agency's name
_GENERIC_CREDITS = frozenset({"Agency", "Agencies", "Wire", "Wires", "Staff", "News", "Reporter", "Correspondent"})
#: a sentence that is a dateline's city and numeric date ("DUSHANBE, 14.09.2023.")
_DATELINE_END = re.compile(r"^[A-Z][A-Z'’. -]{2,30},\s*[\d./]{6,10}\.?$")
#: words a publisher's name may end in that an article leaves out when it names itself
_PUBLISHER_TAIL = re.compile(r"\s+(?:news\s+)?(?:agency|service|online|english\s+service)$", re.IGNORECASE)


def _publisher_in_text(ctx: Context) -> tuple[str, int] | None:
    """The article's publisher (its metadata) as the text names it ("Gulf Courier staff and agencies",
    "© The East African Ledger"): the name and where, else None."""
    raw = ctx.article.publisher or ""
    name = re.split(r"\s*[(,;]", raw, maxsplit=1)[0].strip()
    forms = [name, re.sub(r"^The\s+", "", name), _PUBLISHER_TAIL.sub("", name)]
    for form in dict.fromkeys(f for f in forms if len(f) >= 3 and f[:1].isalpha()):
        # as written, or in a masthead's capitals ("THE KOREA COURIER"), named as its metadata writes it
        for written, named in ((form, form), (form.upper(), form)) if " " in form else ((form, form),):
            m = re.search(r"(?<![\w-])" + re.escape(written) + r"(?![\w-])", ctx.text)
            if m is not None:  # (a name the text already knows is found as what it is)
                known = ctx.mentions_in(m.start(), m.end(), ("organization", "agency", "country", "city"))
                return None if known else (named, m.start())
    return None


def find_organizations(ctx: Context, name_spans: Sequence[tuple[int, int]] = ()) -> list[Org]:
    """Organizations of the article; ``name_spans`` are where people's names are written
    (a body's name stops before its holder's: "Russian Chamber of Commerce and Industry
    Sergey Katyrin")."""
    pats = _patterns()
    text = ctx.text
    orgs: dict[str, Org] = {}

    def add(name: str, offset: int, **kw: Any) -> Org:
        name = name.split("\n", 1)[0].strip()  # a name never runs over a line break (a page's headings)
        key = name.casefold()
        org = orgs.get(key)
        if org is None:
            org = orgs[key] = Org(name=name, **kw)
        for k, v in kw.items():
            if getattr(org, k) is None and v is not None:
                setattr(org, k, v)
        org.offsets.append(offset)
        return org

    for m in ctx.mentions:
        if m.type == "organization":
            entry = m.target.entry
            org = add(entry.name, m.start, acronym=entry.acronym, entry=entry)
            sm = pats["suffix"].match(text, m.end) or pats["organ_after"].match(text, m.end)
            if sm and "\n" in sm.group():
                sm = None  # a heading's last word and the next line's first ("... Turkic States\nOffice of ...")
            if sm and _OWN_LONGER_NAME.match(text, sm.start("rest")):
                sm = None  # "Developing-8 Organization for Economic Cooperation": its own longer name, no organ
            if sm and "Secretary" in sm.group("rest") and _NAME_AFTER.match(text, sm.end()):
                sm = None  # "UN Secretary-General António Guterres": a person's title, not an office
            if sm and not ctx.mentions_in(m.end, sm.end(), ("organization", "country", "city")):
                add(
                    f"{entry.acronym or entry.name} {sm.group('rest')}",
                    m.start,
                    type="office" if "Secretary" in sm.group("rest") else f"organ of {entry.acronym or entry.name}",
                )
            # "X, a standing body of the SCO based in Tashkent, Uzbekistan": the
            # location belongs to the head X, not to the SCO it is "a body of".
            s = ctx.sentence_at(m.start)
            target: Org | None = org
            if s is not None and _OF_BEFORE.search(text, s.start, m.start):
                heads = [h for h in ctx.mentions_in(s.start, m.start, ("organization",)) if h is not m]
                target = orgs.get(heads[-1].target.entry.name.casefold()) if heads else None
            if s is not None and target is not None and target.location is None:
                window = text[m.end : min(s.end, m.end + 120)]
                bm = re.search(r"\b(?:based|headquartered|located|seated)\s+in\s+", window)
                if bm:
                    loc = ctx.mentions_in(m.end + bm.end(), m.end + bm.end() + 60, ("city", "country"))
                    if loc and loc[0].start == m.end + bm.end():
                        names = [loc[0].name]
                        if len(loc) > 1 and re.fullmatch(r",\s*", text[loc[0].end : loc[1].start]):
                            names.append(loc[1].name)
                        target.location = ", ".join(names)
        elif m.type == "agency":
            add(m.name, m.start, type="news media")
    # "the Council of Elders of the OTS", "the Secretariat of the UNECE": an organ named
    # before "of" and its organization
    for m in ctx.mentions:
        if m.type != "organization":
            continue
        if not _OF_END.search(text, max(0, m.start - 8), m.start):
            continue  # cheap test first: the organ's name ends with "of (the)"
        om = pats["organ_of"].search(text, max(0, m.start - 90), m.start)
        if om is None or om.end() != m.start:
            continue
        head = om.group("organ")
        lead = re.match(r"(?:The|A|An)\s+", head)  # "The Supreme Council of the GCC met": a sentence's article
        if lead:
            head = head[lead.end() :]
        if ctx.mentions_in(m.start - len(om.group()), m.start, ("organization", "country", "person")):
            continue
        acr = m.target.entry.acronym if m.target.entry is not None else None
        # "the Council of Heads of the SCO Member States": the member states belong to the name
        ms = _MEMBER_STATES_AFTER.match(text, m.end)
        org_text = m.text + (ms.group() if ms else "")
        full = f"{head} of the {org_text}" if not m.text.startswith("the ") else f"{head} of {org_text}"
        add(
            full,
            om.start("organ") + (lead.end() if lead else 0),
            type=("office" if "Secretary" in head else f"organ of {acr or m.name}"),
        )
    # "Philippines News Agency (PNA)": a capitalized name with an organization word and its acronym
    for rm in near_keywords(pats["acronym_org"], text, pats["paren_kw"], before=90, after=14):
        if _known_inside(ctx, rm.start("name"), rm.end("name"), ("organization", "agency")):
            continue
        name = re.sub(r"^(?:The|A|An|In|On|At|Of|And|For|To|From|With|By)\s+", "", rm.group("name"))
        known = ctx.mention_at(rm.start("acr"), "organization")
        if known is not None and (known.target.entry.acronym or "").casefold() == rm.group("acr").casefold():
            # "South African Development Community (SADC)": the gazetteer's SADC, spelled as written
            # when the article names it only here; one organization either way
            gaz = orgs.get(known.target.entry.name.casefold())
            if gaz is not None and gaz.offsets == [known.start] and name.casefold() != gaz.name.casefold():
                del orgs[gaz.name.casefold()]
                gaz.aliases.append(gaz.name)  # the linker finds the entry by its gazetteer name
                gaz.name = name
                orgs[name.casefold()] = gaz
            continue
        add(name, rm.start("name"), acronym=rm.group("acr"))
    # "the Indian Ministry of External Affairs", "the Security Council of the Russian Federation",
    # "the Russian Chamber of Commerce and Industry": a named body of a state
    for rm in near_keywords(pats["state_body"], text, pats["state_body_kw"], before=40, after=90):
        start, end = rm.start("name"), rm.end("name")
        for a, _b in name_spans:
            if start < a < end:
                end = a  # the holder's name follows the body's
        for c in ctx.mentions_in(start, end, "country"):
            if re.match(r"\s+[A-Z]", text[c.end : end]):
                end = c.end  # "... of the Russian Federation Nikolai Patrushev"
                break
        name = re.sub(r"^(?:The|A|An|In|On|At|Of|And|For|To|From|With|By)\s+", "", text[start:end]).rstrip(" ,")
        if ctx.mentions_in(start, end, ("organization", "person")) or len(name.split()) < 3:
            continue
        add(name, start, type="state body")
    # "Sudan's foreign ministry", "the Thai foreign ministry": a state's ministry in wire copy's lower case
    for m in ctx.mentions:
        if m.type not in ("country", "demonym"):
            continue
        mm = _LOWER_MINISTRY.match(text, m.end)
        if mm is not None and (m.type == "demonym" or mm.group("poss")):
            add(text[m.start : mm.end()], m.start, type="state body")
    # "Da Nang (VNA) –": the agency of a dateline
    for s in ctx.sentences[:8]:
        dm = pats["dateline_agency"].match(s.text)
        group = ("acr" if dm.group("acr") else "acr2") if dm else "acr"
        if (
            dm
            and dm.group(group) not in _GENERIC_CREDITS
            and not ctx.mentions_in(s.start + dm.start(group), s.start + dm.end(group), ("organization",))
        ):
            add(dm.group(group), s.start + dm.start(group), type="news agency")
        sm = pats["slash_agency"].match(text, s.end) if _DATELINE_END.search(s.text) else None
        if sm and not ctx.mentions_in(sm.start("name"), sm.end("name"), ("organization", "country", "city")):
            add(sm.group("name"), sm.start("name"), type="news agency")

    if "Source" in text or "SOURCE" in text:
        for rm in pats["source_line"].finditer(text):
            whole = ctx.mention_at(rm.start("name"), ("country", "city"))
            if ctx.mentions_in(rm.start("name"), rm.end("name"), ("person",)) or (
                whole and whole.end == rm.end("name")
            ):
                continue  # a person, or only a place: no source organization
            add(rm.group("name"), rm.start("name"), type="news media")
    for rm in pats["media"].finditer(text):
        name = rm.group("name")
        if ctx.mentions_in(rm.start("name"), rm.end("name"), ("country", "city", "organization", "person")):
            continue
        add(name, rm.start("name"), type=rm.group("what"))
    for rm in pats["organ"].finditer(text):
        if ctx.mentions_in(rm.start("name"), rm.end("name"), ("organization",)) or ctx.mention_at(
            rm.start("name"), "organization"
        ):
            continue  # also the head of a longer known name ("Intergovernmental Authority on Development")
        start = rm.start("name")
        city = ctx.mention_ending_at(start - 1, "city") if text[start - 1 : start] == " " else None
        if city is not None:
            start = city.start  # "the Abu Dhabi Executive Council": a city's own body
        add(text[start : rm.end("name")], start, type="organ")
    for rm in near_keywords(pats["initiative"], text, pats["initiative_kw"], before=120, after=20):
        name = re.sub(r"^(?:The|A|An|In|On|At|Of|And|For|To|From|With|By|Under|Through)\s+", "", rm.group("name"))
        if len(name.split()) < 2 or ctx.mentions_in(
            rm.start("name"), rm.end("name"), ("organization", "country", "person")
        ):
            continue
        cover = ctx.covering(rm.start("name"), "organization")
        if cover is not None and rm.end("name") <= cover.end:
            continue  # inside an organization's own name: "the Bay of Bengal Initiative for ... Cooperation"
        add(name, rm.start("name"), type="initiative", acronym=rm.group("acr"))
    for rm in near_keywords(pats["and_name"], text, pats["and_kw"], before=70, after=20):
        if ctx.mentions_in(rm.start("name"), rm.end("name")):
            continue
        name = rm.group("name")
        if any(k.startswith(name.casefold()) for k in orgs):
            continue  # "Belt and Road" of a "Belt and Road Initiative" named already
        add(name, rm.start("name"), type="initiative")
    for rm in near_keywords(pats["institution"], text, pats["institution_kw"], before=110, after=70):
        name = re.sub(
            r"^(?:(?:The|A|An|In|On|At|Of|And|For|To|From|With|By|Under|Through|Both|All)\s+|"
            r"[A-Z][\w'’]*-(?:based|led|backed|run|owned)\s+|"  # "the Seoul-based Trilateral ... Secretariat"
            r"[A-Z][\w]*['’]s\s+)+",  # "Ukraine's National Security and Defense Council": the country's body
            "",
            rm.group("name"),
        )
        start = rm.start("name") + len(rm.group("name")) - len(name)
        words = [w for w in name.split() if w[:1].isupper()]
        if len(words) < 3 or name.casefold() in orgs or any(name.casefold() in k for k in orgs):
            continue  # "the Eurasian Union": two words; a longer name already read
        if _known_inside(ctx, start, rm.end("name"), ("organization", "person", "agency")) or any(
            start <= o.start < rm.end("name") < o.end
            for o in ctx.mentions_in(start, rm.end("name") + 200, "organization")
        ):
            continue  # also "Officials of the South Asian Association [for ...]": a known name's start
        if any(a <= start < b for a, b in name_spans):
            continue
        if _NOT_AN_INSTITUTION.search(name) or ctx.mention_ending_at(rm.end("name"), "country") is not None:
            continue  # "the Strategic Roadmap of the Organization", "Secretary of the ... Russian Federation"
        if ctx.mention_at(start, ("country", "demonym", "city")) is not None and len(words) < 4:
            continue  # "the Russian Foreign Ministry": a state's body, read elsewhere when named in full
        add(name, start)
    publisher = _publisher_in_text(ctx)
    if publisher is not None and publisher[0].casefold() not in orgs:
        short = _short_forms(publisher[0], ctx.article.publisher or "")
        agency = next((k for k, o in orgs.items() if o.type == "news agency" and o.name in short), None)
        if agency is not None:  # "Batumi, July 1 (KP)" of Kartuli Press (KP): the publisher, by its name
            org = orgs.pop(agency)
            org.name, org.acronym, org.type = publisher[0], org.acronym or org.name, "publisher"
            orgs[publisher[0].casefold()] = org
        else:
            add(publisher[0], publisher[1], type="publisher")
    for name, at, building in government_seats(text):  # "the Kremlin said": the office (the building: a place)
        if not building:
            add(name, at, type="government office")
    return list(orgs.values())


def _short_forms(name: str, metadata: str) -> set[str]:
    """What a dateline may call the publisher ``name``: its initials ("Polish Press Wire" -> "PPW"), the acronym its
    metadata writes ("Kartuli Press (KP)"), its first word ("Meridian" of "Meridian Wire")."""
    words = [w for w in re.sub(r"^The\s+", "", name).split() if w[:1].isupper()]
    forms = {"".join(w[0] for w in words), words[0] if words else ""}
    forms.update(re.findall(r"\(([A-Z][A-Za-z]{1,9})\)", metadata))
    return {f for f in forms if len(f) >= 2}
