"""The command line: typer commands that parse flags, call the core and render."""
