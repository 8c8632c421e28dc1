"""Where state lives (SHOPPER_HOME or the platform data dir) and runtime settings."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def data_dir() -> Path:
    """The data dir: $SHOPPER_HOME if set, else the platform's user data dir; created on demand."""
    home = os.environ.get("SHOPPER_HOME")
    path = Path(home).expanduser() if home else Path(user_data_dir("shopper", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def db_path() -> Path:
    """The one SQLite database: catalogue mirror, price history, watches, orders."""
    return data_dir() / "shopper.db"


def cache_dir() -> Path:
    """HTTP cache directory (hishel)."""
    path = data_dir() / "http-cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


def profiles_dir() -> Path:
    """User profiles saved in the data dir."""
    path = data_dir() / "profiles"
    path.mkdir(parents=True, exist_ok=True)
    return path
