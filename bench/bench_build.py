"""Build speed: what the playbook layer costs on top of MkDocs, and how it scales.

Prints these ratios, each against a baseline measured in the same run:

1. plugin ÷ plain: building through the ``playbook`` plugin versus building the exported plain
   Markdown with MkDocs alone (target ≤ 1.05), for the default handbook and generated 100- and
   1,000-entity handbooks. Builds run in this process after a warm-up, as ``serve`` rebuilds,
   so the ratio is the cost of the plugin's work per build;
2. per-page milliseconds at 1,000 entities ÷ at 100 entities (target ≤ 1.15: no quadratic
   blow-up);
3. ``validate`` of 1,000 entity files ÷ plain YAML parsing of the same files (target ≤ 2), for
   texts of plain prose and for texts full of Markdown (links, nested lists, quotes), which every
   text limit reads (model.markdown_limit_problem), with the share of the text checks (limits and
   the warnings about published text).

Then the start-up figures, each a command in a fresh process, what a person at a terminal waits
for (imports included):

4. a whole ``mkdocs build`` through the plugin ÷ ``mkdocs build`` of the export (target ≤ 1.10),
   for the default handbook and the 100-entity one. The plugin keeps the theme's templates
   compiled between runs, which plain MkDocs does not; so the plugin's own cost is printed
   too, against a plain build given the same cache by a hook;
5. ``playbook-gen validate`` of the default handbook ÷ plain YAML parsing of its files (target
   ≤ 2);
6. ``playbook-gen --help`` and ``playbook-gen new`` ÷ ``mkdocs --help`` and ``mkdocs new``, for
   information.

Start-up figures are the median of paired ratios: each round runs both commands back to back,
in turn first, so that a busy moment slows both; the quartiles of the ratios are printed as the
spread. ``--rounds`` sets how many rounds.

Usage: python bench/bench_build.py [--repeat N] [--rounds N] [--entities N] [--largest N]
       [--validate-only | --startup-only]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from playbook_gen.build import export_site  # noqa: E402
from playbook_gen.content import checks, model, richtext  # noqa: E402
from playbook_gen.content.loader import load_handbook  # noqa: E402


def _write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


MARKDOWN = (
    "Teams that serve other teams [measure effort](https://example.org/effort), own requests "
    "and close the loop:\n\n- name an owner\n    - in the ticket\n        - by noon\n"
    "- say when it is done\n\n> Nobody asks twice.\n"
)
"""A text full of what the text limits read: a link, a list nested three deep, a quote."""


def generate_handbook(dest: Path, entities: int, *, markdown: bool = False) -> Path:
    """Write a handbook with `entities` entity files: principles, examples, checklists, one
    assessment. Each principle links two examples; each checklist item cites a principle.
    With `markdown`, the long texts are MARKDOWN instead of plain prose."""
    content = dest / "content"
    for kind in ("principles", "examples", "checklists", "assessments"):
        (content / kind).mkdir(parents=True)
    shutil.copy2(ROOT / "content" / "playbook.yaml", content / "playbook.yaml")
    roles = [r["id"] for r in yaml.safe_load((content / "playbook.yaml").read_text())["roles"]]
    phases = [p["id"] for p in yaml.safe_load((content / "playbook.yaml").read_text())["phases"]]
    n_checklists = max(1, entities // 20)
    n_principles = (entities - n_checklists - 1) // 2
    n_examples = entities - n_checklists - 1 - n_principles
    para = "Teams that serve other teams **measure effort**, own requests and close the loop. " * 4
    if markdown:
        para = MARKDOWN * 2
    for i in range(n_principles):
        _write_yaml(
            content / "principles" / f"principle-{i}.yaml",
            {
                "title": f"Principle number {i}",
                "summary": f"One line about principle {i}.",
                "why": para,
                "practices": [f"Practice {j} of principle {i}." for j in range(4)],
                "anti_patterns": [f"Anti-pattern {j}." for j in range(3)],
                "examples": [f"example-{(2 * i + k) % n_examples}" for k in range(2)],
                "tags": [f"tag-{i % 10}"],
                "sources": [{"title": f"Source {i % 40}", "author": "Someone", "year": 2000}],
                "order": i,
            },
        )
    for i in range(n_examples):
        _write_yaml(
            content / "examples" / f"example-{i}.yaml",
            {
                "title": f"Example number {i}",
                "summary": f"What example {i} shows.",
                "story": para,
                "lesson": para,
                "principles": [f"principle-{i % n_principles}"],
                "caveats": "It is only an example.",
                "order": i,
            },
        )
    for c in range(n_checklists):
        items = [
            {
                "id": f"item-{j}",
                "text": f"Do thing {j} of checklist {c}.",
                "details": para,
                "role": roles[j % len(roles)],
                "when": phases[j % len(phases)],
                "principles": [f"principle-{(c * 10 + j) % n_principles}"],
            }
            for j in range(10)
        ]
        _write_yaml(
            content / "checklists" / f"checklist-{c}.yaml",
            {"title": f"Checklist {c}", "summary": "Things to do.", "items": items},
        )
    shutil.copy2(
        ROOT / "content" / "assessments" / "internal-service.yaml",
        content / "assessments" / "internal-service.yaml",
    )
    # The default assessment recommends items of the default checklists: bring those along.
    for name in ("internal-service", "feedback-culture"):
        shutil.copy2(ROOT / "content" / "checklists" / f"{name}.yaml", content / "checklists")
    for name in (ROOT / "content" / "principles").iterdir():
        shutil.copy2(name, content / "principles" / name.name)
    for name in (ROOT / "content" / "examples").iterdir():
        shutil.copy2(name, content / "examples" / name.name)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "themes", dest / "themes")
    return dest


def mkdocs_build(config_file: Path, site_dir: Path) -> float:
    """Build a site with MkDocs' own API; return seconds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # Every build starts cold, as a separate `mkdocs build` would: no cached rich text.
    for cached in (richtext._to_html, richtext._to_inline_html, richtext._to_plain):
        cached.cache_clear()
    start = time.perf_counter()
    with contextlib.redirect_stderr(io.StringIO()):
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    return time.perf_counter() - start


