"""Client frame rate: run ``expo-showdown solo --timedemo`` on a few levels and tabulate.

Each run plays a real match against the in-process server with a bot driving the
local player, renders every frame uncapped with ``SDL_VIDEODRIVER=dummy`` and
reports frames, average FPS and the 99th-percentile frame time.

    python benchmarks/bench_client_fps.py [--seconds 20] [--levels expo-hall,...]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile

LINE = re.compile(r"timedemo: (\d+) frames in (\d+) s, ([\d.]+) FPS average, p99 frame ([\d.]+) ms")


def run(level: str, character: str, seconds: int) -> tuple[int, float, float] | None:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    with tempfile.TemporaryDirectory() as cfg:
        env["EXPO_SHOWDOWN_CONFIG_DIR"] = cfg
        cmd = [sys.executable, "-m", "game.cli", "solo", "--level", level, "--as", character]
        cmd += ["--timedemo", str(seconds)]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 60)
    m = LINE.search(proc.stdout)
    if not m:
        print(f"{level}: failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return int(m[1]), float(m[3]), float(m[4])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--levels", default="expo-hall,conference-showdown,preserve-dental")
    ap.add_argument("--as", dest="character", default="kiran")
    args = ap.parse_args()
    print(f"{'level':<22} {'frames':>8} {'avg FPS':>9} {'p99 ms':>8}")
    ok = True
    for level in args.levels.split(","):
        res = run(level, args.character, args.seconds)
        if res is None:
            ok = False
            continue
        frames, fps, p99 = res
        print(f"{level:<22} {frames:>8} {fps:>9.1f} {p99:>8.1f}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
