"""Each match rule of the design, proved on the test arena with the state arranged by hand.

Two rules that belong to one bundled level (a shutdown, a panic wave) play on that level.
"""

from __future__ import annotations

import numpy as np
from simkit import arena, go_live, idle, node_index, place, world

from game.levels.model import PoiKind
from game.sim import EventKind, Input, Mode, Outcome, Phase, World
from game.sim.types import NodeKind

PATCH = Input(patch=True)


def clean_all(w) -> None:
    w.systems.infected[:] = False


def jump_to(w, event_index: int, at_s: float) -> None:
    """Skip the clock to just before a scripted event (no other event fires on the way)."""
    w.tick = w.countdown_ticks + round(at_s * 30) - 1
    w.next_event = event_index


def test_match_runs_countdown_then_live_then_climax() -> None:
    w = world(duration_s=60)
    assert w.phase is Phase.COUNTDOWN
    phases = [e.value for e in idle(w, w.countdown_ticks + 1) if e.kind is EventKind.PHASE]
    assert phases == [Phase.LIVE]
    events = idle(w, w.duration_ticks - w.climax_ticks)
    assert Phase.CLIMAX in [e.value for e in events if e.kind is EventKind.PHASE]


def test_players_cannot_move_during_the_countdown() -> None:
    w = world()
    x = w.players[0].x
    w.step([Input(1.0, 0.0)])
    assert w.players[0].x == x


def test_player_cannot_walk_through_walls() -> None:
    w = world()
    go_live(w)
    place(w, 0, 1.5, 5.5)  # west wall at x = 0
    idle(w, 60, [Input(-1.0, 0.0)])
    assert w.players[0].x >= 1.0 + 0.3 - 1e-6
    assert 5.0 < w.players[0].y < 6.0


def test_player_cannot_walk_into_a_system() -> None:
    w = world()
    go_live(w)
    place(w, 1, 12.5, 3.5)  # the kiosk is at tile (12, 5)
    idle(w, 60, [Input(), Input(0.0, 1.0)])
    assert w.players[1].y <= 5.0 - 0.3 + 1e-6


def test_patching_cleans_the_node_and_yields_a_fragment() -> None:
    w = world()
    go_live(w)
    node = node_index(w, "kiosk")
    place(w, 1, 12.5, 4.5)
    events = idle(w, 5 * 30, [Input(), PATCH])
    done = [e for e in events if e.kind is EventKind.PATCH]
    assert done and done[0].seat == 1 and done[0].node == node
    assert not w.systems.infected[node]
    assert w.systems.immune[node] > 0
    assert w.players[1].fragments == 1


def test_patch_progress_resets_when_player_walks_away() -> None:
    w = world()
    go_live(w)
    place(w, 1, 12.5, 4.5)
    idle(w, 30, [Input(), PATCH])
    assert w.players[1].patch_progress > 0.1
    idle(w, 30, [Input(), Input(-1.0, 0.0)])
    assert w.players[1].patch_progress == 0.0
    assert w.players[1].patch_node == -1


def test_faster_patcher_finishes_first() -> None:
    """Max patches fastest, Jenna slowest: same node, same distance, different times."""

    def ticks_to_patch(seat: int) -> int:
        w = world()
        go_live(w)
        place(w, seat, 12.5, 4.5)
        inputs = [Input()] * 4
        inputs[seat] = PATCH
        for tick in range(1, 600):
            if any(e.kind is EventKind.PATCH for e in w.step(inputs)):
                return tick
        raise AssertionError("never patched")

    assert ticks_to_patch(1) < ticks_to_patch(0) < ticks_to_patch(3)


def test_infected_node_loses_integrity_then_crashes_with_a_panic_pulse() -> None:
    w = world()
    go_live(w)
    node = node_index(w, "kiosk")
    w.systems.integrity[node] = 1.0
    w.crowd.pos[:] = w.systems.xy[node] + (0.0, -1.5)
    w.crowd.panic[:] = 0.0
    events = idle(w, 12)
    assert any(e.kind is EventKind.CRASH and e.node == node for e in events)
    assert w.systems.crashed[node]
    assert w.crowd.panic.mean() > 0.3


def test_glitch_spreads_along_links() -> None:
    w = world(seed=3)
    go_live(w)
    w.next_event = len(w.level.events)  # no surge: only the links can carry it
    idle(w, 30 * 40)
    infected = set(np.flatnonzero(w.systems.infected)) | set(np.flatnonzero(w.systems.immune))
    seed = node_index(w, "kiosk")
    linked = {b for a, b in w.level.links if a == seed} | {a for a, b in w.level.links if b == seed}
    assert infected & linked, "after 40 s some neighbour of the seed node caught the glitch"


def test_firewalled_link_does_not_carry_the_glitch() -> None:
    w = world(seed=3)
    go_live(w)
    w.next_event = len(w.level.events)  # no surge: only the link could carry it
    w.systems.firewall[:] = 10**6
    idle(w, 30 * 40)
    assert list(np.flatnonzero(w.systems.infected)) == [node_index(w, "kiosk")]


