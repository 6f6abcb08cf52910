"""Each character's signature ability, second action and passive."""

from __future__ import annotations

import numpy as np
from simkit import go_live, idle, node_index, place, world

from game.sim import EventKind, Input
from game.sim.types import Character

KIRAN, MAX, VOSS, JENNA = (int(c) for c in Character)


def press(seat: int, **flags: bool) -> list[Input]:
    inputs = [Input()] * 4
    inputs[seat] = Input(**flags)
    return inputs


def crowd_at(w, x: float, y: float, panic: float) -> None:
    """Everyone at one spot, standing still."""
    w.crowd.rules = w.crowd.rules.__class__(**{**vars(w.crowd.rules), "speed": 0.0})
    w.crowd.pos[:] = (x, y)
    w.crowd.panic[:] = panic
    w.crowd.favour[:] = 0.0


def test_reassure_calms_nearby_visitors_and_wins_them_for_kiran() -> None:
    w = world()
    go_live(w)
    w.systems.infected[:] = False
    place(w, KIRAN, 10.5, 3.5)
    crowd_at(w, 11.0, 3.0, 0.8)
    events = w.step(press(KIRAN, ability=True))
    assert any(e.kind is EventKind.REASSURE for e in events)
    assert w.players[KIRAN].ability_cd > 0
    idle(w, 30)
    assert w.crowd.panic.max() < 0.5
    assert w.crowd.totals()[KIRAN] > 0.025 * w.crowd.count


def test_ability_waits_for_its_cooldown() -> None:
    w = world()
    go_live(w)
    w.step(press(JENNA, ability=True))
    cooldown = w.players[JENNA].ability_cd
    events = idle(w, 10, press(JENNA, ability=True))
    assert not any(e.kind is EventKind.POST for e in events)
    assert w.players[JENNA].abilities == 1
    assert w.players[JENNA].ability_cd == cooldown - 10


def test_firewall_blocks_the_link_nearest_max_that_the_glitch_threatens() -> None:
    w = world()
    go_live(w)
    seed = node_index(w, "kiosk")
    place(w, MAX, 12.5, 4.5)
    events = w.step(press(MAX, ability=True))
    fire = [e for e in events if e.kind is EventKind.FIREWALL]
    assert len(fire) == 1
    a, b = w.level.links[fire[0].node]
    assert seed in (a, b)
    assert w.systems.firewall[fire[0].node] > 0


def test_master_patch_needs_fragments_and_the_core() -> None:
    w = world()
    go_live(w)
    core = node_index(w, "core")
    w.systems.infected[core] = True
    place(w, MAX, 8.5, 2.5)  # the core is at tile (8, 1)
    w.step(press(MAX, action=True))
    assert w.systems.infected[core], "no fragments: nothing happens"
    assert w.players[MAX].action_cd == 0
    w.players[MAX].fragments = w.rules.characters[MAX].master_fragments + 1
    events = w.step(press(MAX, action=True))
    assert any(e.kind is EventKind.MASTER_PATCH for e in events)
    assert not w.systems.infected[core]
    assert (w.systems.immune > 0).all()
    assert w.players[MAX].fragments == 1


def test_master_patch_is_refused_away_from_the_core() -> None:
    w = world()
    go_live(w)
    w.players[MAX].fragments = 10
    place(w, MAX, 14.5, 8.5)
    events = w.step(press(MAX, action=True))
    assert not any(e.kind is EventKind.MASTER_PATCH for e in events)
    assert w.players[MAX].fragments == 10


def test_voss_drone_flies_to_an_infected_node_and_patches_it() -> None:
    w = world()
    go_live(w)
    seed = node_index(w, "kiosk")
    events = w.step(press(VOSS, ability=True))
    assert any(e.kind is EventKind.DRONE for e in events) and len(w.drones) == 1
    events = idle(w, 30 * 18)
    patched = [e for e in events if e.kind is EventKind.PATCH and e.text == "drone"]
    assert patched and patched[0].seat == VOSS and patched[0].node == seed
    assert w.players[VOSS].patches >= 1


def test_showcase_on_a_clean_stage_wins_a_burst_of_favour() -> None:
    w = world()
    go_live(w)
    w.systems.infected[:] = False
    place(w, VOSS, 6.5, 1.5)  # on the stage
    crowd_at(w, 7.0, 4.0, 0.0)
    events = w.step(press(VOSS, action=True))
    show = [e for e in events if e.kind is EventKind.SHOWCASE]
    assert show and show[0].value > 0
    assert w.crowd.totals()[VOSS] > 0.05 * w.crowd.count


def test_showcase_backfires_when_the_glitch_is_visible() -> None:
    w = world()
    go_live(w)
    w.systems.infected[:] = True
    place(w, VOSS, 6.5, 1.5)  # on the stage
    crowd_at(w, 7.0, 4.0, 0.0)
    w.crowd.favour[:, VOSS] = 0.5
    events = w.step(press(VOSS, action=True))
    show = [e for e in events if e.kind is EventKind.SHOWCASE]
    assert show and show[0].value < 0
    assert w.crowd.totals()[VOSS] < 0.5 * w.crowd.count


def test_showcase_only_runs_on_the_stage() -> None:
    w = world()
    go_live(w)
    place(w, VOSS, 14.5, 8.5)
    events = w.step(press(VOSS, action=True))
    assert not any(e.kind is EventKind.SHOWCASE for e in events)
    assert w.players[VOSS].action_cd == 0


def test_voss_reputation_suffers_while_her_systems_are_infected() -> None:
    w = world()
    go_live(w)
    w.systems.infected[:] = False
    w.systems.infected[w.systems.owner == VOSS] = True
    w.systems.integrity[:] = 100.0
    w.crowd.favour[:] = 0.0
    w.crowd.favour[:, VOSS] = 0.5
    w.crowd.panic[:] = 0.0
    w.crowd.rules = w.crowd.rules.__class__(**{**vars(w.crowd.rules), "favour_decay": 0.0})
    idle(w, 60)
    assert w.crowd.totals()[VOSS] < 0.5 * w.crowd.count * 0.99


def test_post_calms_everyone_and_turns_the_panicked_into_jennas_followers() -> None:
    w = world()
    go_live(w)
    half = w.crowd.count // 2
    w.crowd.panic[:] = 0.1
    w.crowd.panic[:half] = 0.9
    w.crowd.favour[:] = 0.0
    events = w.step(press(JENNA, ability=True))
    post = [e for e in events if e.kind is EventKind.POST]
    assert post and post[0].value > 0
    assert w.crowd.favour[:half, JENNA].min() > 0.3
    assert np.allclose(w.crowd.favour[half:, JENNA], 0.0)
    assert w.crowd.panic.max() < 0.9


def test_kiran_wins_more_favour_from_the_same_patch() -> None:
    def favour_after_patch(seat: int) -> float:
        w = world()
        go_live(w)
        place(w, seat, 12.5, 4.5)
        crowd_at(w, 11.5, 3.5, 0.0)
        for _ in range(600):
            done = [e for e in w.step(press(seat, patch=True)) if e.kind is EventKind.PATCH]
            if done:
                return done[0].value
        raise AssertionError("never patched")

    assert favour_after_patch(KIRAN) > favour_after_patch(MAX) * 1.05