def page_count(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("index.html"))


def compare_builds(project: Path, work: Path, repeat: int) -> dict:
    """Build `project` through the plugin and its export without it, interleaved."""
    exported = work / "exported"
    export_site(project / "mkdocs.yml", exported)
    plugin_times, plain_times = [], []
    mkdocs_build(project / "mkdocs.yml", work / "site-plugin")  # warm-up: imports, theme
    mkdocs_build(exported / "mkdocs.yml", work / "site-plain")
    for _ in range(repeat):
        plugin_times.append(mkdocs_build(project / "mkdocs.yml", work / "site-plugin"))
        plain_times.append(mkdocs_build(exported / "mkdocs.yml", work / "site-plain"))
    pages = page_count(work / "site-plugin")
    ratios = [a / b for a, b in zip(plugin_times, plain_times, strict=True)]  # pairwise
    return {
        "plugin": statistics.median(plugin_times),
        "plain": statistics.median(plain_times),
        "pages": pages,
        "spread": (min(ratios), max(ratios)),
    }


def fresh_env() -> dict[str, str]:
    """The environment of a command a person runs: Python keeps compiled modules (.pyc).

    Some machines set PYTHONDONTWRITEBYTECODE, which makes every run compile our modules from
    source while MkDocs' come compiled from its installation: not what a user's install does.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def paired(commands: dict[str, dict], rounds: int) -> dict:
    """Run two commands, each `rounds` times in fresh processes, interleaved; return each one's
    median seconds and the median and quartiles of the round-by-round ratio first ÷ second.

    `commands` maps a name to ``subprocess.run`` arguments, and optionally ``before``: a function
    run untimed before each run. Each round runs both, in turn first, after one unmeasured round
    (it writes the compiled modules and warms the disk cache).
    """
    (first, a), (second, b) = commands.items()
    times: dict[str, list[float]] = {first: [], second: []}
    cpu: dict[str, list[float]] = {first: [], second: []}
    for round_ in range(rounds + 1):
        order = [(first, a), (second, b)] if round_ % 2 else [(second, b), (first, a)]
        for name, command in order:
            kwargs = dict(command)
            kwargs.pop("before", lambda: None)()
            used = _children_cpu()
            start = time.perf_counter()
            subprocess.run(check=True, env=fresh_env(), capture_output=True, **kwargs)
            if round_:
                times[name].append(time.perf_counter() - start)
                cpu[name].append(_children_cpu() - used)
    ratio, spread = _median_ratio(times[first], times[second])
    cpu_ratio, cpu_spread = _median_ratio(cpu[first], cpu[second])
    return {
        first: statistics.median(times[first]),
        second: statistics.median(times[second]),
        "ratio": ratio,
        "spread": spread,
        "cpu_ratio": cpu_ratio,
        "cpu_spread": cpu_spread,
        "rounds": rounds,
        "times": times,
    }


def _children_cpu() -> float:
    """Return the CPU seconds (user and system) of this process's finished children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _median_ratio(firsts: list[float], seconds: list[float]) -> tuple[float, tuple[float, float]]:
    """Return the median of the round-by-round ratios and their quartiles."""
    ratios = sorted(x / y for x, y in zip(firsts, seconds, strict=True))
    quartiles = (
        statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1 else ratios * 3
    )
    return statistics.median(ratios), (quartiles[0], quartiles[2])