def test_infected_vault_fills_the_leak_meter_until_breach() -> None:
    w = world()
    go_live(w)
    vault = node_index(w, "vault")
    w.systems.infected[vault] = True
    idle(w, 60)
    assert w.leak > 0
    w.leak = 0.999
    w.systems.crashed[vault] = True
    events = idle(w, 12)
    assert w.outcome is Outcome.BREACH and w.over
    assert any(e.kind is EventKind.BREACH for e in events)


def test_scripted_surge_infects_at_its_time() -> None:
    w = world()
    go_live(w)
    clean_all(w)
    first = w.level.events[0]
    events = idle(w, round(first.at_s * 30))
    surges = [e for e in events if e.kind is EventKind.SURGE]
    assert len(surges) == 1 and surges[0].text == first.message
    assert w.systems.infected.sum() == first.random + len(first.nodes)


def test_spectra_shuts_down_mid_match_in_the_debate_hall() -> None:
    w = world("neosmiles-debate")
    go_live(w)
    index, shutdown = next(
        (i, e) for i, e in enumerate(w.level.events) if e.kind.name == "SHUTDOWN"
    )
    jump_to(w, index, shutdown.at_s)
    events = idle(w, 2)
    core = next(i for i, n in enumerate(w.level.nodes) if n.kind is NodeKind.CORE)
    assert any(e.kind is EventKind.SHUTDOWN for e in events)
    assert w.systems.crashed[core] and w.systems.infected[core]


def test_distressed_visitor_sends_a_panic_wave_on_vr_demo_day() -> None:
    w = world("vr-demo-day")
    go_live(w)
    index, wave = next((i, e) for i, e in enumerate(w.level.events) if e.kind.name == "PANIC_WAVE")
    jump_to(w, index, wave.at_s)
    w.crowd.pos[:] = (wave.x, wave.y)
    w.crowd.panic[:] = 0.0
    events = idle(w, 2)
    assert any(e.kind is EventKind.PANIC_WAVE for e in events)
    assert w.crowd.panic.min() >= wave.strength - 0.01


def test_containment_after_the_last_surge_ends_the_match() -> None:
    w = world()
    go_live(w)
    w.next_event = len(w.level.events)
    clean_all(w)
    events = idle(w, round(w.rules.match.contain_hold_s * 30) + 1)
    assert w.outcome is Outcome.CONTAINED
    assert any(e.kind is EventKind.CONTAINED for e in events)


def test_timer_running_out_ends_the_match() -> None:
    w = World(arena(), seed=1, duration_s=30)  # idle players: the glitch stays, the vault leaks
    idle(w, w.countdown_ticks + w.duration_ticks - 1)
    assert not w.over
    events = w.step()
    assert w.over and w.outcome is Outcome.TIMEOUT and 0 < w.leak < 1
    assert [e.value for e in events if e.kind is EventKind.END] == [Outcome.TIMEOUT]
    assert w.step() == []


def test_witnesses_of_a_patch_favour_the_patcher() -> None:
    w = world()
    go_live(w)
    node = node_index(w, "kiosk")
    place(w, 3, 12.5, 4.5)
    w.crowd.pos[:] = (11.5, 3.5)
    w.crowd.panic[:] = 0.0
    idle(w, 8 * 30, [Input(), Input(), Input(), PATCH])
    assert not w.systems.infected[node]
    totals = w.crowd.totals()
    assert totals[3] > 5 * max(totals[0], totals[1], totals[2])


def test_panicked_visitors_flee_towards_exits_and_lose_favour() -> None:
    w = world()
    go_live(w)
    clean_all(w)
    w.crowd.favour[:] = 0.2
    w.crowd.panic[:] = 1.0
    exits = [i for i, p in enumerate(w.level.pois) if p.kind is PoiKind.EXIT]
    idle(w, 12)
    assert set(np.unique(w.crowd.target)) <= set(exits)
    assert w.crowd.favour.sum() < 0.2 * 4 * w.crowd.count


def test_visitors_never_stand_on_solid_tiles() -> None:
    w = world(seed=9)
    go_live(w)
    idle(w, 30 * 30)
    tx = w.crowd.pos[:, 0].astype(int)
    ty = w.crowd.pos[:, 1].astype(int)
    assert w.nav.walkable[ty, tx].all()


def test_alliance_result_has_stars_and_no_winner() -> None:
    from game.sim import match_result, state_hash

    w = World(arena(), seed=1, mode=Mode.ALLIANCE, duration_s=30)
    idle(w, w.countdown_ticks + w.duration_ticks)  # nobody patches: the glitch is never gone
    result = match_result(w, state_hash(w))
    assert result.winner is None
    assert result.stars == 0 and result.alliance_won is False
    clean_all(w)  # the same timeout with the glitch gone: one star, one for a small leak
    result = match_result(w, state_hash(w))
    assert result.alliance_won is True and result.stars == 2
