"""The shared vocabulary: its wire ids never change, and the event table is the protocol's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.client.model import GameEvent
from game.kinds import Character, Difficulty, EventKind, Mode, Phase
from game.net import Create, Pick, Settings, decode_client, encode
from game.net.messages import check_enum, wire_id

PROTOCOL = Path(__file__).parents[1] / "docs" / "PROTOCOL.md"


def test_wire_ids_are_the_strings_the_protocol_has_always_sent() -> None:
    assert [wire_id(c) for c in Character] == ["kiran", "max", "voss", "jenna"]
    assert [wire_id(m) for m in Mode] == ["showdown", "alliance"]
    assert [wire_id(d) for d in Difficulty] == ["easy", "normal", "hard"]
    assert [wire_id(p) for p in Phase] == ["lobby", "countdown", "live", "climax", "results"]


def test_shared_enums_travel_as_strings_and_come_back_as_the_same_members() -> None:
    sent = Create("expo-hall", Mode.SHOWDOWN, Difficulty.EASY)
    assert sent.to_wire() == {
        "t": "create",
        "level": "expo-hall",
        "mode": "showdown",
        "difficulty": "easy",
    }
    assert decode_client(encode(sent)) == sent
    # Member 0 of every enum is falsy as an int; it must still travel.
    assert Settings(mode=Mode.SHOWDOWN).to_wire() == {"t": "settings", "mode": "showdown"}
    assert decode_client(encode(Pick(Character.KIRAN))) == Pick(Character.KIRAN)


def test_a_number_is_not_accepted_where_a_wire_id_belongs() -> None:
    with pytest.raises(ValueError, match="expected one of 'showdown', 'alliance', got 0"):
        check_enum(0, "create.mode", Mode)


def test_every_event_the_protocol_documents_is_an_event_kind_and_no_other() -> None:
    section = PROTOCOL.read_text().split("### 7.3 Events", 1)[1].split("\n## ", 1)[0]
    table = set(re.findall(r"^\| `([a-z_]+)` \| (?!When)", section, re.M))
    prose = set(re.findall(r"`((?:player|bot)_[a-z_]+)` \(", section))
    sent = {wire_id(k) for k in EventKind if k is not EventKind.END}
    assert table | prose == sent


def test_the_client_names_a_wire_event_by_its_kind_and_ignores_unknown_kinds() -> None:
    ev = GameEvent.from_wire("panic_wave", 9, {"x": 1.5, "y": 2})
    assert ev is not None and ev.kind is EventKind.PANIC_WAVE and (ev.x, ev.y) == (1.5, 2.0)
    assert GameEvent.from_wire("confetti", 9, {}) is None


def test_an_unknown_id_names_the_choices() -> None:
    with pytest.raises(ValueError, match=r"unknown difficulty 'brutal' \(choose from easy, normal"):
        Difficulty.from_id("brutal")
    with pytest.raises(ValueError, match=r"unknown event kind 'Crash'"):
        EventKind.from_id("Crash")
