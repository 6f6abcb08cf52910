"""Test-wide setup: pygame never needs a display or a sound card, and settings never
touch the real user's config."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("EXPO_SHOWDOWN_CONFIG_DIR", tempfile.mkdtemp(prefix="expo-config-"))
os.environ.setdefault("EXPO_SHOWDOWN_DATA_DIR", tempfile.mkdtemp(prefix="expo-data-"))
