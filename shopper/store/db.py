"""The one SQLite database: connection settings and numbered migrations (PRAGMA user_version)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from shopper import config
from shopper.errors import StoreError

BUSY_TIMEOUT_MS = 15_000  # how long a writer waits for another process before "database is locked"

# Characters SQLite's unicode61 tokenizer does not fold even with remove_diacritics 2 (they have no
# Unicode decomposition); folded in SQL on indexing and in Python on querying, so "løpesko" finds
# "lopesko" and back. Frozen with migration 1: a later change needs a migration that rebuilds the index.
FTS_FOLD: tuple[tuple[str, str], ...] = (
    ("ø", "o"),
    ("Ø", "o"),
    ("æ", "ae"),
    ("Æ", "ae"),
    ("œ", "oe"),
    ("Œ", "oe"),
    ("ß", "ss"),
    ("ẞ", "ss"),
    ("đ", "d"),
    ("Đ", "d"),
    ("ð", "d"),
    ("Ð", "d"),
    ("ł", "l"),
    ("Ł", "l"),
    ("þ", "th"),
    ("Þ", "th"),
)
FTS_COLUMNS: tuple[str, ...] = ("title", "brand", "description", "category", "tags", "sku", "gtin", "mpn")


def fold_text(text: str) -> str:
    """The Python twin of the SQL folding applied to indexed catalogue text."""
    for src, dst in FTS_FOLD:
        text = text.replace(src, dst)
    return text


def _sql_fold(expr: str) -> str:
    for src, dst in FTS_FOLD:
        expr = f"replace({expr}, '{src}', '{dst}')"
    return expr


def _fts_insert(ref: str) -> str:
    columns = ", ".join(FTS_COLUMNS)
    values = ", ".join(_sql_fold(f"{ref}.{c}") for c in FTS_COLUMNS)
    return f"INSERT INTO catalog_fts(rowid, {columns}) VALUES ({ref}.id, {values});"


def _migration_1(conn: sqlite3.Connection) -> None:
    """Shops, the catalogue mirror with its FTS5 index, sync state, price history, last results."""
    statements = [
        """CREATE TABLE shops (
            name TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            platform TEXT NOT NULL DEFAULT 'auto',
            search_url TEXT,
            detected TEXT,
            checked_at TEXT
        )""",
        # id is an INTEGER PRIMARY KEY so the FTS rowids survive VACUUM; (shop, url) is the identity.
        """CREATE TABLE catalog_offers (
            id INTEGER PRIMARY KEY,
            shop TEXT NOT NULL,
            url TEXT NOT NULL,
            title TEXT NOT NULL,
            brand TEXT,
            description TEXT,
            category TEXT,
            price TEXT,
            currency TEXT,
            list_price TEXT,
            availability TEXT,
            sku TEXT,
            gtin TEXT,
            mpn TEXT,
            variants_json TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]',
            images_json TEXT NOT NULL DEFAULT '[]',
            extra_json TEXT NOT NULL DEFAULT '{}',
            fetched_at TEXT,
            UNIQUE (shop, url)
        )""",
        f"""CREATE VIRTUAL TABLE catalog_fts USING fts5(
            {", ".join(FTS_COLUMNS)},
            tokenize = 'unicode61 remove_diacritics 2'
        )""",
        f"""CREATE TRIGGER catalog_offers_ai AFTER INSERT ON catalog_offers BEGIN
            {_fts_insert("new")}
        END""",
        """CREATE TRIGGER catalog_offers_ad AFTER DELETE ON catalog_offers BEGIN
            DELETE FROM catalog_fts WHERE rowid = old.id;
        END""",
        f"""CREATE TRIGGER catalog_offers_au AFTER UPDATE ON catalog_offers BEGIN
            DELETE FROM catalog_fts WHERE rowid = old.id;
            {_fts_insert("new")}
        END""",
        """CREATE TABLE catalog_sync (
            shop TEXT PRIMARY KEY,
            synced_at TEXT NOT NULL,
            offer_count INTEGER NOT NULL DEFAULT 0,
            complete INTEGER NOT NULL DEFAULT 1 CHECK (complete IN (0, 1))
        )""",
        """CREATE TABLE price_history (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            shop TEXT NOT NULL,
            price TEXT,
            currency TEXT,
            availability TEXT,
            seen_at TEXT NOT NULL
        )""",
        "CREATE INDEX price_history_url_seen ON price_history (url, seen_at)",
        """CREATE TABLE last_results (
            id INTEGER PRIMARY KEY,
            created_at TEXT NOT NULL,
            request TEXT NOT NULL,
            json TEXT NOT NULL
        )""",
    ]
    for statement in statements:
        conn.execute(statement)


def _migration_search_styles(conn: sqlite3.Connection) -> None:
    """Per shop, how often each style of search phrasing (word count, singular folding) found products."""
    conn.execute(
        """CREATE TABLE search_styles (
            shop TEXT NOT NULL,
            style TEXT NOT NULL,
            tries INTEGER NOT NULL DEFAULT 0,
            hits INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (shop, style)
        )"""
    )


def _migration_checkout(conn: sqlite3.Connection) -> None:
    """Carts, orders with their status history, and checkout attempts (for repair after a crash)."""
    statements = [
        """CREATE TABLE carts (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'cart' CHECK (kind IN ('cart', 'buy')),
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
            attempt INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE cart_items (
            id INTEGER PRIMARY KEY,
            cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            shop TEXT NOT NULL,
            title TEXT NOT NULL,
            options_json TEXT NOT NULL DEFAULT '{}',
            qty INTEGER NOT NULL CHECK (qty >= 1),
            seen_price TEXT,
            seen_currency TEXT,
            added_at TEXT NOT NULL
        )""",
        """CREATE TABLE checkout_attempts (
            id INTEGER PRIMARY KEY,
            cart_id INTEGER NOT NULL REFERENCES carts(id),
            shop_json TEXT NOT NULL,
            merchant TEXT NOT NULL,
            session_id TEXT NOT NULL UNIQUE,
            idem_key TEXT NOT NULL,
            lines_json TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'abandoned')),
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            cart_id INTEGER REFERENCES carts(id),
            shop TEXT NOT NULL,
            shop_json TEXT NOT NULL,
            merchant TEXT NOT NULL,
            checkout_session_id TEXT NOT NULL UNIQUE,
            merchant_order_id TEXT NOT NULL,
            permalink_url TEXT,
            currency TEXT NOT NULL,
            items_amount TEXT NOT NULL,
            shipping TEXT NOT NULL,
            total TEXT NOT NULL,
            lines_json TEXT NOT NULL,
            status TEXT NOT NULL,
            mock INTEGER NOT NULL DEFAULT 1,
            extra_json TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX orders_created ON orders (created_at)",
        """CREATE TABLE order_events (
            id INTEGER PRIMARY KEY,
            order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            at TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            UNIQUE (order_id, status, at)
        )""",
    ]
    for statement in statements:
        conn.execute(statement)


