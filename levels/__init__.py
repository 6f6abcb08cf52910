"""Data package ``game.data.levels``: the level files; read them through :mod:`game.data`."""
