"""The bundled gazetteer, its API and the script that builds it."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.linking.gazetteer import Entry, Gazetteer, Office, default_gazetteer, load_gazetteer, normalize_name

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "kg" / "data" / "gazetteer.json"
QID = re.compile(r"^Q[1-9][0-9]*$")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


# ---------------------------------------------------------------- normalize_name


@pytest.mark.parametrize(
    "a, b",
    [
        ("Shanghai Cooperation Organisation", "shanghai cooperation organization"),
        ("G-20", "G20"),
        ("the United States", "United States"),
        ("U.S.", "US"),
        ("Nur-Sultan", "Nursultan"),
        ("Côte d’Ivoire", "Cote d'Ivoire"),
        ("Washington, D.C.", "washington dc"),
        ("Türkiye", "TURKIYE"),
        ("Ukhnaagiin Khürelsükh", "Ukhnaagiin Khurelsukh"),
        ("Antigua & Barbuda", "Antigua and Barbuda"),
        ("Organization for Security and Co-operation in Europe", "Organisation for Security and Cooperation in Europe"),
    ],
)
def test_normalize_name_equal(a, b):
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    "a, b", [("Niger", "Nigeria"), ("Guinea", "Guinea-Bissau"), ("Congo", "DR Congo"), ("Korea", "South Korea")]
)
def test_normalize_name_keeps_different_names_apart(a, b):
    assert normalize_name(a) != normalize_name(b)


@given(st.text(max_size=40))
def test_normalize_name_is_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once


@given(st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Zs", "Pd", "Po")), max_size=30))
def test_normalize_name_ignores_ascii_case(text):
    assert normalize_name(text.lower()) == normalize_name(text.lower().title()) or not text.isascii()


# ---------------------------------------------------------------- the bundled data


def test_bundled_file_is_canonical_json(gaz):
    """Sorted keys, compact separators, entries sorted: a rebuild diff shows only real changes."""
    text = BUNDLED.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    order = [(e["type"], normalize_name(e["name"]), e.get("qid") or "") for e in data["entries"]]
    assert order == sorted(order)


def test_bundled_file_is_commit_sized():
    assert BUNDLED.stat().st_size < 3_000_000


def test_meta_block_describes_sources_and_counts(gaz):
    meta = gaz.meta
    assert {"built", "sources", "counts", "inputs_sha256"} <= set(meta)
    files = {s["file"] for s in meta["sources"]}
    assert {"country-codes.csv", "ne_populated_places.csv"} <= files
    assert all(s["licence"] for s in meta["sources"])
    assert not any("odbl" in s["licence"].lower() for s in meta["sources"])
    for type_, count in meta["counts"].items():
        assert count == sum(1 for _ in gaz.entries(type_))


def test_every_qid_is_well_formed_and_unique(gaz):
    qids = [e.qid for e in gaz.entries() if e.qid]
    assert all(QID.match(q) for q in qids)
    assert len(qids) == len(set(qids))
    assert len(qids) > 4000


def test_licence_note_lists_every_source(gaz):
    note = (BUNDLED.parent / "GAZETTEER-LICENCE.md").read_text(encoding="utf-8")
    for source in gaz.meta["sources"]:
        assert source["file"] in note


@pytest.mark.parametrize(
    "name, qid",
    [
        ("Astana", "Q1520"),
        ("Nur-Sultan", "Q1520"),
        ("Akmola", "Q1520"),
        ("Nursultan", "Q1520"),
        ("Bishkek", "Q9361"),
        ("Almaty", "Q35493"),
        ("Alma-Ata", "Q35493"),
        ("Alma Ata", "Q35493"),
        ("Tashkent", "Q269"),
        ("Qingdao", "Q170322"),
        ("Samarkand", "Q5753"),
        ("Kazan", "Q900"),
        ("Washington, D.C.", "Q61"),
        ("Vilnius", "Q216"),
        ("Shanghai", "Q8686"),
    ],
)
def test_cities(gaz, name, qid):
    assert [e.qid for e in gaz.lookup(name, "city")] == [qid]


def test_city_fields(gaz):
    astana = gaz.by_qid("Q1520")
    assert astana is not None and astana.type == "city"
    assert astana.country == "KZ" and astana.capital and astana.population and astana.population > 100_000
    assert not gaz.by_qid("Q5753").capital  # Samarkand


@pytest.mark.parametrize(
    "name, qid",
    [
        ("Russia", "Q159"),
        ("Russian Federation", "Q159"),
        ("China", "Q148"),
        ("PRC", "Q148"),
        ("People's Republic of China", "Q148"),
        ("US", "Q30"),
        ("U.S.A.", "Q30"),
        ("the United States", "Q30"),
        ("UK", "Q145"),
        ("Britain", "Q145"),
        ("Iran", "Q794"),
        ("Islamic Republic of Iran", "Q794"),
        ("Türkiye", "Q43"),
        ("Turkey", "Q43"),
        ("Kyrgyz Republic", "Q813"),
        ("Kyrgyzstan", "Q813"),
        ("South Korea", "Q884"),
        ("Republic of Korea", "Q884"),
        ("Kazakhstan", "Q232"),
        ("Namibia", "Q1030"),
        ("Kosovo", "Q1246"),
        ("United Arab Emirates", "Q878"),
        ("Viet Nam", "Q881"),
    ],
)
def test_countries(gaz, name, qid):
    assert [e.qid for e in gaz.lookup(name, "country")] == [qid]


def test_country_by_code_or_name(gaz):
    assert gaz.country("KZ").qid == "Q232"
    assert gaz.country("KAZ").qid == "Q232"
    assert gaz.country("kz").qid == "Q232"
    assert gaz.country("Kazakhstan").iso3 == "KAZ"
    assert gaz.country("Atlantis") is None


def test_only_territories_that_organizations_count_as_members_are_country_like(gaz):
    # members, associate members and observers of regional organizations (the PIF, CARICOM, the Nordic Council)
    assert [gaz.country(n).qid for n in ("New Caledonia", "Greenland", "Bermuda", "Cook Islands")] == [
        "Q33788",
        "Q223",
        "Q23635",
        "Q26988",
    ]
    # other dependencies are not: "Jersey" would be found in "New Jersey"
    assert gaz.country("Jersey") is None
    assert gaz.lookup("Bouvet Island", "country") == []


@pytest.mark.parametrize(
    "word, iso2",
    [
        ("Chinese", "CN"),
        ("Kazakh", "KZ"),
        ("Kazakhstani", "KZ"),
        ("Kyrgyz", "KG"),
        ("Tajik", "TJ"),
        ("Uzbek", "UZ"),
        ("Russian", "RU"),
        ("Indian", "IN"),
        ("Pakistani", "PK"),
        ("Singaporean", "SG"),
        ("Belarusian", "BY"),
        ("Iranian", "IR"),
        ("Mongolian", "MN"),
        ("Turkish", "TR"),
        ("American", "US"),
        ("British", "GB"),
        ("Emirati", "AE"),
        ("Lithuanian", "LT"),
    ],
)
def test_demonyms(gaz, word, iso2):
    assert gaz.country_for_demonym(word).iso2 == iso2


def test_shared_demonym_is_not_guessed(gaz):
    assert gaz.country_for_demonym("Congolese") is None
    assert gaz.country_for_demonym("Dominican") is None
    assert gaz.country_for_demonym("Martian") is None


def test_every_country_has_a_demonym_and_a_qid(gaz):
    missing = [e.name for e in gaz.entries("country") if not e.demonyms or not e.qid]
    assert missing == []


@pytest.mark.parametrize(
    "name, qid",
    [
        ("SCO", "Q485207"),
        ("Shanghai Cooperation Organization", "Q485207"),
        ("Shanghai Cooperation Organisation", "Q485207"),
        ("BRICS", "Q243630"),
        ("G20", "Q19771"),
        ("G-20", "Q19771"),
        ("Group of Twenty", "Q19771"),
        ("G7", "Q1764511"),
        ("ASEAN", "Q7768"),
        ("CSTO", "Q318693"),
        ("EAEU", "Q4173083"),
        ("Eurasian Economic Union", "Q4173083"),
        ("CIS", "Q7779"),
        ("NATO", "Q7184"),
        ("North Atlantic Treaty Organisation", "Q7184"),
        ("EU", "Q458"),
        ("UN", "Q1065"),
        ("United Nations", "Q1065"),
        ("African Union", "Q7159"),
        ("OTS", "Q596850"),
        ("Organization of Turkic States", "Q596850"),
        ("SAARC", "Q145700"),
        ("APEC", "Q170481"),
        ("OPEC", "Q7795"),
        ("Food and Agriculture Organization", "Q82151"),
    ],
)
def test_organizations(gaz, name, qid):
    assert [e.qid for e in gaz.lookup(name, "organization")] == [qid]


def test_known_organization_without_verified_qid(gaz):
    cica = gaz.lookup("CICA", "organization")
    assert len(cica) == 1 and cica[0].qid is None
    assert "Asia" in cica[0].name


def test_wrong_qids_named_in_the_seed_readme_are_absent(gaz):
    """Public code files give these wrong QIDs for SCO, BRICS, ASEAN, G20; they must not appear."""
    for wrong in ("Q133255", "Q19724459", "Q47722", "Q476033", "Q166864", "Q188749"):
        assert gaz.by_qid(wrong) is None


def test_organization_members(gaz):
    sco = gaz.by_qid("Q485207")
    assert {"CN", "RU", "KZ", "KG", "TJ", "UZ", "IN", "PK"} <= set(sco.members)
    assert sco.acronym == "SCO"
    known = {e.iso2 for e in gaz.entries("country")}
    for org in gaz.entries("organization"):
        assert list(org.members) == sorted(org.members)
        assert set(org.members) <= known | {"HK", "EH"}, org.name


def test_people_and_offices(gaz):
    putin = gaz.by_qid("Q7747")
    assert putin.type == "person" and putin.country == "RU"
    assert any(o.role == "head_of_state" and o.held_on("2017-06-09") for o in putin.offices)
    assert [e.qid for e in gaz.lookup("Putin", "person")] == ["Q7747"]
    tokayev = gaz.lookup("Kassym Jomart Tokayev", "person")
    assert [e.qid for e in tokayev] == ["Q200881"]
    nazarbayev = gaz.by_qid("Q57394")
    assert nazarbayev.offices[0].held_on("2017") and not nazarbayev.offices[0].held_on("2020-01-01")


@pytest.mark.parametrize(
    "date, held",
    [
        ("2019-03-20", True),
        ("2019-03", True),
        ("2019", True),
        ("2012-01-01", False),
        ("2024-05-20", False),
        (None, True),
    ],
)
def test_office_held_on(date, held):
    office = Office("head_of_state", "President of X", "XX", "2019-03-20", "2024-05-19")
    assert office.held_on(date) is held


def test_lookup_filters_by_type_and_orders_by_population(gaz):
    armenia = gaz.lookup("Armenia")
    assert {e.type for e in armenia} == {"country", "city"}
    assert [e.qid for e in gaz.lookup("Armenia", "country")] == ["Q399"]
    london = gaz.lookup("London", "city")
    assert len(london) >= 2 and london[0].qid == "Q84"
    assert london[0].population >= london[1].population


def test_surface_forms_cover_names_acronyms_and_aliases(gaz):
    forms = {(form, e.qid) for form, e in gaz.surface_forms("organization")}
    assert ("SCO", "Q485207") in forms and ("Shanghai Cooperation Organisation", "Q485207") in forms
    city_forms = {form for form, e in gaz.surface_forms("city") if e.qid == "Q1520"}
    assert {"Astana", "Nur-Sultan"} <= city_forms
    assert all(e.type == "person" for _, e in gaz.surface_forms("person"))


def test_iso_codes_are_not_name_aliases(gaz):
    """'IN', 'IT' or 'AU' in text are words, not countries; codes go through country()."""
    assert gaz.lookup("IN", "country") == []
    assert gaz.lookup("IT") == []


def test_gazetteer_from_entries_and_loader(tmp_path):
    entries = [Entry(qid="Q1", type="city", name="Foo", aliases=("Fu",), country="XX", population=5)]
    gaz = Gazetteer(entries)
    assert gaz.lookup("fu")[0].name == "Foo" and gaz.by_qid("q1").name == "Foo" and len(gaz) == 1
    path = tmp_path / "g.json"
    path.write_text(
        json.dumps(
            {
                "meta": {"x": 1},
                "entries": [
                    {
                        "type": "person",
                        "qid": "Q2",
                        "name": "Ann Bee",
                        "aliases": ["Bee"],
                        "offices": [{"role": "head_of_state", "title": "President of X", "start": "2001"}],
                    }
                ],
            }
        )
    )
    loaded = load_gazetteer(str(path))
    assert loaded.meta == {"x": 1}
    assert loaded.lookup("Bee")[0].offices[0].held_on("2005")


# ---------------------------------------------------------------- the build script


def write_mini_sources(folder: Path) -> None:
    """A tiny country-codes + Natural Earth pair with the columns the builder reads."""
    cc_cols = [
        "ISO3166-1-Alpha-2",
        "ISO3166-1-Alpha-3",
        "is_independent",
        "CLDR display name",
        "official_name_en",
        "UNTERM English Short",
        "UNTERM English Formal",
        "wikidata_id",
    ]
    cc = [
        [
            "KZ",
            "KAZ",
            "Yes",
            "Kazakhstan",
            "Kazakhstan",
            "Kazakhstan",
            "the Republic of Kazakhstan",
            "https://www.wikidata.org/wiki/Q232",
        ],
        [
            "MC",
            "MCO",
            "Yes",
            "Monaco",
            "Monaco",
            "Monaco",
            "the Principality of Monaco",
            "https://www.wikidata.org/wiki/Q235",
        ],
        ["GL", "GRL", "Part of DK", "Greenland", "Greenland", "", "", "https://www.wikidata.org/wiki/Q223"],
        ["JE", "JEY", "Crown dependency of GB", "Jersey", "Jersey", "", "", "https://www.wikidata.org/wiki/Q785"],
    ]
    with (folder / "country-codes.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(cc_cols)
        writer.writerows(cc)
    ne_cols = [
        "wikidata_id",
        "name",
        "name_ascii",
        "name_alt",
        "name_en",
        "feature_class",
        "adm0_capital",
        "iso_a2",
        "pop_max",
    ]
    ne = [
        ["Q1520", "Astana", "Astana", "", "Astana", "Admin-0 capital", "1", "KZ", "345604"],
        ["Q35493", "Almaty", "Almaty", "", "Almaty", "Admin-1 capital", "0", "KZ", "1209000"],
        ["Q999001", "Smallville", "Smallville", "", "Smallville", "Populated place", "0", "KZ", "5000"],
        ["Q235", "Monaco", "Monaco", "", "Monaco", "Admin-0 capital", "1", "MC", "36371"],
    ]
    with (folder / "ne_populated_places.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ne_cols)
        writer.writerows(ne)


def test_build_script_on_tiny_sources(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build = load_build_script()
    source = tmp_path / "src"
    source.mkdir()
    write_mini_sources(source)
    out = tmp_path / "out" / "gazetteer.json"
    meta = build.build(source, out, strict=False)
    first = out.read_bytes()
    build.build(source, out, strict=False)
    assert out.read_bytes() == first  # deterministic
    assert meta["built"] == "2023-11-14"
    gaz = load_gazetteer(str(out))
    assert [e.qid for e in gaz.lookup("Nur-Sultan")] == ["Q1520"]  # curated alias applied
    assert gaz.lookup("Smallville") == []  # < 100k and not a capital
    assert gaz.by_qid("Q235").type == "country"  # Monaco city row skipped
    assert gaz.country("Jersey") is None  # a dependency the curated countries do not list
    assert gaz.country("Greenland").qid == "Q223"  # one they list (a member of the Nordic Council)
    assert gaz.country("KZ").demonyms[:2] == ("Kazakh", "Kazakhstani")
    assert (out.parent / "GAZETTEER-LICENCE.md").is_file()


def test_curated_files_are_ours_not_odbl_copies():
    """The curated demonym file is hand-written: it has no 'sources' column of the
    ODbL derived file and none of its archaic forms ("Tadzhik")."""
    text = (REPO / "kg" / "data" / "curated" / "demonyms.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "iso2,demonyms"
    assert "Tadzhik" not in text


# ---------------------------------------------------------------- leaders from Wikidata


def load_leaders_script():
    spec = importlib.util.spec_from_file_location(
        "build_leaders_wikidata", REPO / "scripts" / "build_leaders_wikidata.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_wikidata_leader_terms_are_cut_to_english_names_since_2000():
    """Made-up export rows: terms ended before 2000, rows without a QID or a start, and names
    only in the export's language are dropped; duplicates keep the longest term."""
    cut = load_leaders_script()
    head = "iso3,country,role,person,person_qid,start,end"
    rows = [
        dict(zip(head.split(","), line.split(","), strict=True))
        for line in [
            "XAA,Patria,head_of_state,Ana Bell,Q901,2001-02-03T00:00:00Z,",
            "XAA,Patria,head_of_state,Ana Bell,Q901,2001-02-03T00:00:00Z,2005-01-01T00:00:00Z",
            "XAA,Patria,head_of_government,Old Timer,Q902,1990-01-01T00:00:00Z,1999-12-31T00:00:00Z",
            "XAA,Patria,head_of_government,Long Stay,Q903,1995-01-01T00:00:00Z,2003-01-01T00:00:00Z",
            "XAA,Patria,head_of_government,No Code,,2010-01-01T00:00:00Z,",
            "XAA,Patria,head_of_government,No Start,Q904,,",
            "XBB,Reino Alto,head_of_state,Isabel II do Reino Alto,Q905,2002-01-01T00:00:00Z,",
            "XBB,Reino Alto,head_of_state,Carlos I da Patria,Q906,2003-01-01T00:00:00Z,",
            "XCC,Nowhere,head_of_state,Lost Code,Q907,2003-01-01T00:00:00Z,",
            "XAA,Patria,vice_president,Vic Two,Q908,2003-01-01T00:00:00Z,",
            "XAA,Patria,head_of_government,Next One,Q909,2010-05-01T00:00:00Z,",
            "XAA,Patria,head_of_government,Stray Founder,Q910,1837-01-01T00:00:00Z,",
        ]
    ]
    kept = cut.leader_rows(rows, {"XAA": "AA", "XBB": "BB"})
    assert kept == [
        {
            "country": "AA",
            "role": "head_of_government",
            "name": "Long Stay",
            "qid": "Q903",
            "start": "1995-01-01",
            "end": "2003-01-01",
        },
        {
            "country": "AA",
            "role": "head_of_government",
            "name": "Next One",
            "qid": "Q909",
            "start": "2010-05-01",
            "end": "",
        },
        # Ana Bell's open term ends when no one else takes it up: still open
        {"country": "AA", "role": "head_of_state", "name": "Ana Bell", "qid": "Q901", "start": "2001-02-03", "end": ""},
    ]
    # an open term ends when another person takes up the office
    open_term = ["XAA", "Patria", "head_of_state", "Cy Dee", "Q911", "2007-07-07T00:00:00Z", ""]
    rows.append(dict(zip(head.split(","), open_term, strict=True)))
    bell = [r for r in cut.leader_rows(rows, {"XAA": "AA"}) if r["qid"] == "Q901"]
    assert [r["end"] for r in bell] == ["2007-07-07"]


