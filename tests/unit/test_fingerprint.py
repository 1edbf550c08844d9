from worker.pipeline.fingerprint import canonical_url, content_hash, normalize_for_hash


def test_hash_ignores_case_width_and_whitespace() -> None:
    assert content_hash("Hello  World\n\nagain") == content_hash("hello world again")
    assert content_hash("ＦＵＬＬ width") == content_hash("full width")
    assert content_hash("one story") != content_hash("another story")


def test_normalize_keeps_non_latin_text() -> None:
    assert normalize_for_hash("  تهران   Москва  東京 ") == "تهران москва 東京"


def test_canonical_url_drops_tracking_and_fragment() -> None:
    assert (
        canonical_url("HTTPS://Example.COM:443/a//b?utm_source=x&id=3&fbclid=y#top") == "https://example.com/a/b?id=3"
    )
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url(None) is None
    assert canonical_url("mailto:someone@example.com") == "mailto:someone@example.com"
