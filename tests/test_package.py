"""A real (non-editable) install finds the built-in deck from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("installed")
    # The build backend comes with the test extras: building in this environment spares pip a
    # fresh isolated one (and the package index) on every run; the wheel is the same.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    return target


def _run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(installed), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "casusspel", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_installed_package_lists_builtin_cases_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    deck = installed / "casusspel" / "cases"
    assert (deck / "framework" / "standaard.yaml").is_file()
    assert (deck / "casus.schema.json").is_file()
    shipped = sorted(p.stem for p in (ROOT / "cases").glob("*.yaml"))
    assert sorted(p.stem for p in deck.glob("*.yaml")) == shipped
    result = _run(installed, tmp_path, "list")
    assert result.returncode == 0, result.stderr
    for case_id in shipped:
        assert case_id in result.stdout


@pytest.mark.slow
def test_installed_version(installed: Path, tmp_path: Path) -> None:
    from casusspel import __version__

    result = _run(installed, tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"casusspel {__version__}"


@pytest.mark.slow
def test_installed_package_has_every_subpackage(installed: Path, tmp_path: Path) -> None:
    """Every package in the source tree is installed (a missing one fails only at run time)."""
    source = sorted(str(p.parent.relative_to(ROOT)) for p in ROOT.glob("casusspel/**/__init__.py"))
    for package in [*source, "casusspel/scoring", "casusspel/cases"]:
        assert (installed / package / "__init__.py").is_file(), package
    assert (installed / "casusspel" / "cli.py").is_file()


@pytest.mark.slow
def test_install_adds_one_import_name(installed: Path) -> None:
    """Only ``casusspel`` lands in site-packages: no top-level cli, scoring or cases."""
    names = {p.name for p in installed.iterdir()
             if not p.name.endswith(".dist-info") and p.name != "bin"}
    assert names == {"casusspel"}


@pytest.mark.slow
def test_python_m_casusspel_ignores_a_cli_py_in_the_current_folder(
    installed: Path, tmp_path: Path
) -> None:
    (tmp_path / "cli.py").write_text("raise SystemExit('the wrong cli.py ran')\n", "utf-8")
    result = _run(installed, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("casusspel ")
    session = ROOT / "tests" / "data" / "sessions" / "plenair"
    result = _run(installed, tmp_path, "report", str(session), "--format", "html")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")


@pytest.mark.slow
def test_installed_copy_carries_the_guides(installed: Path, tmp_path: Path) -> None:
    listing = _run(installed, tmp_path, "docs")
    assert listing.returncode == 0, listing.stderr
    for name in ("casussen-schrijven", "validatie", "scoring", "rapport", "trainingsdag"):
        assert name in listing.stdout
    where = _run(installed, tmp_path, "docs", "casussen-schrijven", "--path")
    assert where.returncode == 0, where.stderr
    path = Path(where.stdout.strip())
    assert path.is_relative_to(installed) and path.is_file()
    raw = _run(installed, tmp_path, "docs", "validatie", "--raw")
    assert raw.stdout.startswith("# Validatiecodes")
    unknown = _run(installed, tmp_path, "docs", "bestaat-niet")
    assert unknown.returncode == 2 and "casussen-schrijven" in unknown.stderr


@pytest.mark.slow
def test_installed_copy_carries_the_phone_page(installed: Path) -> None:
    web = installed / "casusspel" / "web"
    for name in ("templates/base.html", "templates/join.html", "templates/play.html",
                 "static/phone.js", "static/phone.css"):
        assert (web / name).is_file(), name
