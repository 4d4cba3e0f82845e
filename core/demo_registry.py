"""Apps add their demo content to ``seed_demo`` by registering a seeder here."""

from collections.abc import Callable

_seeders: list[Callable] = []


def register_demo_seeder(seeder: Callable) -> Callable:
    """Decorator: ``seeder(command, home_page)`` runs at the end of ``seed_demo``."""
    if seeder not in _seeders:
        _seeders.append(seeder)
    return seeder


def run_demo_seeders(command, home) -> None:
    for seeder in _seeders:
        seeder(command, home)
