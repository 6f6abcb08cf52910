"""A close frame's reason is cut by its UTF-8 bytes, so a multi-byte name never makes
the server build a control frame that is too long."""

from __future__ import annotations

from server.client import CLOSE_REASON_MAX, close_reason


def test_a_long_multibyte_reason_fits_a_close_frame_and_keeps_whole_characters() -> None:
    reason = "room closed by " + "李娜✨" * 60
    cut = close_reason(reason)
    assert len(cut.encode()) <= CLOSE_REASON_MAX
    assert reason.startswith(cut) and len(cut) > 40


def test_a_short_reason_is_left_as_it_is() -> None:
    assert close_reason("server is shutting down") == "server is shutting down"
