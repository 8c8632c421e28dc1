"""The database: settings, numbered migrations, and one-line errors for bad files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shopper import config
from shopper.errors import StoreError
from shopper.store import db
from shopper.store.repos import LastResultsRepo


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOPPER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')")}


def test_default_path_settings_and_schema(home: Path) -> None:
    conn = db.connect()
    try:
        assert config.db_path().is_file() and config.db_path().parent == home
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(db.MIGRATIONS) >= 1
        assert isinstance(conn.execute("SELECT 1 AS one").fetchone(), sqlite3.Row)
        expected = {"shops", "catalog_offers", "catalog_fts", "catalog_sync", "price_history", "last_results"}
        assert expected <= tables(conn)
        assert "price_history_url_seen" in tables(conn)
        assert {"watches", "observations", "alerts"} <= tables(conn)
    finally:
        conn.close()


def test_migrations_are_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    first = db.connect(path)
    first.execute("INSERT INTO last_results (created_at, request, json) VALUES ('2024-01-01', 'shoes', '{}')")
    first.commit()
    schema = sorted(r[0] for r in first.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    first.close()
    again = db.connect(path)
    assert db.migrate(again) == len(db.MIGRATIONS)
    assert (
        sorted(r[0] for r in again.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")) == schema
    )
    assert again.execute("SELECT count(*) FROM last_results").fetchone()[0] == 1
    again.close()


def test_a_failing_migration_rolls_back_and_leaves_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, broken])
    path = tmp_path / "x.db"
    with pytest.raises(StoreError, match="boom"):
        db.connect(path)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(db.MIGRATIONS) - 1
    assert "half_done" not in {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {len(db.MIGRATIONS) + 5}")
    raw.close()
    with pytest.raises(StoreError, match="newer than this shopper") as info:
        db.connect(path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "content", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_corrupt_file_is_a_one_line_store_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        db.connect(path)
    message = str(info.value)
    assert message.startswith(f"{path}: cannot open the database:") and "\n" not in message


def test_directory_in_the_way_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError, match="cannot open"):
        db.connect(tmp_path / "dir.db")


def test_fold_text_matches_the_sql_fold(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "x.db")
    text = "Løpesko ØSTLANDET æble Straße Łódź Þór ðe Œuvre"
    sql = db._sql_fold("?")
    assert conn.execute(f"SELECT {sql}", (text,)).fetchone()[0] == db.fold_text(text)
    conn.close()


def test_last_results_keep_the_newest(tmp_path: Path) -> None:
    conn = db.connect(tmp_path / "x.db")
    repo = LastResultsRepo(conn, keep=2)
    assert repo.latest() is None
    for n in range(3):
        repo.save(f"request {n}", f'{{"n": {n}}}')
    assert repo.latest() == ("request 2", '{"n": 2}')
    assert conn.execute("SELECT count(*) FROM last_results").fetchone()[0] == 2
    conn.close()


def test_a_new_database_held_by_another_process_is_switched_to_wal_once_it_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None)  # another process, creating the same new file
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE t (x)")
    opener = sqlite3.connect(path, timeout=0.05)
    pauses: list[float] = []

    def pause(seconds: float) -> None:
        pauses.append(seconds)
        if holder.in_transaction:
            holder.execute("COMMIT")  # the other process is done

    try:
        assert db.to_wal(opener, sleep=pause) == "wal"
        assert pauses == [db.WAL_RETRY_PAUSE]  # refused once, then switched
    finally:
        opener.close()
        holder.close()


def test_switching_to_wal_gives_up_after_its_tries_and_keeps_other_errors(tmp_path: Path) -> None:
    path = tmp_path / "held.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE t (x)")
    opener = sqlite3.connect(path, timeout=0.01)
    pauses: list[float] = []
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            db.to_wal(opener, sleep=pauses.append)
        assert len(pauses) == db.WAL_TRIES - 1
    finally:
        opener.close()
        holder.close()
