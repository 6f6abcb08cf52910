"""Bots: one policy per character, observation in, ``Input`` out; no I/O."""

from game.bots.bot import Bot
from game.bots.difficulty import Skill, skill_for

__all__ = ["Bot", "Skill", "skill_for"]
