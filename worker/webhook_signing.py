"""Webhook signatures in the Standard Webhooks style (https://www.standardwebhooks.com, spec 1.0.0, symmetric).

A secret is `whsec_` and the base64 of 24 to 64 random bytes; those bytes are the HMAC-SHA256 key. A delivery
carries three headers: `webhook-id` (the event's id: the same on every retry, so a receiver can deduplicate),
`webhook-timestamp` (unix seconds of this attempt) and `webhook-signature`: `v1,` and the base64 HMAC-SHA256 of
`{id}.{timestamp}.{body}`. Pure functions over bytes and strings: no HTTP, no database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence

SECRET_PREFIX = "whsec_"
MIN_SECRET_BYTES = 24  # the spec: at least 192 bits...
MAX_SECRET_BYTES = 64  # ...and at most 512
GENERATED_SECRET_BYTES = 32
SIGNATURE_VERSION = "v1"  # v1: HMAC-SHA256 (v1a would be ed25519, which newsworker does not send)
DEFAULT_TOLERANCE_SECONDS = 5 * 60  # the reference libraries refuse timestamps further from now than this


class WebhookSecretError(ValueError):
    """A secret that is not `whsec_` and the base64 of 24 to 64 bytes; the message says why."""


class SignatureMismatchError(ValueError):
    """A delivery whose headers are missing, whose timestamp is out of tolerance, or whose signature is wrong."""


def generate_secret() -> str:
    """A new random secret: `whsec_` and the base64 of 32 bytes from the system's secure random source."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(GENERATED_SECRET_BYTES)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key inside a secret (`whsec_` prefix optional, as in the reference libraries); WebhookSecretError
    when it is not base64 of 24 to 64 bytes."""
    text = secret.strip()
    encoded = text[len(SECRET_PREFIX) :] if text.startswith(SECRET_PREFIX) else text
    try:
        key = base64.b64decode(encoded.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise WebhookSecretError(
            f"a webhook secret is {SECRET_PREFIX} and base64 (A-Z a-z 0-9 + / =); {_shown(text)} is not"
        ) from None
    if not MIN_SECRET_BYTES <= len(key) <= MAX_SECRET_BYTES:
        raise WebhookSecretError(
            f"a webhook secret holds {MIN_SECRET_BYTES} to {MAX_SECRET_BYTES} bytes (Standard Webhooks); "
            f"this one decodes to {len(key)}"
        )
    return key


def normalize_secret(secret: str) -> str:
    """The secret as stored and shown: always with its `whsec_` prefix (checked by `secret_key`)."""
    key = secret_key(secret)
    return SECRET_PREFIX + base64.b64encode(key).decode("ascii")


def _shown(text: str) -> str:
    # A mistyped secret is still mostly a secret: name its length, never its characters.
    return f"the {len(text)}-character value given"


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`.

    The id and timestamp must hold no `.` (the spec: a dot in them would let one signed content pass for another).
    """
    if "." in message_id or not message_id:
        raise ValueError(f"a webhook id must be non-empty and hold no '.': {message_id!r}")
    signed_content = f"{message_id}.{int(timestamp)}.".encode() + body
    digest = hmac.new(secret_key(secret), signed_content, hashlib.sha256).digest()
    return f"{SIGNATURE_VERSION},{base64.b64encode(digest).decode('ascii')}"


def signed_headers(
    secret: str, message_id: str, timestamp: int, body: bytes, also_signed_by: Sequence[str] = ()
) -> dict[str, str]:
    """The three Standard Webhooks headers for one delivery attempt of `body`. `also_signed_by`: secrets being
    rotated out, whose signatures follow the first, space-separated (the spec's way to rotate without a gap)."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp)),
        "webhook-signature": " ".join(sign(each, message_id, timestamp, body) for each in (secret, *also_signed_by)),
    }


def verify(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float | None = None,
    tolerance: float | None = DEFAULT_TOLERANCE_SECONDS,
) -> str:
    """Check a delivery as a receiver would; returns its `webhook-id`, SignatureMismatchError otherwise.

    `headers` keys are matched without regard to case. Any one `v1,` signature of the space-separated list
    may match (a sender rotating its secret signs with both). `tolerance=None` skips the timestamp check.
    """
    import time

    lowered = {key.lower(): value for key, value in headers.items()}
    message_id = lowered.get("webhook-id")
    stamp = lowered.get("webhook-timestamp")
    signatures = lowered.get("webhook-signature")
    if not message_id or not stamp or not signatures:
        raise SignatureMismatchError("missing webhook-id, webhook-timestamp or webhook-signature")
    if not stamp.isascii() or not stamp.isdigit():
        raise SignatureMismatchError(f"webhook-timestamp is not unix seconds: {stamp!r}")
    timestamp = int(stamp)
    if tolerance is not None and abs((time.time() if now is None else now) - timestamp) > tolerance:
        raise SignatureMismatchError(f"webhook-timestamp {timestamp} is more than {tolerance:g} s from now")
    expected = sign(secret, message_id, timestamp, body).encode("ascii")
    for candidate in signatures.split(" "):
        if candidate.startswith(f"{SIGNATURE_VERSION},") and hmac.compare_digest(
            candidate.encode("ascii", "replace"), expected
        ):
            return message_id
    raise SignatureMismatchError("no webhook-signature matches the body")