def compare_validate_command(project: Path, rounds: int) -> dict:
    """Time ``playbook-gen validate`` and plain YAML parsing of the same files, each a fresh
    process (see ``paired``)."""
    parse = (
        "import pathlib, yaml\n"
        "for f in sorted(pathlib.Path('content').rglob('*.yaml')):\n"
        "    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)\n"
    )
    return paired(
        {
            "validate": {
                "args": [sys.executable, "-m", "playbook_gen", "validate"],
                "cwd": project,
            },
            "parse": {"args": [sys.executable, "-c", parse], "cwd": project},
        },
        rounds,
    )


THEME_CACHE_HOOK = """\
import jinja2


def on_env(env, config, files):
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(pattern="__bench_theme_%s.cache")
    return env
"""
"""A hook that gives plain MkDocs what the plugin does for the theme: its templates compiled
once, kept in Jinja's per-user cache folder (render.compiled_templates)."""


def with_theme_cache(exported: Path) -> Path:
    """Write beside an exported project's mkdocs.yml a copy that adds THEME_CACHE_HOOK, and
    return its path."""
    settings = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["hooks"] = [*settings.get("hooks", []), "bench_theme_cache.py"]
    (exported / "bench_theme_cache.py").write_text(THEME_CACHE_HOOK, encoding="utf-8")
    _write_yaml(exported / "mkdocs-cached.yml", settings)
    return exported / "mkdocs-cached.yml"


def compare_commands(project: Path, work: Path, rounds: int) -> dict:
    """Time whole `mkdocs build` commands in fresh processes, through the plugin and of the
    export (see ``paired``): imports and template loading included. Jinja's compiled templates
    are kept between runs for ours and, through the plugin, for the theme's, so the plugin
    build compiles no template after the first run and plain MkDocs compiles Material's each
    time. ``own`` compares the plugin build with a plain one that keeps the theme's compiled
    too (THEME_CACHE_HOOK): the plugin's own cost."""
    exported = work / "exported"
    if not exported.is_dir():
        export_site(project / "mkdocs.yml", exported)
    cached = with_theme_cache(exported)

    def build(config: Path, site: Path) -> dict:
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(config),
            "-d",
            str(site),
        ]
        return {"args": command}

    plugin = build(project / "mkdocs.yml", work / "cmd-plugin")
    result = paired(
        {"plugin": plugin, "plain": build(exported / "mkdocs.yml", work / "cmd-plain")}, rounds
    )
    own = paired(
        {"plugin": plugin, "cached": build(cached, work / "cmd-cached")},
        rounds,
    )
    return {**result, "own": own}


