"""kg.ingest.read: pasted text, HTML, JSON, URLs and every way a file can be unreadable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests

from kg.article import Article
from kg.errors import InputError
from kg.ingest.read import iter_folder, read_path, read_url

DATA = Path(__file__).parent / "data" / "articles"
WIRE = DATA / "example-wire-2031-10-07-csto-dushanbe.txt"
HEADER = DATA / "example-news-2031-11-20-g20-rio.txt"


def test_pasted_page_metadata_and_boilerplate():
    a = read_path(WIRE)
    assert a.title == "CSTO leaders meet in Dushanbe to sign security documents"
    assert a.publisher == "Example Wire"
    # the render date on the menu bar ("Monday, March 3, 2036") is never the publication date
    assert a.published == "2031-10-07"
    assert a.slug == "example-wire-2031-10-07-csto-dushanbe"
    assert a.source == str(WIRE)
    assert "Facebook Twitter" not in a.text
    assert "We Recommend" not in a.text and "Most Read" not in a.text
    assert "Follow us" not in a.text
    assert "(Web editor: Zhang Wei, Bianji)" in a.text  # credits stay: they name people
    assert a.text.startswith("CSTO leaders meet")


def test_header_block_corpus_date_and_url_line_are_metadata():
    a = read_path(HEADER)
    assert a.url == "https://news.example.org/20311120/g20-summit-declaration"
    assert a.publisher == "Example News"
    assert a.published == "2031-11-20"
    assert "retrieved-from" not in a.text
    assert "date 2031-11-20" not in a.text
    assert "https://" not in a.text
    assert "Telegram" not in a.text
    assert a.title == "Leaders adopt G-20 declaration in Rio"


def test_date_with_time_and_publisher_wins_over_other_dates(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(
        "Share Facebook Twitter Friday, May 10, 2024\n\nLeaders meet again in the capital\n\n"
        "(Daily Example)    10:28, June 13, 2017\n\nThe leaders of the member states met on Tuesday "
        "and agreed a plan for the coming year.\n",
        encoding="utf-8",
    )
    a = read_path(p)
    assert a.published == "2017-06-13"
    assert a.publisher == "Daily Example"


def test_no_date_at_all_gives_none(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("The leaders of the member states met and agreed a plan for the coming year.", encoding="utf-8")
    assert read_path(p).published is None


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("a.pdf", b"%PDF-1.4", "unsupported file type"),
        ("a.txt", b"", "empty"),
        ("b.txt", b"   \n\n  ", "empty"),
        ("c.txt", b"\x00\x01\x02binary\x00", "binary"),
        ("d.html", b"<html><body><nav>Home</nav></body></html>", "no article"),
        ("e.json", b'{"summits": []}', "article text"),
        ("f.json", b"{not json", "not valid JSON"),
    ],
)
def test_unreadable_files_raise_input_error(tmp_path, name, data, message):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_path(p)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")


def test_size_cap(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("The leaders met. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="more than the 100 allowed"):
        read_path(p, max_bytes=100)


def test_cp1252_and_bom_are_decoded(tmp_path):
    p = tmp_path / "win.txt"
    p.write_bytes(
        "The leaders met in Nur\u2011Sultan and signed the “Joint Statement” – café.".encode("cp1252", "replace")
    )
    a = read_path(p)
    assert "“Joint Statement”" in a.text and "café" in a.text
    q = tmp_path / "bom.txt"
    q.write_bytes(b"\xef\xbb\xbfThe leaders met in the capital and signed a declaration.")
    assert read_path(q).text.startswith("The leaders")


def test_json_article_roundtrip(tmp_path):
    art = Article(
        text="The leaders met.", title="T", publisher="P", published="2031-01-02", url="https://x.example/a", slug="s"
    )
    p = tmp_path / "a.json"
    import json

    p.write_text(json.dumps({"article": art.to_dict()}), encoding="utf-8")
    back = read_path(p)
    assert back.text == art.text and back.published == art.published and back.url == art.url
    assert Article.from_dict(art.to_dict()) == art
    with pytest.raises(InputError):
        Article.from_dict({"title": "no text"})


HTML = """<html><head><title>Summit ends - Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta property="article:published_time" content="2021-05-02T10:00:00Z">
<meta property="og:title" content="Summit ends with a declaration"></head>
<body><nav>Home | World | Sport</nav><article><h1>Summit ends with a declaration</h1>
<p>The leaders of the organisation met in Testville on Thursday and signed a declaration on cooperation
between their states.</p>
<p>The next meeting will take place in another city, the host country said in a statement on Friday.</p>
</article><footer>Copyright 2031 Example Times</footer></body></html>"""


def test_html_keeps_trafilatura_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    a = read_path(p)
    assert a.title == "Summit ends with a declaration"
    assert a.publisher == "Example Times"
    assert a.published == "2021-05-02"  # htmldate refuses future dates
    assert "signed a declaration" in a.text
    assert "Home | World" not in a.text


def test_iter_folder_sorted_supported_only(tmp_path):
    for name in ("b.txt", "a.html", "c.json", "d.pdf", "e.TXT"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in iter_folder(tmp_path)] == ["a.html", "b.txt", "c.json", "e.TXT"]
    with pytest.raises(InputError):
        list(iter_folder(tmp_path / "b.txt"))


# ---- URLs, with a fake session (no network) ----------------------------------------------------


class FakeResponse:
    def __init__(
        self,
        body: bytes,
        status: int = 200,
        ctype: str = "text/html; charset=utf-8",
        length: str | None = None,
        url: str = "https://news.example.org/a",
    ):
        self.body, self.status_code, self.url = body, status, url
        self.headers = {"Content-Type": ctype}
        if length is not None:
            self.headers["Content-Length"] = length
        self.encoding = "utf-8"

    def iter_content(self, chunk_size):
        for i in range(0, len(self.body), 10):
            yield self.body[i : i + 10]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeSession:
    def __init__(self, response=None, exc=None):
        self.response, self.exc, self.calls = response, exc, []

    def get(self, url, **kw):
        self.calls.append((url, kw))
        if self.exc:
            raise self.exc
        return self.response


def test_read_url_html():
    session = FakeSession(FakeResponse(HTML.encode()))
    a = read_url("https://news.example.org/2031/summit-ends.html", session, timeout_s=3, max_bytes=100_000)
    assert a.title == "Summit ends with a declaration"
    assert a.slug == "summit-ends"
    _, kw = session.calls[0]
    assert kw["timeout"] == 3 and kw["stream"] is True


def test_read_url_plain_text():
    body = b"The leaders met in the capital on Thursday and signed a declaration on cooperation."
    a = read_url("https://x.example/a.txt", FakeSession(FakeResponse(body, ctype="text/plain")), 3, 10_000)
    assert a.text.startswith("The leaders") and a.url == "https://news.example.org/a"


@pytest.mark.parametrize(
    "session, message",
    [
        (FakeSession(exc=requests.exceptions.ConnectTimeout("slow")), "no answer within 2 s"),
        (FakeSession(exc=requests.exceptions.ConnectionError("down")), "cannot connect"),
        (FakeSession(FakeResponse(b"nope", status=404)), "HTTP 404"),
        (FakeSession(FakeResponse(b"%PDF", ctype="application/pdf")), "not an article"),
        (FakeSession(FakeResponse(b"x" * 50, length="5000000000")), "more than"),
        (FakeSession(FakeResponse(b"x" * 5000)), "more than the 1000 bytes"),
        (FakeSession(FakeResponse(b"   ")), "empty"),
    ],
)
def test_read_url_errors(session, message):
    with pytest.raises(InputError, match=message):
        read_url("https://news.example.org/a", session, timeout_s=2, max_bytes=1000)


def test_read_url_rejects_other_schemes():
    with pytest.raises(InputError, match="only http"):
        read_url("file:///etc/passwd", FakeSession(), 1, 1000)


# ---- unreadable input: every case a clear InputError, never a traceback ---------------------------


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="more than the 5000000 allowed"):
        read_path(p)


def test_the_size_cap_holds_when_the_size_on_disk_lies(tmp_path, monkeypatch):
    # pipes and /proc files report size 0: the reader must stop after max_bytes + 1 bytes
    p = tmp_path / "stream.txt"
    p.write_bytes(b"The leaders met. " * 10_000)
    real_stat = Path.stat

    def tiny_stat(self, **kw):
        st = real_stat(self, **kw)
        if self != p:
            return st
        return os.stat_result(
            (
                st.st_mode,
                st.st_ino,
                st.st_dev,
                st.st_nlink,
                st.st_uid,
                st.st_gid,
                10,
                int(st.st_atime),
                int(st.st_mtime),
                int(st.st_ctime),
            )
        )

    monkeypatch.setattr(Path, "stat", tiny_stat)
    reads = []
    real_open = Path.open

    def spy_open(self, *a, **kw):
        fh = real_open(self, *a, **kw)
        real_read = fh.read

        class Spy:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                fh.close()

            def read(self, n=-1):
                reads.append(n)
                return real_read(n)

        return Spy()

    monkeypatch.setattr(Path, "open", spy_open)
    with pytest.raises(InputError, match="more than the 1000 bytes allowed"):
        read_path(p, max_bytes=1000)
    assert reads == [1001]


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02binary\x00",
        bytes(range(1, 9)) * 200,  # control bytes, no NUL
        b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 50,
    ],
)
def test_binary_files_are_refused(tmp_path, data):
    p = tmp_path / "image.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match="binary"):
        read_path(p)


def test_non_utf8_text_in_a_clear_encoding_is_decoded(tmp_path):
    text = "Лидеры стран ШОС подписали Астанинскую декларацию на саммите в Астане в четверг."
    p = tmp_path / "ru.txt"
    p.write_bytes(text.encode("cp1251"))
    assert read_path(p).text == text


def test_declared_html_charset_is_used(tmp_path):
    body = (
        "<p>Лидеры стран ШОС подписали Астанинскую декларацию на саммите в Астане. "
        "Встреча прошла во Дворце Независимости, сообщили организаторы саммита.</p>"
    )
    html = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>Саммит</title></head><body><article>{body}</article></body></html>"
    )
    p = tmp_path / "ru.html"
    p.write_bytes(html.encode("cp1251"))
    assert "Астанинскую декларацию" in read_path(p).text


def test_text_that_is_not_its_declared_encoding(tmp_path):
    p = tmp_path / "bad.html"
    p.write_bytes(b'<html><head><meta charset="ascii"></head><body><p>caf\xe9 ' + b"x" * 200 + b"</p></body></html>")
    with pytest.raises(InputError, match="declares the encoding 'ascii'"):
        read_path(p)


def test_text_in_no_telling_encoding(tmp_path):
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes(range(128, 256)) * 20)
    with pytest.raises(InputError, match="encoding cannot be told"):
        read_path(p)


def test_html_page_without_an_article(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text(
        "<html><head><title>Example Times</title></head><body><nav><a href='/'>Home</a> | "
        "<a href='/world'>World</a></nav><div class='share'>Facebook Twitter</div>"
        "<footer>Copyright 2031 Example Times. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no article text"):
        read_path(p)


def test_published_and_updated_stamps(tmp_path):
    p = tmp_path / "stamps.txt"
    p.write_text(
        "Leaders meet in the capital\n\nUpdated - July 05, 2023 09:58 pm IST\n"
        "Published - July 04, 2023 06:14 pm IST - NEW DELHI\n\n"
        "The leaders of the member states met on Tuesday and agreed a plan for the coming year.\n\n"
        "Published in Example Daily, July 4th, 2023\n",
        encoding="utf-8",
    )
    a = read_path(p)
    assert a.published == "2023-07-04"  # "Published" wins over "Updated"
    assert "Updated -" not in a.text
    assert "NEW DELHI" in a.text  # a stamp line that says more is kept
    assert "Example Daily" in a.text


def test_a_date_line_with_one_word_is_not_a_section_label(tmp_path):
    p = tmp_path / "agency.txt"
    p.write_text(
        "11th Summit held in the capital\n6 November 2024 18:40\n\n"
        "The leaders of the member states met on Wednesday and agreed a plan for the coming year.\n",
        encoding="utf-8",
    )
    assert read_path(p).published == "2024-11-06"


@pytest.mark.parametrize(
    "opening, published",
    [
        ("JEDDAH, Saudi Arabia, May 19, 2031 (Wire) — The leaders met on Friday and agreed a plan.", "2031-05-19"),
        ("KIGALI, 24 June 2031 — The leaders of the member states met on Friday and agreed a plan.", "2031-06-24"),
        ("Banjul, The Gambia (May 5, 2031) – The leaders of the member states met and agreed a plan.", "2031-05-05"),
        # no year: the dateline gives no date of its own
        ("ADDIS ABABA, Feb 17 (Wire) - The leaders of the member states met on Saturday and agreed a plan.", None),
        # a sentence with a date before a dash is no dateline
        ("The leaders of the member states met in the capital on May 19, 2031 — and agreed a plan.", None),
    ],
)
def test_a_wire_datelines_date_is_the_pieces_date(tmp_path, opening, published):
    p = tmp_path / "wire.txt"
    p.write_text(f"Leaders meet in the capital\n\n{opening}\n\nThe talks went on for two days.\n", encoding="utf-8")
    assert read_path(p).published == published


@pytest.mark.parametrize(
    "line, kept",
    [
        ("Kathmandu, 27 November 2031", True),
        ("Avarua, Cook Islands – 10 November 2031", True),
        ("Politics • 29 May, 2031", False),  # a section and a date: page furniture
        ("June 09, 2031 12:39", False),
    ],
)
def test_a_dateline_on_its_own_line_stays_in_the_text(tmp_path, line, kept):
    p = tmp_path / "dateline.txt"
    p.write_text(
        f"Leaders meet in the capital\n\n{line}\n\n"
        "The leaders of the member states concluded their summit here today and agreed a plan.\n",
        encoding="utf-8",
    )
    a = read_path(p)
    assert (line in a.text, a.published[:4]) == (kept, "2031")


def test_a_date_and_place_line_under_an_official_pages_lead(tmp_path):
    p = tmp_path / "official.txt"
    p.write_text(
        "Meeting of the Council\n\nThe President took part in a meeting of the Council in the capital.\n\n"
        "May 25, 2031, 12:30, Moscow\n\nThe meeting was attended by the heads of the member states.\n",
        encoding="utf-8",
    )
    a = read_path(p)
    assert (a.published, "May 25, 2031, 12:30, Moscow" in a.text) == ("2031-05-25", True)


def test_other_stories_headlines_under_a_related_heading_are_dropped(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "Leaders open the ASEAN summit\n\n"
        "Leaders of the bloc opened the summit in Vientiane on Wednesday.\n\n"
        "Read more\n"
        "Mekong leaders to meet in Bangkok\n\n"
        "The talks continue on Thursday with a session on trade.\n\n"
        "Related Posts\n"
        "President to attend G20 in Rio\n"
        "Minister meets APEC counterparts\n",
        encoding="utf-8",
    )
    text = read_path(page).text
    assert "Mekong leaders" not in text and "G20 in Rio" not in text and "APEC counterparts" not in text
    assert "The talks continue on Thursday with a session on trade." in text  # the story goes on after them


@pytest.mark.parametrize("line, kept", [("ARUSHA", True), ("World", False), ("PHOTO", False), ("VIDEO", False)])
def test_a_lone_word_above_the_story_is_furniture_unless_a_dateline_in_capitals(tmp_path, line, kept):
    p = tmp_path / "lone.txt"
    p.write_text(
        f"Somalia joins the bloc as its eighth member\n\n{line}\n\n"
        "Somalia was on Friday admitted into the bloc at the close of its summit in the city.\n",
        encoding="utf-8",
    )
    assert (line in read_path(p).text.split("\n")) == kept
