"""Random draws that give numpy's own results for less overhead.

``Generator.choice(k, n, p=p)`` validates ``p`` and builds its cumulative sum on
every call, which costs the crowd more than the rest of its target choice. With a
fixed ``p`` the cumulative sum is worked out once; the draw is then numpy's own
method (uniform samples located in the normalised cumulative sum), so the random
stream and the picks are the same. ``tests/test_sim_numpy_equivalents.py`` holds it to that.
"""

from __future__ import annotations

import numpy as np

__all__ = ["choice_cdf", "choose"]


def choice_cdf(p: np.ndarray) -> np.ndarray:
    """The normalised cumulative sum ``Generator.choice`` builds from ``p``."""
    cdf = np.asarray(p, dtype=np.float64).cumsum()
    cdf /= cdf[-1]
    return cdf


def choose(rng: np.random.Generator, cdf: np.ndarray, n: int) -> np.ndarray:
    """``rng.choice(len(cdf), n, p=p)`` for ``cdf = choice_cdf(p)``."""
    return cdf.searchsorted(rng.random(n), side="right")
