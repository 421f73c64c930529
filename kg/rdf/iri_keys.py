"""Canonical keys for IRI minting: folding names and a small table of well-known aliases.

Two articles must meet on one IRI even when one writes "Russian Federation" and the
other "Russia", or "Shanghai Cooperation Organisation" and "SCO".  ``KeyTable`` maps
folded names and Wikidata QIDs to one canonical name (countries, cities) or acronym
(organizations).  The default table below is deliberately small (the usual summit
members and hosts, the organizations that hold summits); a fuller one can be built from
the gazetteer and passed to ``IRIMinter(base, keys=...)``.  Changing the table changes
IRIs: add entries, do not rename them.  Past this table the minter keys an organization by
the name the bundled data knows it by (``kg.linking.gazetteer.organization_key_name``: its
acronym, else its name), so giving a gazetteer or extractor-table organization an acronym
changes its IRI too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

# Letters NFKD does not decompose into ASCII + combining marks.
_EXTRA_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
    }
)
_APOSTROPHES = re.compile(r"'")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def fold(text: str) -> str:
    """``text`` with accents and ligatures folded to ASCII where possible (case kept)."""
    text = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLD))
    return "".join(c for c in text if not unicodedata.combining(c)).translate(_EXTRA_FOLD)


def compact(name: str) -> str:
    """The lookup form of a name: folded, lowercase, no leading 'the', only [a-z0-9].

    British and American spellings of "organisation" meet; so do "Co-operation" and
    "Cooperation".
    """
    text = _LEADING_ARTICLE.sub("", fold(name).strip()).lower()
    text = text.replace("organisation", "organization")
    return _NON_ALNUM.sub("", text)


def looks_like_acronym(name: str) -> bool:
    """SCO, G-20, BRICS, EAEU: no lowercase letter, a short run of letters and digits."""
    letters = re.sub(r"[^A-Za-z0-9]", "", fold(name))
    return (
        bool(letters)
        and not any(c.islower() for c in fold(name))
        and len(letters) <= 10
        and any(c.isalpha() for c in letters)
    )


@dataclass(frozen=True)
class KeyTable:
    """Canonical names by folded alias and by QID (see the module docstring)."""

    country_aliases: Mapping[str, str] = field(default_factory=dict)  # compact alias -> canonical name
    country_qids: Mapping[str, str] = field(default_factory=dict)  # QID -> canonical name
    city_aliases: Mapping[str, str] = field(default_factory=dict)  # compact alias -> canonical name
    org_aliases: Mapping[str, str] = field(default_factory=dict)  # compact full name -> acronym
    org_qids: Mapping[str, str] = field(default_factory=dict)  # QID -> acronym

    def country(self, name: str, qid: str | None = None) -> str:
        """The canonical name of a country (the name itself when the table does not know it)."""
        if qid and qid in self.country_qids:
            return self.country_qids[qid]
        return self.country_aliases.get(compact(name), name)

    def city(self, name: str) -> str:
        return self.city_aliases.get(compact(name), name)

    def org_acronym(self, name: str, qid: str | None = None) -> str | None:
        """The acronym the table knows for an organization's name or QID, else None."""
        if qid and qid in self.org_qids:
            return self.org_qids[qid]
        return self.org_aliases.get(compact(name))


def _aliases(rows: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, aliases in rows.items():
        for alias in (canonical, *aliases):
            out[compact(alias)] = canonical
    return out


# QIDs checked against the Wikidata ids of the UN/ISO country-code table.
_COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Russia": ("Q159", ("Russian Federation",)),
    "China": ("Q148", ("People's Republic of China", "PRC", "P.R.C.", "Mainland China")),
    "United States": ("Q30", ("United States of America", "USA", "U.S.A.", "US", "U.S.")),
    "United Kingdom": (
        "Q145",
        ("UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"),
    ),
    "India": ("Q668", ("Republic of India",)),
    "Pakistan": ("Q843", ("Islamic Republic of Pakistan",)),
    "Kazakhstan": ("Q232", ("Republic of Kazakhstan",)),
    "Kyrgyzstan": ("Q813", ("Kyrgyz Republic", "Kirghizia")),
    "Tajikistan": ("Q863", ("Republic of Tajikistan",)),
    "Uzbekistan": ("Q265", ("Republic of Uzbekistan",)),
    "Iran": ("Q794", ("Islamic Republic of Iran", "Iran (Islamic Republic of)")),
    "Belarus": ("Q184", ("Republic of Belarus",)),
    "Mongolia": ("Q711", ()),
    "Afghanistan": ("Q889", ("Islamic Republic of Afghanistan",)),
    "Turkey": ("Q43", ("Türkiye", "Turkiye", "Republic of Türkiye", "Republic of Turkey")),
    "Brazil": ("Q155", ("Federative Republic of Brazil",)),
    "South Africa": ("Q258", ("Republic of South Africa",)),
    "Egypt": ("Q79", ("Arab Republic of Egypt",)),
    "Ethiopia": ("Q115", ()),
    "Indonesia": ("Q252", ()),
    "Saudi Arabia": ("Q851", ("Kingdom of Saudi Arabia", "KSA")),
    "United Arab Emirates": ("Q878", ("UAE", "U.A.E.", "the Emirates")),
    "South Korea": ("Q884", ("Republic of Korea", "ROK", "Korea, Republic of")),
    "North Korea": ("Q423", ("Democratic People's Republic of Korea", "DPRK")),
    "Japan": ("Q17", ()),
    "Germany": ("Q183", ("Federal Republic of Germany",)),
    "France": ("Q142", ("French Republic",)),
    "Italy": ("Q38", ()),
    "Canada": ("Q16", ()),
    "Ukraine": ("Q212", ()),
    "Armenia": ("Q399", ()),
    "Azerbaijan": ("Q227", ()),
    "Turkmenistan": ("Q874", ()),
    "Vietnam": ("Q881", ("Viet Nam",)),
    "Laos": ("Q819", ("Lao PDR", "Lao People's Democratic Republic")),
    "Syria": ("Q858", ("Syrian Arab Republic",)),
    "Moldova": ("Q217", ("Republic of Moldova",)),
    "Czechia": ("Q213", ("Czech Republic",)),
    "Netherlands": ("Q29999", ("Holland", "Kingdom of the Netherlands")),
    "Lithuania": ("Q37", ()),
    "Sri Lanka": ("Q854", ()),
    "Nepal": ("Q837", ()),
    "Cambodia": ("Q424", ()),
    "Myanmar": ("Q836", ("Burma",)),
    "Tanzania": ("Q924", ("United Republic of Tanzania",)),
    "Venezuela": ("Q717", ("Bolivarian Republic of Venezuela",)),
    "Bolivia": ("Q750", ("Plurinational State of Bolivia",)),
}