def test_foreign_minister_terms_from_snapshots_and_histories():
    """Made-up query results: a holder gone from a later snapshot leaves when the next one there
    takes up the office (else on that snapshot's day); two holders listed together both stay; a
    country's history wins over the snapshots, its month or year dates read as whole periods, and
    a snapshot adds only a holder who took office after the history's last start."""
    cut = load_leaders_script()
    head = ["person", "personLabel", "country", "countryLabel", "position", "positionLabel", "start", "psid"]
    snap = {
        day: [dict(zip(head, line.split(","), strict=True)) for line in lines]
        for day, lines in {
            "2022-08-01": [
                "Q1,Ann Old,Q901,Patria,Q5,FM,2015-01-02,s1",
                "Q2,Bo Gone,Q902,Alta,Q6,FM,2019-05-05,s2",
                "Q3,Cy One,Q903,Dos,Q7,FM,2020-01-01,s3",
                "Q4,Di Two,Q903,Dos,Q7,FM,2021-01-01,s4",
                "Q9,Ex Hist,Q904,Hist,Q8,FM,2022-01-01,s9",
                "Q7,Gil Early,Q904,Hist,Q8,FM,1999-03-03,s10",
            ],
            "2022-09-01": [
                "Q5,Ed New,Q901,Patria,Q5,FM,2022-08-20,s5",
                "Q3,Cy One,Q903,Dos,Q7,FM,2020-01-01,s3",
                "Q4,Di Two,Q903,Dos,Q7,FM,2021-01-01,s4",
                "Q6,Fay Acting,Q905,Cinco,Q9,FM,2022-07-01,s6",
            ],
            "2022-10-01": [
                "Q5,Ed New,Q901,Patria,Q5,FM,2022-08-20,s5",
                "Q3,Cy One,Q903,Dos,Q7,FM,2020-01-01,s3",
                "Q4,Di Two,Q903,Dos,Q7,FM,2021-01-01,s4",
                "Q6,Fay Acting,Q905,Cinco,Q9,FM,2022-09-09,s7",
            ],
        }.items()
    }
    hist = {
        "HH": [
            {"item": "Q7", "itemLabel": "Gil Early", "startDate": "1999", "endDate": "2003-06"},
            {"item": "Q8", "itemLabel": "Hal Later", "startDate": "2003-06-05", "endDate": ""},
            # a duplicate with an end (the open one stands) and an end before the start (a typo)
            {"item": "Q8", "itemLabel": "Hal Later", "startDate": "2003-06-05", "endDate": "2010-01-01"},
            {"item": "Q11", "itemLabel": "Ty Po", "startDate": "2005-01-01", "endDate": "2004-01-01"},
        ]
    }
    countries = {"Q901": "PA", "Q902": "AL", "Q903": "DO", "Q904": "HH", "Q905": "CI"}
    got = {(r["qid"], r["start"], r["end"]) for r in cut.foreign_minister_rows(snap, hist, countries)}
    assert got == {
        ("Q1", "2015-01-02", "2022-08-20"),
        ("Q5", "2022-08-20", ""),
        ("Q2", "2019-05-05", "2022-09-01"),
        ("Q3", "2020-01-01", ""),
        ("Q4", "2021-01-01", ""),
        ("Q6", "2022-07-01", ""),
        ("Q7", "1999-01-01", "2003-06-30"),
        ("Q8", "2003-06-05", "2022-01-01"),
        ("Q9", "2022-01-01", "2022-09-01"),
    }
    rows = cut.foreign_minister_rows(snap, hist, countries)
    assert {r["role"] for r in rows} == {"foreign_minister"}
    assert {r["country"] for r in rows if r["qid"] == "Q7"} == {"HH"}


