"""Edit to preview: how long a save takes to show under ``serve``, against plain MkDocs.

Prints, for the default handbook and a generated 1,000-entity one, the time from saving a file
to the rebuilt site (one rebuild in a running preview) with the ``playbook`` plugin, after
changing one principle's title, against plain ``mkdocs serve --dirty`` of the exported pages
after editing that principle's Markdown page the same way. Both run as a preview does: MkDocs'
dirty mode, plugins kept between builds, one session per process. Sessions of the two kinds
alternate, so both see the same machine; each prints its median and spread.

Target (issue #14): plugin ÷ plain ≤ 1.5 at 1,000 entities.

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
kind, project, site, edits = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
load = lambda: load_config(str(project / "mkdocs.yml"), site_dir=site)
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
    build(load(), dirty=True)
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def session(kind: str, project: Path, edits: int, principle: str) -> list[float]:
    """Run one preview session in a fresh process; return the seconds of each rebuild."""
    with tempfile.TemporaryDirectory() as site:
        out = subprocess.run(
            [sys.executable, "-c", SESSION, kind, str(project), site, str(edits), principle],
            check=True,
            capture_output=True,
            text=True,
            cwd=project,
        )
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(name: str, project: Path, work: Path, rounds: int, edits: int, principle: str):
    from playbook_gen.build import export_site

    plain = work / f"{name}-export"
    export_site(project / "mkdocs.yml", plain)
    plugin_times: list[float] = []
    plain_times: list[float] = []
    for _ in range(rounds):  # interleaved: plugin, plain, plugin, plain, ...
        plugin_times += session("plugin", project, edits, principle)
        plain_times += session("plain", plain, edits, principle)
    a, b = statistics.median(plugin_times), statistics.median(plain_times)
    print(
        f"{name:>9}: plugin {a * 1000:7.0f} ms (spread {min(plugin_times) * 1000:.0f}–"
        f"{max(plugin_times) * 1000:.0f}), plain --dirty {b * 1000:7.0f} ms (spread "
        f"{min(plain_times) * 1000:.0f}–{max(plain_times) * 1000:.0f}), ratio {a / b:.2f}"
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
        compare("default", default, work, args.rounds, args.edits, "serve-inside-out")
        large = generate_handbook(work / "large", args.entities)
        compare(f"{args.entities}", large, work, args.rounds, args.edits, "principle-30")


if __name__ == "__main__":
    main()
