"""The one exception tree; the CLI maps each class to a red one-line message and an exit code."""

from __future__ import annotations


class ShopperError(Exception):
    """Base of every expected failure; its message is shown to the user as one line."""

    exit_code = 1


class UsageError(ShopperError):
    """The user asked for something malformed (bad flag value, empty request)."""

    exit_code = 2


class ProfileError(ShopperError):
    """A profile file is missing or invalid; the message names file, line and field."""

    exit_code = 2


class SourceError(ShopperError):
    """A page or file given to inspect could not be read."""

    exit_code = 3


class FetchError(ShopperError):
    """A URL could not be fetched (network, robots, size cap, scheme); usually kept as a warning."""

    exit_code = 4
    maybe_sent = False  # set on an API call that may have reached the server before it failed


class ShopError(ShopperError):
    """A shop could not be added, detected or searched."""

    exit_code = 4


class StoreError(ShopperError):
    """The local database could not be opened or migrated."""

    exit_code = 5


class NotConfirmed(ShopperError):
    """The user did not say yes (no, an empty line, end of input): nothing was ordered."""

    exit_code = 6


class BudgetExceeded(ShopperError):
    """An order would go over a cap of the profile's budget or to a refused shop: nothing was ordered."""

    exit_code = 7


class CheckoutError(ShopperError):
    """The merchant refused or failed (sold out, declined, unreachable); the message says what happened."""

    exit_code = 8


class LLMError(ShopperError):
    """The configured LLM could not be reached or gave an unusable answer; offline paths take over."""

    exit_code = 9


class ActionError(ShopperError):
    """A pending action is unknown, expired, already decided, or was declined."""

    exit_code = 10


class PhotoError(ShopperError):
    """An example photo or product image could not be read (missing, not an image, too large, damaged)."""

    exit_code = 2
