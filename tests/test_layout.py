"""The core never imports MkDocs: only the plugin and the build do (the site engine can change).

Checked in a fresh Python each time, since the test process itself has MkDocs loaded.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import playbook_gen

ENGINE_ADAPTERS = {"playbook_gen.plugin", "playbook_gen.build"}
"""The only modules that may import MkDocs when they are imported."""


def _mkdocs_loaded_after(code: str) -> list[str]:
    """Run `code` in a fresh Python; return the MkDocs modules it left loaded."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(m for m in sys.modules"
    probe += " if m == 'mkdocs' or m.startswith(('mkdocs.', 'material')))))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_no_module_but_the_plugin_and_the_build_imports_mkdocs():
    modules = sorted(
        info.name
        for info in pkgutil.walk_packages(playbook_gen.__path__, "playbook_gen.")
        if info.name not in ENGINE_ADAPTERS and info.name != "playbook_gen.__main__"
    )
    assert {"playbook_gen.content.loader", "playbook_gen.pages.render", "playbook_gen.cli"} <= set(
        modules
    )
    imports = "\n".join(f"import {name}" for name in modules)
    assert _mkdocs_loaded_after(imports) == []


def test_new_handbook_is_made_without_importing_mkdocs(tmp_path):
    code = (
        "from click.testing import CliRunner\n"
        "from playbook_gen.cli import cli\n"
        f"result = CliRunner().invoke(cli, ['new', {str(tmp_path / 'hb')!r}])\n"
        "assert result.exit_code == 0, result.output\n"
    )
    assert _mkdocs_loaded_after(code) == []
    assert (tmp_path / "hb" / "content" / "schemas" / "principle.schema.json").is_file()