# Organizations that hold summits; QIDs from the curated IGO table.
_ORGS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "SCO": ("Q485207", ("Shanghai Cooperation Organization", "Shanghai Co-operation Organisation")),
    "BRICS": ("Q243630", ("BRICS group",)),
    "G20": ("Q19771", ("Group of Twenty", "Group of 20", "G-20", "G 20")),
    "G7": ("Q1764511", ("Group of Seven", "Group of 7", "G-7", "G 7")),
    "UN": ("Q1065", ("United Nations", "U.N.", "United Nations Organization")),
    "EU": ("Q458", ("European Union", "E.U.")),
    "NATO": ("Q7184", ("North Atlantic Treaty Organization", "North Atlantic Alliance")),
    "CSTO": ("Q318693", ("Collective Security Treaty Organization",)),
    "EAEU": ("Q4173083", ("Eurasian Economic Union", "EEU")),
    "CIS": ("Q7779", ("Commonwealth of Independent States",)),
    "CICA": (None, ("Conference on Interaction and Confidence-Building Measures in Asia",)),
    "ASEAN": ("Q7768", ("Association of Southeast Asian Nations",)),
    "APEC": ("Q170481", ("Asia-Pacific Economic Cooperation",)),
    "AU": ("Q7159", ("African Union",)),
    "GCC": ("Q217172", ("Gulf Cooperation Council", "Cooperation Council for the Arab States of the Gulf")),
    "OIC": ("Q47543", ("Organization of Islamic Cooperation",)),
    "OSCE": ("Q81299", ("Organization for Security and Co-operation in Europe",)),
    "OTS": (
        "Q596850",
        (
            "Organization of Turkic States",
            "Turkic Council",
            "Council of Turkic States",
            "Cooperation Council of Turkic Speaking States",
        ),
    ),
    "EAS": (None, ("East Asia Summit",)),
    "LAS": ("Q7172", ("Arab League", "League of Arab States", "the Arab League")),
    "Commonwealth": ("Q7785", ("Commonwealth of Nations",)),
    "CELAC": (None, ("Community of Latin American and Caribbean States",)),
    "Quad": (None, ("Quadrilateral Security Dialogue", "QUAD")),
    "BIMSTEC": (None, ("Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation",)),
    "NAM": (None, ("Non-Aligned Movement", "Non-Aligned Movement (NAM)", "Nonaligned Movement")),
    "SADC": (None, ("Southern African Development Community",)),
}

_CITIES: dict[str, tuple[str, ...]] = {
    "Astana": ("Nur-Sultan", "Nursultan", "Akmola", "Tselinograd"),
    "Kyiv": ("Kiev",),
    "Beijing": ("Peking",),
    "Mumbai": ("Bombay",),
    "Almaty": ("Alma-Ata",),
    "Bishkek": ("Frunze",),
    "Saint Petersburg": ("St. Petersburg", "St Petersburg", "Leningrad"),
}

DEFAULT_KEYS = KeyTable(
    country_aliases=_aliases({name: aliases for name, (_, aliases) in _COUNTRIES.items()}),
    country_qids={qid: name for name, (qid, _) in _COUNTRIES.items()},
    city_aliases=_aliases(_CITIES),
    org_aliases={compact(alias): acr for acr, (_, aliases) in _ORGS.items() for alias in (acr, *aliases)},
    org_qids={qid: acr for acr, (qid, _) in _ORGS.items() if qid},
)
