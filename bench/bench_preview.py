"""Edit to preview: how long a save takes to show under ``serve``, against plain MkDocs.

Prints, for the default handbook and a generated 1,000-entity one, the time from saving a file
to the rebuilt site (one rebuild in a running preview) with the ``playbook`` plugin, after
changing one principle's title, against plain ``mkdocs serve --dirty`` of the exported pages
after editing that principle's Markdown page the same way. Both run as a preview does: MkDocs'
dirty mode, plugins kept between builds, one session per process. For the default handbook,
also against plain ``mkdocs serve`` (no ``--dirty``: every page rebuilt on a save, MkDocs'
default). Sessions of the kinds alternate, so all see the same machine; each prints its median
and spread.

Targets (issue #14): plugin ÷ plain ``--dirty`` ≤ 1.5 at 1,000 entities; plugin ÷ plain
``mkdocs serve`` ≤ 1.1 for the default handbook. The plugin keeps the theme's templates
compiled between builds, which plain MkDocs does not (it compiles them on every rebuild), so
the plugin's own cost is printed too: against plain ``--dirty`` given the same cache by a hook
(``bench_build.THEME_CACHE_HOOK``).

Usage: python bench/bench_preview.py [--rounds N] [--edits N] [--entities N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

SESSION = r"""
import json, logging, sys, time
from pathlib import Path
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

logging.disable(logging.WARNING)
kind, config_file, site, edits = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
project = config_file.parent
load = lambda: load_config(str(config_file), site_dir=site)
config = load()
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=True)
times = []
for n in range(edits):
    if kind == "plugin":
        path = project / "content" / "principles" / f"{sys.argv[5]}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["title"] = f"Renamed principle, take {n}"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    else:
        path = project / "docs" / "principles" / f"{sys.argv[5]}.md"
        text = path.read_text(encoding="utf-8").splitlines(keepends=True)
        heading = next(i for i, line in enumerate(text) if line.startswith("# "))
        text[heading] = f"# Renamed principle, take {n}\n"
        path.write_text("".join(text), encoding="utf-8")
    start = time.perf_counter()
    build(load(), dirty=kind != "full")
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def session(kind: str, config_file: Path, edits: int, principle: str) -> list[float]:
    """Run one preview session in a fresh process; return the seconds of each rebuild."""
    with tempfile.TemporaryDirectory() as site:
        out = subprocess.run(
            [sys.executable, "-c", SESSION, kind, str(config_file), site, str(edits), principle],
            check=True,
            capture_output=True,
            text=True,
            cwd=config_file.parent,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(
    name: str, project: Path, work: Path, rounds: int, edits: int, principle: str, full: bool
):
    """Print the plugin's rebuild time against plain MkDocs' (see the module's docstring);
    with `full`, against plain MkDocs rebuilding every page too."""
    from bench_build import with_theme_cache

    from playbook_gen.build import export_site

    plain = work / f"{name}-export"
    export_site(project / "mkdocs.yml", plain)
    kinds = {
        "plugin": project / "mkdocs.yml",
        "plain": plain / "mkdocs.yml",
        "cached": with_theme_cache(plain),
        **({"full": plain / "mkdocs.yml"} if full else {}),
    }
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(rounds):  # interleaved: plugin, plain, cached, (full,) plugin, plain, ...
        for kind, config_file in kinds.items():
            times[kind] += session(kind, config_file, edits, principle)
    median = {kind: statistics.median(t) for kind, t in times.items()}

    def shown(kind: str) -> str:
        t = times[kind]
        return f"{median[kind] * 1000:.0f} ms (spread {min(t) * 1000:.0f}–{max(t) * 1000:.0f})"

    print(
        f"{name:>9}: plugin {shown('plugin')}, plain --dirty {shown('plain')}, ratio "
        f"{median['plugin'] / median['plain']:.2f}" + ("" if full else "  (target ≤ 1.5)")
    )
    if full:
        print(
            f"{'':>9}  plain mkdocs serve (every page rebuilt) {shown('full')}, ratio "
            f"{median['plugin'] / median['full']:.2f}  (target ≤ 1.1)"
        )
    print(
        f"{'':>9}  the plugin's own cost: plain --dirty with the theme's templates kept "
        f"compiled too {shown('cached')}, ratio {median['plugin'] / median['cached']:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="sessions of each kind")
    parser.add_argument("--edits", type=int, default=4, help="saves per session")
    parser.add_argument("--entities", type=int, default=1000)
    args = parser.parse_args()
    from bench_build import generate_handbook

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        default = work / "default"
        default.mkdir()
        shutil.copy2(ROOT / "mkdocs.yml", default / "mkdocs.yml")
        for folder in ("content", "docs", "themes"):
            shutil.copytree(ROOT / folder, default / folder)
        compare("default", default, work, args.rounds, args.edits, "serve-inside-out", True)
        large = generate_handbook(work / "large", args.entities)
        compare(f"{args.entities}", large, work, args.rounds, args.edits, "principle-30", False)


if __name__ == "__main__":
    main()
