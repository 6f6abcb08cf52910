"""Code-only art and sound for Expo Showdown.

Every module here draws or synthesises assets from code alone, with no randomness
that isn't seeded, so that ``tools/make_assets.py --check`` can prove that the
committed ``assets/`` folder is exactly what the code produces.

The environment is set here, before any submodule imports pygame, so that the
generator runs headless on a CI box with no display and no sound card.
"""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