def compare_small_commands(work: Path, rounds: int) -> dict[str, dict]:
    """Time ``playbook-gen --help`` and ``new`` against MkDocs' own (see ``paired``)."""
    work.mkdir(exist_ok=True)

    def command(*args: str) -> dict:
        return {"args": [sys.executable, "-m", *args], "cwd": work}

    def new(tool: str) -> dict:
        return {
            **command(tool, "new", "handbook"),
            "before": lambda: shutil.rmtree(work / "handbook", ignore_errors=True),
        }

    return {
        "--help": paired(
            {"ours": command("playbook_gen", "--help"), "mkdocs": command("mkdocs", "--help")},
            rounds,
        ),
        "new": paired({"ours": new("playbook_gen"), "mkdocs": new("mkdocs")}, rounds),
    }


def _cpu(compared: dict) -> str:
    """Describe the ratio of CPU time (``paired``): steadier than the time on the clock on a
    shared machine, which other machines' work slows at random; for information."""
    low, high = compared["cpu_spread"]
    return f"CPU time ratio {compared['cpu_ratio']:.3f} ({low:.3f}–{high:.3f})"


def print_startup(work: Path, rounds: int, handbooks: dict[str, Path]) -> None:
    """Print the start-up figures: whole builds of `handbooks`, validate, `--help` and `new`."""
    print(f"start-up, fresh processes, median of {rounds} paired rounds (quartiles of the ratio):")
    for name, project in handbooks.items():
        (work / name).mkdir(exist_ok=True)
        c = compare_commands(project, work / name, rounds)
        low, high = c["spread"]
        print(
            f"  mkdocs build, {name:>7} handbook: plugin {c['plugin']:.2f} s, plain "
            f"{c['plain']:.2f} s, plugin÷plain {c['ratio']:.3f} ({low:.3f}–{high:.3f})  "
            "(target ≤ 1.10)"
        )
        print(f"    {_cpu(c)}")
        own = c["own"]
        low, high = own["spread"]
        print(
            f"    the plugin's own cost: plain with the theme's templates kept compiled too "
            f"{own['cached']:.2f} s, plugin÷that {own['ratio']:.3f} ({low:.3f}–{high:.3f}); "
            f"{_cpu(own)}"
        )
    v = compare_validate_command(ROOT, rounds)
    low, high = v["spread"]
    print(
        f"  playbook-gen validate, default handbook: {v['validate'] * 1000:.0f} ms; plain YAML "
        f"parsing {v['parse'] * 1000:.0f} ms; validate÷parse {v['ratio']:.2f} "
        f"({low:.2f}–{high:.2f})  (target ≤ 2); {_cpu(v)}"
    )
    for name, c in compare_small_commands(work / "small-commands", rounds).items():
        low, high = c["spread"]
        print(
            f"  playbook-gen {name}: {c['ours'] * 1000:.0f} ms; mkdocs {name}: "
            f"{c['mkdocs'] * 1000:.0f} ms; ratio {c['ratio']:.2f} ({low:.2f}–{high:.2f})"
        )


def compare_validate(project: Path, repeat: int) -> dict:
    """Time plain YAML parsing, validate, and validate without the text checks, interleaved."""
    files = sorted((project / "content").rglob("*.yaml"))
    parse_times, validate_times, unchecked_times = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        for file in files:
            yaml.load(file.read_bytes(), Loader=yaml.CSafeLoader)
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        load_handbook(project / "content")
        validate_times.append(time.perf_counter() - start)
        with without_text_checks():
            start = time.perf_counter()
            load_handbook(project / "content")
            unchecked_times.append(time.perf_counter() - start)
    return {
        "files": len(files),
        "parse": min(parse_times),
        "validate": min(validate_times),
        "text_checks": max(0.0, min(validate_times) - min(unchecked_times)),
    }


