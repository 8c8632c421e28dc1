"""Shops: the one HTTP entry point, platform detection, adapters and the catalogue mirror."""
