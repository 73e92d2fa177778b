"""The lock files (requirements/) agree with pyproject.toml and pin every package with hashes:
`make install` and the Docker image install them with `pip install --require-hashes`."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


def _pins(lock: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _direct(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(name) for name in names]


def _exact_pin(requirement: Requirement) -> str:
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", f"{requirement} is not pinned exactly in pyproject.toml"
    return specifier.version


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("prod.txt", _direct()), ("dev.txt", _direct() + _direct("dev"))],
)
def test_every_direct_dependency_is_locked_at_its_pinned_version(lock, requirements):
    pins = _pins(lock)
    stale = [
        f"{r.name}=={_exact_pin(r)} (locked: {pins.get(canonicalize_name(r.name), 'missing')})"
        for r in requirements
        if pins.get(canonicalize_name(r.name)) != _exact_pin(r)
    ]
    assert not stale, f"Run `make lock`: {lock} disagrees with pyproject.toml on {stale}"


def test_the_development_lock_holds_the_production_versions():
    prod, dev = _pins("prod.txt"), _pins("dev.txt")
    assert {name: dev.get(name) for name in prod} == prod


@pytest.mark.parametrize("lock", ["prod.txt", "dev.txt"])
def test_every_locked_package_has_a_hash(lock):
    lines = (ROOT / "requirements" / lock).read_text().splitlines()
    pinned = [i for i, line in enumerate(lines) if PIN.match(line)]
    assert len(pinned) > 10
    unhashed = [lines[i] for i in pinned if not lines[i + 1].lstrip().startswith("--hash=sha256:")]
    assert not unhashed
    # Nothing unpinned (an editable path, a bare name, a URL) slips in beside the pins.
    entries = [line for line in lines if line and not line[0].isspace() and line[0] != "#"]
    assert len(entries) == len(pinned)


def test_the_image_and_make_install_from_the_locks():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements/prod.txt" in dockerfile
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCK := requirements/dev.txt" in makefile
    assert "--require-hashes -r $(LOCK)" in makefile
