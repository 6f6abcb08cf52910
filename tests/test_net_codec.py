"""Framing: msgpack caps and strictness, fuzzing of raw bytes, and the rate limiter."""

from __future__ import annotations

import contextlib

import msgpack
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.net import (
    MAX_CLIENT_FRAME,
    CloseCode,
    ErrorCode,
    ProtocolError,
    RateLimiter,
    close_code_for,
    decode_client,
    decode_server,
    pack,
    unpack,
)


def error_code(data: bytes | str, max_size: int = MAX_CLIENT_FRAME) -> ErrorCode:
    with pytest.raises(ProtocolError) as info:
        unpack(data, max_size)
    return info.value.code


def test_pack_unpack_round_trips_a_plain_map() -> None:
    obj = {"t": "x", "a": [1, -2, 3.5, None, True, "é"], "b": {"c": b"\x00"}}
    assert unpack(pack(obj), MAX_CLIENT_FRAME) == obj


def test_unpack_accepts_bytearray_and_memoryview() -> None:
    data = pack({"t": "leave"})
    assert unpack(bytearray(data), 100) == unpack(memoryview(data), 100) == {"t": "leave"}


def test_text_frames_are_refused() -> None:
    assert error_code('{"t": "hello"}') is ErrorCode.BAD_FRAME


def test_frames_over_the_cap_are_refused_before_parsing() -> None:
    data = pack({"t": "hello", "name": "x" * 100})
    assert error_code(data, max_size=len(data) - 1) is ErrorCode.TOO_LARGE
    assert unpack(data, max_size=len(data))["t"] == "hello"


def test_frame_that_is_not_a_map_is_a_bad_frame() -> None:
    for obj in (1, "t", [1, 2], None):
        assert error_code(pack(obj)) is ErrorCode.BAD_FRAME


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xc1",  # never used
        b"\x82\xa1t",  # truncated
        pack({"t": "leave"}) + b"\x00",  # two objects in one frame
        b"\x81\xa1t\xdd\xff\xff\xff\xff",  # array header claiming 4 billion items
        b"\x81\xa1t" + b"\x91" * 2000 + b"\x00",  # nested too deep
        b"\x81\xa1t\xa2\xff\xfe",  # invalid UTF-8 string
    ],
)
def test_malformed_msgpack_is_a_bad_frame(data: bytes) -> None:
    assert error_code(data) is ErrorCode.BAD_FRAME


def test_ext_types_and_timestamps_are_refused() -> None:
    ext = pack({"t": msgpack.ExtType(5, b"abc")})
    stamp = msgpack.packb({"t": "ping", "ts": [msgpack.Timestamp(1, 0)]})
    assert error_code(ext) is ErrorCode.BAD_FRAME
    assert error_code(stamp) is ErrorCode.BAD_FRAME


def test_map_keys_must_be_strings_at_every_depth() -> None:
    assert error_code(msgpack.packb({1: 2})) is ErrorCode.BAD_FRAME
    nested = msgpack.packb({"t": "x", "a": [{b"k": 1}]}, use_bin_type=True)
    assert error_code(nested) is ErrorCode.BAD_FRAME


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_never_raise_anything_but_protocol_error(data: bytes) -> None:
    for decode in (decode_client, decode_server):
        with contextlib.suppress(ProtocolError):
            decode(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=60))
def test_random_bytes_after_a_map_header_never_crash(tail: bytes) -> None:
    for head in (b"\x81\xa1t", b"\x82\xa1t\xa5input", b"\x81\xa1t\xa4snap"):
        for decode in (decode_client, decode_server):
            with contextlib.suppress(ProtocolError):
                decode(head + tail)


def test_fatal_error_codes_map_to_close_codes() -> None:
    assert close_code_for(ErrorCode.BAD_FRAME) is CloseCode.POLICY_VIOLATION
    assert close_code_for(ErrorCode.TOO_LARGE) is CloseCode.MESSAGE_TOO_BIG
    assert close_code_for(ErrorCode.VERSION) is CloseCode.VERSION_MISMATCH
    assert close_code_for(ErrorCode.INTERNAL) is CloseCode.INTERNAL_ERROR
    assert close_code_for(ErrorCode.BAD_MESSAGE) is None
    assert close_code_for(ErrorCode.ROOM_FULL) is None


def test_protocol_error_is_a_value_error_with_code_and_message() -> None:
    exc = ProtocolError(ErrorCode.NOT_HOST, "start: only the host can start")
    assert isinstance(exc, ValueError)
    assert str(exc) == exc.msg == "start: only the host can start"
    assert exc.code is ErrorCode.NOT_HOST


def test_rate_limiter_allows_a_burst_then_refuses() -> None:
    limiter = RateLimiter(rate_per_s=10, burst=5)
    assert [limiter.allow(0.0) for _ in range(6)] == [True] * 5 + [False]
    assert limiter.denied == 1


def test_rate_limiter_refills_at_its_rate_up_to_the_burst() -> None:
    limiter = RateLimiter(rate_per_s=10, burst=5)
    for _ in range(5):
        limiter.allow(0.0)
    assert limiter.allow(0.1) and not limiter.allow(0.1)
    assert sum(limiter.allow(100.0) for _ in range(10)) == 5


def test_rate_limiter_defaults_let_60_hz_input_and_pings_through() -> None:
    limiter = RateLimiter()
    now, allowed = 0.0, 0
    for tick in range(600):  # ten seconds of 60 Hz input plus a ping each second
        now = tick / 60
        allowed += limiter.allow(now) + (limiter.allow(now) if tick % 60 == 0 else 0)
    assert allowed == 610 and limiter.denied == 0


def test_rate_limiter_defaults_absorb_a_two_second_stall_but_not_a_flood() -> None:
    limiter = RateLimiter()
    assert all(limiter.allow(2.0) for _ in range(120))
    flood = [limiter.allow(2.0 + i / 1000) for i in range(1000)]
    assert sum(flood) < 100


def test_rate_limiter_ignores_a_clock_going_backwards() -> None:
    limiter = RateLimiter(rate_per_s=1, burst=1)
    assert limiter.allow(10.0)
    assert not limiter.allow(5.0)
    assert not limiter.allow(10.5)
    assert limiter.allow(11.0)


def test_rate_limiter_rejects_nonsense_parameters() -> None:
    with pytest.raises(ValueError):
        RateLimiter(rate_per_s=0)
    with pytest.raises(ValueError):
        RateLimiter(burst=0.5)