def test_snapshot_adds_the_terms_a_history_lacks():
    """Made-up data: a snapshot adds a holder's later second term and a holder the history never
    names, but not the history's last holder again (another start) nor another item for a history
    holder on the day that holder's term starts."""
    cut = load_leaders_script()
    head = ["person", "personLabel", "country", "countryLabel", "position", "positionLabel", "start", "psid"]
    lines = [
        "Q7,Gil Early,Q904,Hist,Q8,FM,2022-05-05,s1",
        "Q8,Hal Later,Q904,Hist,Q8,FM,2003-07-01,s2",
        "Q12,Hal Twin,Q904,Hist,Q8,FM,2003-06-05,s3",
        "Q13,Sec Ond,Q904,Hist,Q8,FM II,2010-01-01,s4",
    ]
    snap = {"2022-08-01": [dict(zip(head, line.split(","), strict=True)) for line in lines]}
    hist = {
        "HH": [
            {"item": "Q7", "itemLabel": "Gil Early", "startDate": "1999", "endDate": "2003-06"},
            {"item": "Q8", "itemLabel": "Hal Later", "startDate": "2003-06-05", "endDate": ""},
        ]
    }
    got = {(r["qid"], r["start"], r["end"]) for r in cut.foreign_minister_rows(snap, hist, {"Q904": "HH"})}
    assert got == {
        ("Q7", "1999-01-01", "2003-06-30"),
        ("Q8", "2003-06-05", "2010-01-01"),
        ("Q13", "2010-01-01", "2022-05-05"),  # one holder at a time: the next start ends a term
        ("Q7", "2022-05-05", ""),
    }


