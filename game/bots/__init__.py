"""Bots: one policy per character, observation in, ``Input`` out; no I/O."""

from game.bots.bot import Bot
from game.bots.difficulty import DIFFICULTY_IDS, Difficulty, Skill, skill_for

__all__ = ["DIFFICULTY_IDS", "Bot", "Difficulty", "Skill", "skill_for"]
