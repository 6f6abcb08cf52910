"""Client and server messages: round trips, validation errors, decoder fuzzing."""

from __future__ import annotations

import contextlib
import math
import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.kinds import Character, Difficulty, Mode, Phase
from game.net import (
    PROTOCOL_VERSION,
    ROOM_CODE_ALPHABET,
    Create,
    End,
    ErrorCode,
    ErrorMsg,
    Event,
    Hello,
    InputMsg,
    Join,
    Leave,
    MatchResults,
    Pick,
    Ping,
    PlayerResult,
    Pong,
    ProtocolError,
    Ready,
    Rejoin,
    Room,
    Seat,
    Settings,
    Snap,
    Start,
    Welcome,
    decode_client,
    decode_server,
    encode,
    is_level_id,
    is_room_code,
    new_room_code,
    pack,
    parse_client,
    parse_server,
)

U32 = 2**32 - 1
codes = st.text(ROOM_CODE_ALPHABET, min_size=4, max_size=4)
levels = st.from_regex(r"[a-z0-9][a-z0-9-]{0,39}", fullmatch=True)
names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20).filter(
    lambda s: s == s.strip() and s.isprintable() and s != ""
)
tokens = st.from_regex(r"[A-Za-z0-9_-]{16,128}", fullmatch=True)
axis = st.floats(-1.0, 1.0, allow_nan=False)
optional_tick = st.none() | st.integers(0, U32)
durations = st.none() | st.integers(30, 900)
numbers = st.floats(0, 1e12, allow_nan=False)

client_messages = st.one_of(
    st.builds(Hello, names),
    st.builds(Create, levels, st.sampled_from(Mode), st.sampled_from(Difficulty), durations),
    st.builds(Join, codes, st.none() | st.sampled_from(Character), st.just(False)),
    st.builds(Join, codes, st.none(), st.just(True)),
    st.builds(Pick, st.sampled_from(Character)),
    st.builds(Ready, st.booleans()),
    st.just(Start()),
    st.just(Leave()),
    st.builds(Rejoin, tokens),
    st.builds(
        Settings,
        st.none() | levels,
        st.none() | st.sampled_from(Mode),
        st.none() | st.sampled_from(Difficulty),
        durations,
    ).filter(lambda s: s != Settings()),
    st.builds(
        InputMsg,
        st.integers(0, U32),
        optional_tick,
        st.tuples(axis, axis),
        st.booleans(),
        st.booleans(),
        st.booleans(),
    ),
    st.builds(Ping, st.floats(-1e15, 1e15, allow_nan=False) | st.integers(-(2**63), 2**63 - 1)),
)

seats = st.builds(
    Seat,
    names,
    st.none() | st.sampled_from(Character),
    st.booleans(),
    st.booleans(),
    st.none() | st.integers(1, U32),
)
player_results = st.builds(
    PlayerResult,
    st.sampled_from(Character),
    numbers,
    st.integers(0, U32),
    st.integers(0, U32),
    st.integers(0, U32),
    st.integers(0, U32),
)
results = st.builds(
    MatchResults,
    level=levels,
    seed=st.integers(0, 2**64 - 1),
    mode=st.sampled_from(Mode),
    difficulty=st.sampled_from(Difficulty),
    winner=st.none() | st.sampled_from(Character),
    favour=st.fixed_dictionaries({c: numbers for c in Character}),
    leak=numbers,
    outcome=st.sampled_from(["timeout", "contained", "breach"]),
    stars=st.none() | st.integers(0, 3),
    ticks=st.integers(0, U32),
    state_hash=st.text("0123456789abcdef", max_size=64),
    wall_s=numbers,
    players=st.tuples(*(player_results,) * 4),
    alliance_won=st.none() | st.booleans(),
)
ints = st.integers(-(2**63), 2**63 - 1)
server_messages = st.one_of(
    st.builds(Welcome, st.integers(1, U32), tokens),
    st.builds(
        Room,
        codes,
        levels,
        st.sampled_from(Mode),
        st.sampled_from(Difficulty),
        st.tuples(seats, seats, seats, seats),
        st.integers(1, U32),
        st.sampled_from(Phase),
        st.integers(0, 1000),
        durations,
        st.integers(1, 240),
    ),
    st.builds(Snap, st.integers(0, U32), st.binary(min_size=1, max_size=64)),
    st.builds(
        Event,
        st.from_regex(r"[a-z][a-z0-9_]{0,31}", fullmatch=True),
        st.integers(0, U32),
        st.dictionaries(st.sampled_from(["node", "by", "x"]), ints | st.text()),
    ),
    st.builds(End, results),
    st.builds(ErrorMsg, st.sampled_from(ErrorCode), st.text(max_size=100)),
    st.builds(Pong, st.floats(-1e15, 1e15, allow_nan=False)),
)


