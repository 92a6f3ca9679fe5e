"""Conventions as tests: every CLI command is documented in the README."""

from __future__ import annotations

from pathlib import Path

from uncounted.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(typer_app, prefix: str = "") -> list[str]:
    names = [f"{prefix}{c.name or c.callback.__name__}" for c in typer_app.registered_commands]
    for group in typer_app.registered_groups:
        names += _commands(group.typer_instance, f"{prefix}{group.name} ")
    return names


def test_every_command_is_in_the_readme():
    missing = [name for name in _commands(app) if f"uncounted {name}" not in README]
    assert missing == []


def test_readme_starts_with_the_two_commands():
    head = README.split("\n\n", 3)[:3]
    assert "make demo" in "\n".join(head) and "make test" in "\n".join(head)
