"""How good a bot is: reaction time, decision noise and awareness. Never speed."""

from __future__ import annotations

from dataclasses import dataclass

from game.kinds import Difficulty

__all__ = ["Skill", "skill_for"]


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