@settings(max_examples=150, deadline=None)
@given(client_messages)
def test_every_client_message_round_trips(msg: Any) -> None:
    assert decode_client(encode(msg)) == msg


@settings(max_examples=200, deadline=None)
@given(server_messages)
def test_every_server_message_round_trips(msg: Any) -> None:
    assert decode_server(encode(msg)) == msg


plain = st.recursive(
    st.none() | st.booleans() | ints | st.floats() | st.text(max_size=10) | st.binary(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
client_types = st.sampled_from(
    ["hello", "create", "join", "pick", "ready", "start", "leave", "rejoin", "settings"]
    + ["input", "ping", "nope"]
)
server_types = st.sampled_from(["welcome", "room", "snap", "event", "end", "error", "pong"])
field_names = st.sampled_from(
    ["v", "name", "level", "mode", "difficulty", "duration_s", "code", "character"]
    + ["spectate", "ready", "token", "seq", "ack", "move", "patch", "ability", "action", "ts"]
    + ["player_id", "seats", "host", "phase", "tick", "base", "state", "delta", "results"]
)


@settings(max_examples=150, deadline=None)
@given(st.one_of(client_types, server_types), st.dictionaries(field_names, plain, max_size=8))
def test_random_message_maps_raise_only_protocol_error(t: str, fields: dict[str, Any]) -> None:
    for parse in (parse_client, parse_server):
        with contextlib.suppress(ProtocolError):
            parse({"t": t, **fields})


@settings(max_examples=200, deadline=None)
@given(plain)
def test_random_msgpack_objects_raise_only_protocol_error(obj: Any) -> None:
    for decode in (decode_client, decode_server):
        with contextlib.suppress(ProtocolError):
            decode(pack(obj))


@settings(max_examples=100, deadline=None)
@given(client_messages, st.data())
def test_mutated_valid_messages_raise_only_protocol_error(msg: Any, data: st.DataObject) -> None:
    wire = msg.to_wire()
    key = data.draw(st.sampled_from(sorted(wire)))
    wire[key] = data.draw(plain)
    with contextlib.suppress(ProtocolError):
        parse_client(wire)


def refusal(wire: dict[str, Any]) -> ProtocolError:
    with pytest.raises(ProtocolError) as info:
        decode_client(pack(wire))
    return info.value


def input_wire(**changes: Any) -> dict[str, Any]:
    return {**InputMsg(seq=1).to_wire(), **changes}


def test_out_of_range_move_names_the_field_and_the_value() -> None:
    exc = refusal(input_wire(move=[3.5, 0.0]))
    assert exc.code is ErrorCode.BAD_MESSAGE
    assert exc.msg == "input.move[0]: expected a number in -1..1, got 3.5"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_floats_are_refused(bad: float) -> None:
    assert refusal(input_wire(move=[0.0, bad])).msg.startswith("input.move[1]: expected a number")
    assert refusal({"t": "ping", "ts": bad}).msg.startswith("ping.ts:")


def test_move_accepts_ints_but_not_bools() -> None:
    assert decode_client(pack(input_wire(move=[1, 0]))) == InputMsg(seq=1, move=(1.0, 0.0))
    assert "got true" in refusal(input_wire(move=[True, 0])).msg


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"seq": -1}, "input.seq"),
        ({"seq": 2**32}, "input.seq"),
        ({"seq": True}, "input.seq"),
        ({"ack": "5"}, "input.ack"),
        ({"move": [0.0]}, "input.move"),
        ({"move": {"x": 0}}, "input.move"),
        ({"patch": 1}, "input.patch"),
    ],
)
def test_wrong_input_fields_name_their_path(changes: dict[str, Any], path: str) -> None:
    exc = refusal(input_wire(**changes))
    assert exc.code is ErrorCode.BAD_MESSAGE and exc.msg.startswith(path + ":")


