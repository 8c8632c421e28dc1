"""Local state in one SQLite database: connection and migrations (db), small repositories (repos)."""
