"""Webhook signatures (worker/webhook_signing.py) against the Standard Webhooks reference vector, and properties."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worker.webhook_signing import (
    SignatureMismatchError,
    WebhookSecretError,
    generate_secret,
    normalize_secret,
    secret_key,
    sign,
    signed_headers,
    verify,
)

# The test vector of the reference libraries (standard-webhooks, libraries/go/webhook_test.go TestWebhookSign,
# the same in the Python and JavaScript libraries' tests).
REFERENCE_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
REFERENCE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
REFERENCE_TIMESTAMP = 1614265330
REFERENCE_BODY = b'{"test": 2432232314}'
REFERENCE_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

ids = st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, blacklist_characters="."), min_size=1)
timestamps = st.integers(min_value=0, max_value=2**40)
keys = st.binary(min_size=24, max_size=64)


def secret_of(key: bytes) -> str:
    return "whsec_" + base64.b64encode(key).decode()


def test_the_reference_vector() -> None:
    assert sign(REFERENCE_SECRET, REFERENCE_ID, REFERENCE_TIMESTAMP, REFERENCE_BODY) == REFERENCE_SIGNATURE
    # Without the prefix too, as the reference libraries accept it.
    assert sign(REFERENCE_SECRET.removeprefix("whsec_"), REFERENCE_ID, REFERENCE_TIMESTAMP, REFERENCE_BODY) == (
        REFERENCE_SIGNATURE
    )
    headers = signed_headers(REFERENCE_SECRET, REFERENCE_ID, REFERENCE_TIMESTAMP, REFERENCE_BODY)
    assert headers == {
        "webhook-id": REFERENCE_ID,
        "webhook-timestamp": str(REFERENCE_TIMESTAMP),
        "webhook-signature": REFERENCE_SIGNATURE,
    }
    assert verify(REFERENCE_SECRET, headers, REFERENCE_BODY, now=REFERENCE_TIMESTAMP + 10) == REFERENCE_ID


def test_verify_takes_any_of_several_signatures_and_any_header_case() -> None:
    other = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="
    headers = {
        "Webhook-Id": REFERENCE_ID,
        "WEBHOOK-TIMESTAMP": str(REFERENCE_TIMESTAMP),
        "webhook-signature": f"{other} v2,abc {REFERENCE_SIGNATURE} {other}",
    }
    assert verify(REFERENCE_SECRET, headers, REFERENCE_BODY, tolerance=None) == REFERENCE_ID
    headers["webhook-signature"] = f"{other} v1a,{REFERENCE_SIGNATURE[3:]}"
    with pytest.raises(SignatureMismatchError):
        verify(REFERENCE_SECRET, headers, REFERENCE_BODY, tolerance=None)


def test_timestamps_outside_the_tolerance_and_missing_headers_are_refused() -> None:
    headers = signed_headers(REFERENCE_SECRET, REFERENCE_ID, REFERENCE_TIMESTAMP, REFERENCE_BODY)
    for now in (REFERENCE_TIMESTAMP - 301, REFERENCE_TIMESTAMP + 301):
        with pytest.raises(SignatureMismatchError, match="from now"):
            verify(REFERENCE_SECRET, headers, REFERENCE_BODY, now=now)
    for name in headers:
        partial = {key: value for key, value in headers.items() if key != name}
        with pytest.raises(SignatureMismatchError, match="missing"):
            verify(REFERENCE_SECRET, partial, REFERENCE_BODY, tolerance=None)
    with pytest.raises(SignatureMismatchError, match="unix seconds"):
        verify(REFERENCE_SECRET, {**headers, "webhook-timestamp": "1e9"}, REFERENCE_BODY, tolerance=None)


def test_generated_secrets_are_valid_distinct_and_32_bytes() -> None:
    made = {generate_secret() for _ in range(50)}
    assert len(made) == 50
    for secret in made:
        assert secret.startswith("whsec_")
        assert len(secret_key(secret)) == 32
        assert normalize_secret(secret) == secret


@pytest.mark.parametrize(
    ("secret", "problem"),
    [
        ("whsec_", "decodes to 0"),
        ("whsec_" + base64.b64encode(b"x" * 23).decode(), "decodes to 23"),
        ("whsec_" + base64.b64encode(b"x" * 65).decode(), "decodes to 65"),
        ("whsec_not base64!", "base64"),
        ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa_w", "base64"),  # URL-safe base64 is not the spec's
        ("s3cret-passw0rd", "base64"),
        ("whsec_Zm9vYmFy\u00e9", "base64"),
    ],
)
def test_unusable_secrets_are_refused_without_repeating_them(secret: str, problem: str) -> None:
    with pytest.raises(WebhookSecretError, match=problem) as caught:
        secret_key(secret)
    assert secret.removeprefix("whsec_") not in str(caught.value) or not secret.removeprefix("whsec_")


def test_ids_with_a_dot_cannot_be_signed() -> None:
    with pytest.raises(ValueError, match="'.'"):
        sign(REFERENCE_SECRET, "evt.1", REFERENCE_TIMESTAMP, b"{}")


@given(key=keys, message_id=ids, timestamp=timestamps, body=st.binary(max_size=2000))
def test_sign_then_verify_roundtrips(key: bytes, message_id: str, timestamp: int, body: bytes) -> None:
    secret = secret_of(key)
    headers = signed_headers(secret, message_id, timestamp, body)
    assert verify(secret, headers, body, tolerance=None) == message_id
    # An independent computation of the same HMAC: the module adds nothing to the spec's formula.
    expected = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    assert headers["webhook-signature"] == "v1," + base64.b64encode(expected).decode()


@given(
    key=keys,
    message_id=ids,
    timestamp=timestamps,
    body=st.binary(min_size=1, max_size=500),
    data=st.data(),
)
def test_any_changed_byte_of_the_body_breaks_the_signature(
    key: bytes, message_id: str, timestamp: int, body: bytes, data: st.DataObject
) -> None:
    secret = secret_of(key)
    headers = signed_headers(secret, message_id, timestamp, body)
    position = data.draw(st.integers(min_value=0, max_value=len(body) - 1))
    flip = data.draw(st.integers(min_value=1, max_value=255))
    changed = body[:position] + bytes([body[position] ^ flip]) + body[position + 1 :]
    with pytest.raises(SignatureMismatchError):
        verify(secret, headers, changed, tolerance=None)
    with pytest.raises(SignatureMismatchError):
        verify(secret, headers, body + b" ", tolerance=None)


@given(key=keys, other=keys, message_id=ids, timestamp=timestamps, body=st.binary(max_size=200))
def test_another_secret_id_or_timestamp_breaks_the_signature(
    key: bytes, other: bytes, message_id: str, timestamp: int, body: bytes
) -> None:
    secret = secret_of(key)
    headers = signed_headers(secret, message_id, timestamp, body)
    if other != key:
        with pytest.raises(SignatureMismatchError):
            verify(secret_of(other), headers, body, tolerance=None)
    with pytest.raises(SignatureMismatchError):
        verify(secret, {**headers, "webhook-id": message_id + "x"}, body, tolerance=None)
    with pytest.raises(SignatureMismatchError):
        verify(secret, {**headers, "webhook-timestamp": str(timestamp + 1)}, body, tolerance=None)


@given(key=keys)
def test_secrets_normalize_with_their_prefix(key: bytes) -> None:
    bare = base64.b64encode(key).decode()
    assert normalize_secret(bare) == normalize_secret("whsec_" + bare) == "whsec_" + bare
    assert secret_key(bare) == key


@given(st.lists(keys, min_size=2, max_size=3, unique=True), ids, timestamps, st.binary(max_size=200))
def test_a_delivery_signed_during_a_rotation_verifies_with_each_secret_and_no_other(
    rotation: list[bytes], message_id: str, timestamp: int, body: bytes
) -> None:
    new, *old = (secret_of(key) for key in rotation)
    headers = signed_headers(new, message_id, timestamp, body, also_signed_by=old)
    assert headers["webhook-signature"].count("v1,") == len(rotation)
    for secret in (new, *old):
        assert verify(secret, headers, body, tolerance=None) == message_id
    with pytest.raises(SignatureMismatchError):
        verify(generate_secret(), headers, body, tolerance=None)
