"""How good a bot is: reaction time, decision noise and awareness. Never speed."""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["DIFFICULTY_IDS", "Difficulty", "Skill", "skill_for"]


class Difficulty(enum.IntEnum):
    EASY = 0
    NORMAL = 1
    HARD = 2

    @property
    def id(self) -> str:
        return self.name.lower()

    @classmethod
    def from_id(cls, ident: str) -> Difficulty:
        try:
            return cls[ident.upper()]
        except KeyError:
            raise ValueError(
                f"unknown difficulty {ident!r} (choose from {', '.join(DIFFICULTY_IDS)})"
            ) from None


DIFFICULTY_IDS: tuple[str, ...] = ("easy", "normal", "hard")


@dataclass(frozen=True)
class Skill:
    think_every: int  # ticks between decisions: the reaction delay
    noise: float  # random spread added to every choice's score
    aim: float  # radians of wobble on the move direction
    awareness: float  # tiles: infections farther than this go unnoticed
    ability_sense: float  # 0..1: how reliably it spots a good moment for an ability


SKILLS = {
    Difficulty.EASY: Skill(think_every=10, noise=0.6, aim=0.5, awareness=14.0, ability_sense=0.35),
    Difficulty.NORMAL: Skill(
        think_every=5, noise=0.25, aim=0.2, awareness=30.0, ability_sense=0.75
    ),
    Difficulty.HARD: Skill(think_every=3, noise=0.08, aim=0.05, awareness=999.0, ability_sense=1.0),
}


def skill_for(difficulty: Difficulty) -> Skill:
    return SKILLS[difficulty]