@contextlib.contextmanager
def without_text_checks():
    """Turn off the text limits and the warnings about published text (to time their share)."""
    saved = model.markdown_limit_problem, checks.text_warnings
    model.markdown_limit_problem = lambda text: None
    checks.text_warnings = lambda docs, allow_html=False: []
    try:
        yield
    finally:
        model.markdown_limit_problem, checks.text_warnings = saved


def print_validate(name: str, v: dict) -> None:
    print(
        f"validate {v['files']} files ({name}): {v['validate'] * 1000:.0f} ms, of which text "
        f"checks {v['text_checks'] * 1000:.0f} ms; plain YAML parsing (CSafeLoader): "
        f"{v['parse'] * 1000:.0f} ms; ratio {v['validate'] / v['parse']:.2f}  (target ≤ 2)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--entities", type=int, default=1000)
    parser.add_argument(
        "--rounds", type=int, default=20, help="Rounds of each start-up figure (default 20)."
    )
    parser.add_argument("--validate-only", action="store_true", help="Only ratio 3 (fast).")
    parser.add_argument(
        "--startup-only",
        action="store_true",
        help="Only the start-up figures, of the default handbook (4 to 6).",
    )
    parser.add_argument(
        "--largest",
        type=int,
        default=0,
        metavar="N",
        help="Also build an N-entity handbook (e.g. 5000) and print its per-page ms ratio.",
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="pb-bench-") as tmp:
        work = Path(tmp)
        if args.validate_only:
            validate_ratios(work, args)
            return
        if args.startup_only:
            print_startup(work, args.rounds, {"default": ROOT})
            return
        small = generate_handbook(work / "h100", args.entities // 10)
        large = generate_handbook(work / "h1000", args.entities)

        rows = []
        n_small, n_large = str(args.entities // 10), str(args.entities)
        for name, project in (("default", ROOT), (n_small, small), (n_large, large)):
            (work / name).mkdir()
            rows.append((name, compare_builds(project, work / name, args.repeat)))

        print(
            f"{'handbook':>10} {'pages':>6} {'plugin s':>9} {'plain s':>8} {'plugin÷plain':>13}"
            "  spread of the paired builds"
        )
        for name, r in rows:
            low, high = r["spread"]
            print(
                f"{name:>10} {r['pages']:>6} {r['plugin']:>9.2f} {r['plain']:>8.2f} "
                f"{r['plugin'] / r['plain']:>13.3f}  {low:.3f}–{high:.3f}"
            )
        worst = max(r["plugin"] / r["plain"] for _, r in rows)
        print(f"plugin ÷ plain, worst: {worst:.3f}  (target ≤ 1.05)")

        print()

        per_page = {name: r["plugin"] / r["pages"] * 1000 for name, r in rows[1:]}
        small_ms, large_ms = per_page[n_small], per_page[n_large]
        print(
            f"per-page ms: {small_ms:.2f} at {args.entities // 10} entities, {large_ms:.2f} at "
            f"{args.entities}; ratio {large_ms / small_ms:.3f}  (target ≤ 1.15)"
        )

        # before the largest build: its garbage would slow the validate figures down
        validate_ratios(work, args, large)
        if args.largest:
            largest = generate_handbook(work / "largest", args.largest)
            (work / "largest-build").mkdir()
            r = compare_builds(largest, work / "largest-build", 1)
            largest_ms = r["plugin"] / r["pages"] * 1000
            print(
                f"per-page ms: {largest_ms:.2f} at {args.largest} entities ({r['pages']} pages); "
                f"ratio to {args.entities // 10} entities {largest_ms / small_ms:.3f}  "
                "(target ≤ 1.15)"
            )
        print()
        print_startup(work, args.rounds, {"default": ROOT, n_small: small})


def validate_ratios(work: Path, args, prose: Path | None = None) -> None:
    """Print ratio 3 for a handbook of prose and one full of Markdown."""
    prose = prose or generate_handbook(work / "validate-prose", args.entities)
    rich = generate_handbook(work / "validate-markdown", args.entities, markdown=True)
    for name, project in (("prose", prose), ("Markdown", rich)):
        print_validate(name, compare_validate(project, max(args.repeat, 3)))


if __name__ == "__main__":
    main()
