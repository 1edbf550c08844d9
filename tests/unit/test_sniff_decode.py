import codecs

import pytest

from worker.errors import EmptyInputError, UnreadableInputError, UnsupportedInputError
from worker.pipeline.decode import declared_charset, decode_text
from worker.pipeline.sniff import sniff_kind


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"<div><p>Fragment</p></div>", "html"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>', "feed"),
        (b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', "opml"),
        (b"Just a title\n\nAnd some text.", "text"),
        (codecs.BOM_UTF16_LE + "Title\n\nBody".encode("utf-16-le"), "text"),
    ],
)
def test_sniff_by_content(raw: bytes, kind: str) -> None:
    assert sniff_kind(raw, "whatever.bin") == kind


def test_html_named_txt_is_still_html() -> None:
    assert sniff_kind(b"<html><body><p>hi</p></body></html>", "article.txt") == "html"


@pytest.mark.parametrize(
    "raw",
    [b"\x89PNG\r\n\x1a\n\x00\x00", b"PK\x03\x04rest", b"%PDF-1.7", bytes(range(256)) * 4],
)
def test_binary_is_refused(raw: bytes) -> None:
    with pytest.raises(UnsupportedInputError):
        sniff_kind(raw, "x")


def test_empty_and_whitespace_are_refused() -> None:
    for raw in (b"", b"   \n\t  "):
        with pytest.raises(EmptyInputError):
            sniff_kind(raw, "x")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("گزارش خبرنگار از تهران درباره اعتراضات", "utf-16"),
        ("مقالة عن الاحتجاجات في إيران والعالم العربي اليوم", "cp1256"),
        ("Протесты в Иране продолжаются уже больше месяца, сообщают журналисты", "cp1251"),
        ("東京の記者がイランの抗議について報告する記事です。これは日本語の文章です。", "shift_jis"),
    ],
)
def test_non_utf8_text_survives(text: str, encoding: str) -> None:
    decoded, _used = decode_text(text.encode(encoding))
    assert decoded.strip("\ufeff") == text


def test_declared_charset_is_read() -> None:
    assert declared_charset(b'<meta charset="windows-1256">') == "cp1256"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">') == "koi8-r"
    assert declared_charset(b"<meta charset=nonsense-xyz>") is None


def test_lying_declaration_loses_to_valid_utf8() -> None:
    text = "Ünïcödé café — Тегеран"
    decoded, used = decode_text(text.encode("utf-8"), declared="iso8859-1")
    assert decoded == text and used == "utf-8"


def test_bad_bom_is_unreadable() -> None:
    with pytest.raises(UnreadableInputError):
        decode_text(codecs.BOM_UTF8 + b"\xff\xfe\xfa bad")