def test_missing_field_is_named() -> None:
    wire = input_wire()
    del wire["ability"]
    assert refusal(wire).msg == "input.ability: missing"


def test_unknown_fields_in_client_messages_are_refused() -> None:
    exc = refusal({"t": "ready", "ready": True, "colour": "red"})
    assert exc.code is ErrorCode.BAD_MESSAGE and exc.msg == "ready.colour: unknown field"


def test_missing_and_unknown_types() -> None:
    assert refusal({"ready": True}).code is ErrorCode.BAD_MESSAGE
    assert refusal({"t": 3}).code is ErrorCode.BAD_MESSAGE
    assert refusal({"t": "welcome", "v": PROTOCOL_VERSION}).code is ErrorCode.UNKNOWN_TYPE


def test_hello_version_mismatch_is_a_version_error_even_with_other_changes() -> None:
    exc = refusal({"t": "hello", "v": PROTOCOL_VERSION + 1, "nick": "x"})
    assert exc.code is ErrorCode.VERSION
    assert refusal({"t": "hello", "v": True, "name": "x"}).code is ErrorCode.VERSION


def test_hello_name_is_trimmed_and_checked() -> None:
    assert decode_client(pack({"t": "hello", "v": PROTOCOL_VERSION, "name": "  Ana "})) == Hello(
        "Ana"
    )
    for bad in ["", "   ", "a" * 21, "tab\there", "new\nline"]:
        assert refusal({"t": "hello", "v": PROTOCOL_VERSION, "name": bad}).msg.startswith(
            "hello.name:"
        )


def test_create_checks_level_id_and_duration() -> None:
    base = Create("expo-hall", Mode.SHOWDOWN, Difficulty.NORMAL).to_wire()
    for level in ["Expo", "-expo", "expo_hall", "a" * 41, ""]:
        assert refusal({**base, "level": level}).msg.startswith("create.level:")
    for duration in [29, 901, 60.0]:
        assert refusal({**base, "duration_s": duration}).msg.startswith("create.duration_s:")
    assert decode_client(pack({**base, "duration_s": None})).duration_s is None  # type: ignore[union-attr]


def test_join_checks_code_and_refuses_character_with_spectate() -> None:
    for code in ["ABCI", "ABC", "ABCDE", "abcd", "AB1D"]:
        assert refusal({"t": "join", "code": code}).msg.startswith("join.code:")
    wire = {"t": "join", "code": "ABCD", "character": "max", "spectate": True}
    assert refusal(wire).msg == "join.character: not allowed together with spectate"
    assert decode_client(pack({"t": "join", "code": "ABCD", "spectate": False})) == Join("ABCD")


def test_empty_settings_are_refused() -> None:
    assert refusal({"t": "settings"}).msg.startswith("settings: expected at least one")


def test_rejoin_token_format() -> None:
    for token in ["short", "x" * 129, "a" * 15 + "!", 12345678901234567890]:
        assert refusal({"t": "rejoin", "token": token}).msg.startswith("rejoin.token:")


def test_long_bad_values_are_shortened_in_messages() -> None:
    exc = refusal({"t": "pick", "character": "z" * 3000})
    assert len(exc.msg) < 120


def test_input_frame_is_small() -> None:
    frame = encode(InputMsg(seq=123456, ack=98765, move=(0.70710678, -0.70710678), patch=True))
    assert len(frame) < 80


def test_room_codes_avoid_ambiguous_letters() -> None:
    assert not set("ILOQU0") & set(ROOM_CODE_ALPHABET)
    assert len(set(ROOM_CODE_ALPHABET)) == len(ROOM_CODE_ALPHABET) >= 20
    rng = random.Random(7)
    assert all(is_room_code(new_room_code(rng.choice)) for _ in range(50))
    assert not is_room_code("ABCL") and not is_room_code(None)


def test_level_ids() -> None:
    assert is_level_id("expo-hall") and is_level_id("vr-demo-day-2")
    assert not is_level_id("expo-hall\n") and not is_level_id("Expo")