def test_holders21_rows_of_the_named_position_only():
    """A country's holders21.csv lists all its positions: only the foreign minister's label counts."""
    cut = load_leaders_script()
    rows = [
        {
            "position": "Minister of External Affairs",
            "person": "Ann Ext",
            "personID": "Q1",
            "start": "2004-05-22",
            "end": "2009-05-22",
        },
        {
            "position": "Minister of Foreign Affairs",
            "person": "Bo Secretary",
            "personID": "Q2",
            "start": "2004",
            "end": "",
        },
    ]
    assert cut.holder_rows(rows, {"Minister of External Affairs"}) == [
        {"item": "Q1", "itemLabel": "Ann Ext", "startDate": "2004-05-22", "endDate": "2009-05-22"}
    ]


def test_bundled_foreign_ministers_have_wikidata_terms(gaz):
    """Foreign ministers come with QIDs and terms: a curated one without a QID takes Wikidata's."""
    lavrov = gaz.by_qid("Q58217")
    assert lavrov.name == "Sergey Lavrov" and any(
        o.role == "foreign_minister" and o.held_on("2019-06-14") for o in lavrov.offices
    )
    swaraj = gaz.by_qid("Q1652493")  # India's, from a holders21.csv
    assert [o.role for o in swaraj.offices if o.held_on("2016-06-24")] == ["foreign_minister"]
    asif = gaz.by_qid("Q6401038")  # known only from Wikidata's history of Pakistan's office
    assert [o.role for o in asif.offices if o.held_on("2018-01-01")] == ["foreign_minister"]
    assert not any(o.held_on("2019-01-01") for o in asif.offices)
    for qid, day in (("Q58287", "2010-06-01"), ("Q58323", "2010-06-01")):  # Cambodia's, Laos's: holders21.csv
        assert [o.role for o in gaz.by_qid(qid).offices if o.held_on(day)] == ["foreign_minister"], qid