def _migration_watch(conn: sqlite3.Connection) -> None:
    """Watches, price observations (one row per offer and variant), and the alert outbox."""
    statements = [
        """CREATE TABLE watches (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('product', 'request')),
            target TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT 'user',
            profile TEXT,
            title TEXT,
            shop TEXT,
            size TEXT,
            colour TEXT,
            below TEXT,
            below_currency TEXT,
            drop_pct TEXT,
            restock INTEGER NOT NULL DEFAULT 0,
            min_change_pct TEXT NOT NULL DEFAULT '1',
            daily_cap INTEGER NOT NULL DEFAULT 5,
            every_s INTEGER NOT NULL,
            notify_json TEXT NOT NULL DEFAULT '[]',
            paused INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            next_due_at TEXT NOT NULL,
            last_checked_at TEXT,
            last_ok_at TEXT,
            last_error TEXT,
            errors INTEGER NOT NULL DEFAULT 0,
            broken_since TEXT,
            state_json TEXT NOT NULL DEFAULT '{}',
            last_price TEXT,
            last_currency TEXT,
            last_availability TEXT,
            cap_day TEXT,
            cap_count INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX watches_due ON watches (paused, next_due_at)",
        """CREATE TABLE observations (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            variant TEXT NOT NULL DEFAULT '',
            shop TEXT NOT NULL DEFAULT '',
            title TEXT,
            price TEXT,
            currency TEXT,
            list_price TEXT,
            availability TEXT,
            source TEXT NOT NULL DEFAULT 'find',
            seen_at TEXT NOT NULL
        )""",
        # One observation per offer, variant and moment: a mirror row seen again by a later find is not new.
        "CREATE UNIQUE INDEX observations_url ON observations (url, variant, seen_at)",
        # The outbox: an alert is written in the transaction that changes its watch's state, and
        # sent_at is set only after every notification target took it.
        """CREATE TABLE alerts (
            id TEXT PRIMARY KEY,
            watch_id INTEGER REFERENCES watches (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            created_at TEXT NOT NULL,
            payload_json TEXT NOT NULL,
            targets_json TEXT NOT NULL DEFAULT '[]',
            sent_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT
        )""",
        "CREATE INDEX alerts_unsent ON alerts (sent_at, created_at)",
    ]
    for statement in statements:
        conn.execute(statement)


def _migration_llm_and_actions(conn: sqlite3.Connection) -> None:
    """LLM answer cache and token usage; actions waiting for the user's yes (chat, MCP, confirm)."""
    statements = [
        """CREATE TABLE llm_cache (
            key TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            response_json TEXT NOT NULL
        )""",
        """CREATE TABLE llm_usage (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            purpose TEXT NOT NULL,
            model TEXT NOT NULL,
            prompt_tokens INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            cached INTEGER NOT NULL DEFAULT 0 CHECK (cached IN (0, 1))
        )""",
        """CREATE TABLE pending_actions (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            summary TEXT NOT NULL,
            payload_json TEXT NOT NULL,
            origin TEXT NOT NULL,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'declined', 'failed')),
            decided_at TEXT,
            result TEXT
        )""",
    ]
    for statement in statements:
        conn.execute(statement)


def _migration_picture_looks(conn: sqlite3.Connection) -> None:
    """What product pictures look like, by the hash of their bytes (measured once, reused)."""
    conn.execute(
        """CREATE TABLE picture_looks (
            digest TEXT PRIMARY KEY,
            features TEXT NOT NULL,
            measured_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE picture_urls (
            url TEXT PRIMARY KEY,
            digest TEXT NOT NULL,
            fetched_at TEXT NOT NULL
        )"""
    )


def _migration_search_results(conn: sqlite3.Connection) -> None:
    """Recent answers of shops' own searches per phrase (a repeated request within the window reuses them)."""
    conn.execute(
        """CREATE TABLE search_results (
            shop TEXT NOT NULL,
            phrase TEXT NOT NULL,
            offers_json TEXT NOT NULL,
            searched_at TEXT NOT NULL,
            PRIMARY KEY (shop, phrase)
        )"""
    )


def _migration_shop_names(conn: sqlite3.Connection) -> None:
    """Which shop URL each name stood for when its catalogue, answers and search styles were kept."""
    conn.execute("CREATE TABLE shop_names (shop TEXT PRIMARY KEY, url TEXT NOT NULL)")


# Position + 1 is the schema version. Append only; never edit a migration that has shipped.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migration_1,
    _migration_search_styles,
    _migration_checkout,
    _migration_watch,
    _migration_llm_and_actions,
    _migration_picture_looks,
    _migration_search_results,
    _migration_shop_names,
]


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database (0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations, each in its own transaction; returns the resulting version."""
    version = schema_version(conn)
    if version > len(MIGRATIONS):
        raise StoreError(
            f"database schema version {version} is newer than this shopper understands "
            f"({len(MIGRATIONS)}); upgrade shopper"
        )
    while version < len(MIGRATIONS):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            version = schema_version(conn)
            if version < len(MIGRATIONS):
                MIGRATIONS[version](conn)
                version += 1
                conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version


WAL_TRIES = 8  # a new database switched to WAL by several processes at once: tries before giving up
WAL_RETRY_PAUSE = 0.05  # seconds, times the try's number


def to_wal(conn: sqlite3.Connection, sleep: Callable[[float], None] = time.sleep) -> str:
    """Switch the database to WAL and return the journal mode now in force.

    Two processes that open a new file at once may each hold a read lock and want the write lock the
    switch needs; SQLite then answers one of them "database is locked" at once, without the busy
    timeout (waiting could not end). The other finishes in milliseconds, so this one tries again."""
    for attempt in range(1, WAL_TRIES):
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            sleep(WAL_RETRY_PAUSE * attempt)
    # the last try: its error is the answer
    return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])


def connect(path: Path | None = None) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the database; StoreError with one line on failure."""
    target = Path(path) if path is not None else config.db_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{target}: cannot create its folder: {exc.strerror or exc}") from None
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = to_wal(conn)
        if str(mode).lower() == "wal":
            conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL, much faster commits
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        raise StoreError(f"{target}: cannot open the database: {_one_line(exc)}") from None
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    return conn


def database_file(conn: sqlite3.Connection) -> str | None:
    """The file conn's main database lives in; None for an in-memory or temporary one."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row is not None and row[2] else None


def connect_again(path: str) -> sqlite3.Connection:
    """Another connection to a database connect() has opened (and migrated), as connect() sets it up:
    for a worker thread, which may not use the first one."""
    other = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    other.row_factory = sqlite3.Row
    other.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    other.execute("PRAGMA foreign_keys = ON")
    if str(other.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        other.execute("PRAGMA synchronous = NORMAL")
    return other


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