def test_server_decoder_ignores_unknown_keys() -> None:
    wire = {**Welcome(7, "t" * 32).to_wire(), "motd": "hi"}
    assert decode_server(pack(wire)) == Welcome(7, "t" * 32)


def test_welcome_with_another_version_is_a_version_error() -> None:
    wire = {**Welcome(7, "t" * 32).to_wire(), "v": PROTOCOL_VERSION + 1}
    with pytest.raises(ProtocolError) as info:
        decode_server(pack(wire))
    assert info.value.code is ErrorCode.VERSION


def test_snap_carries_its_payload_in_a_bin_and_refuses_anything_else() -> None:
    wire = Snap(tick=10, data=b"\x20").to_wire()
    assert wire == {"t": "snap", "tick": 10, "d": b"\x20"}
    assert Snap(10, b"\x20").base == 8 and Snap(10, b"\x05").base is None
    for bad in ([1, 2], "text", b""):
        with pytest.raises(ProtocolError, match="snap.d"):
            parse_server({**wire, "d": bad})


def test_hello_from_a_version_1_client_is_refused_with_a_clear_version_error() -> None:
    exc = refusal({"t": "hello", "v": 1, "name": "Old"})
    assert exc.code is ErrorCode.VERSION
    assert exc.msg == "hello.v: server speaks protocol 2, client sent 1"


def test_end_results_carry_each_players_numbers_and_whether_the_alliance_won() -> None:
    players = tuple(PlayerResult(c, 10.0 * c, 3, 2, 1, int(c)) for c in Character)
    results = MatchResults(
        "expo-hall", 5, Mode.ALLIANCE, Difficulty.NORMAL, None,
        {c: 10.0 * c for c in Character}, 0.1, "contained", 1, 900, "ab", 1.0,
        players, True,
    )  # fmt: skip
    wire = End(results).to_wire()["results"]
    assert wire["alliance_won"] is True and wire["stars"] == 1
    assert wire["players"][3] == {
        "character": "jenna", "favour": 30.0, "patches": 3, "abilities": 2, "actions": 1,
        "fragments": 3,
    }  # fmt: skip
    assert decode_server(encode(End(results))) == End(results)
    del wire["players"]
    with pytest.raises(ProtocolError, match="end.results.players"):
        parse_server({"t": "end", "results": wire})


def test_error_message_is_built_from_the_exception() -> None:
    exc = ProtocolError(ErrorCode.ROOM_FULL, "join.code: room ABCD is full")
    msg = ErrorMsg.from_exception(exc)
    assert msg.to_wire() == {"t": "error", "code": 13, "msg": "join.code: room ABCD is full"}
    assert decode_server(encode(msg)) == msg


def test_event_fields_cannot_shadow_the_envelope() -> None:
    with pytest.raises(ValueError):
        Event("patched", 5, {"tick": 3})
    assert Event("patched", 5, {"node": 2}).to_wire() == {
        "t": "event",
        "kind": "patched",
        "tick": 5,
        "node": 2,
    }


@pytest.mark.parametrize("v", [2.0, True, "2", 2.5])
def test_hello_version_must_be_the_integer_itself(v: object) -> None:
    with pytest.raises(ProtocolError) as err:
        decode_client(pack({"t": "hello", "v": v, "name": "Leila"}))
    assert err.value.code is ErrorCode.VERSION


@pytest.mark.parametrize(
    "name", ["\u3164", "\u2800\u2800", "\u115f\u1160", "\u0301", "Max bot", "max BOT", "Leila  bot"]
)
def test_names_that_draw_nothing_or_pass_for_a_bot_are_refused(name: str) -> None:
    with pytest.raises(ProtocolError) as err:
        decode_client(pack({"t": "hello", "v": PROTOCOL_VERSION, "name": name}))
    assert err.value.code is ErrorCode.BAD_MESSAGE and "hello.name" in str(err.value)


@pytest.mark.parametrize("name", ["Robot", "Bot Ana", "Abbott", "李娜", "Zoë ✨"])
def test_ordinary_names_are_still_welcome(name: str) -> None:
    assert decode_client(pack({"t": "hello", "v": PROTOCOL_VERSION, "name": name})).name == name
