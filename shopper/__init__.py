"""shopper: a personal shopping assistant for the terminal."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/shopper-cli/shopper"
USER_AGENT = f"shopper/{__version__} (+{PROJECT_URL})"
