"""Format evolution: upgrade blueprint files from one format version to the next.

Each step is a small module (``v1_0_to_1_1`` ...) that names the versions it connects,
describes itself and edits a round-trip YAML tree (comments and layout kept); the
registry chains the steps, the engine runs them on text and files.
"""

from __future__ import annotations

from kltransfer.migrate.engine import FileMigration, migrate_file, migrate_paths, migrate_text
from kltransfer.migrate.registry import MIGRATIONS, Change, Migration, MigrationError, plan

__all__ = [
    "MIGRATIONS",
    "Change",
    "FileMigration",
    "Migration",
    "MigrationError",
    "migrate_file",
    "migrate_paths",
    "migrate_text",
    "plan",
]