def test_bundled_leaders_have_wikidata_terms(gaz):
    """Heads of state and government since 2000 come with QIDs and terms; a curated person
    without a QID gets Wikidata's, and a president heading the government too keeps one office."""
    aliyev = gaz.by_qid("Q57371")
    assert aliyev.name == "Ilham Aliyev" and "Aliyev" in aliyev.aliases
    assert any(o.role == "head_of_state" and o.held_on("2019-10-25") for o in aliyev.offices)
    heydar = gaz.by_qid("Q157451")
    assert heydar.offices[-1].held_on("2001") and not heydar.offices[-1].held_on("2019")
    for qid in ("Q7035479", "Q9268379", "Q3318231", "Q57665", "Q132345", "Q57641"):
        assert gaz.by_qid(qid).type == "person", qid
    # spelt otherwise in Wikidata ("Abdalaziz", "Atambaiev"): the same office there, taken up the same day
    assert [e.qid for e in gaz.lookup("Salman bin Abdulaziz Al Saud", "person")] == ["Q367825"]
    assert [e.qid for e in gaz.lookup("Atambayev", "person")] == ["Q24692"]
    macri = [o for o in gaz.by_qid("Q561837").offices if o.held_on("2018-12-01")]
    assert [(o.role, o.title) for o in macri] == [("head_of_state", "President of Argentina")]
    assert len(list(gaz.entries("person"))) > 1500


def test_no_bundled_name_carries_a_direction_mark():
    """A source table's "Granada\u200e" would be written into facts and labels as it is."""
    marks = set("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff")
    found = [
        (e.type, name) for e in default_gazetteer().entries() for name in (e.name, *e.aliases) if marks & set(name)
    ]
    assert found == []
    assert [e.name for e in default_gazetteer().lookup("Granada", "city")] == ["Granada", "Granada"]
