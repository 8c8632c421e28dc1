"""Built-in shop adapters; each module registers itself on import, as a plugin would."""
