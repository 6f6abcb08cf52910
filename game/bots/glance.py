"""The parts of an observation every bot reads, turned into Python values once.

All the bots that think on a tick share one observation. Node states as lists (a
bot's scoring loop reads them one by one, which numpy arrays make slow) and the
crowd counts that do not depend on who is looking are worked out by the first bot
to need them and kept in the observation's cache for the others.
"""

from __future__ import annotations

import numpy as np

from game.sim.observation import Observation

__all__ = ["Glance", "glance"]


class Glance:
    """Node and link states of one observation as lists of Python values."""

    __slots__ = ("crashed", "firewall", "immune", "infected", "infected_count")

    def __init__(self, obs: Observation) -> None:
        self.infected: list[bool] = obs.infected.tolist()
        self.crashed: list[bool] = obs.crashed.tolist()
        self.immune: list[bool] = obs.immune.tolist()
        self.firewall: list[bool] = obs.firewall.tolist()
        self.infected_count = int(np.count_nonzero(obs.infected))


def glance(obs: Observation) -> Glance:
    """The observation's glance, built by the first bot that asks."""
    cached = obs.cache.get("glance")
    if cached is None:
        cached = obs.cache["glance"] = Glance(obs)
    return cached  # type: ignore[no-any-return]
