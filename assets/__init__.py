"""Data package ``game.data.assets``: art and sound; read them through :mod:`game.data`."""
