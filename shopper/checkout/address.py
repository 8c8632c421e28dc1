"""Checks of the delivery address beyond its model: postal code shapes, and turning it into ACP's shape."""

from __future__ import annotations

import re
from typing import Any

from shopper.errors import CheckoutError
from shopper.models import Address, Profile

# Postal code shapes of countries whose format is fixed; other countries only need something non-empty.
POSTAL_CODES: dict[str, re.Pattern[str]] = {
    "NL": re.compile(r"\d{4}\s?[A-Z]{2}"),
    "BE": re.compile(r"\d{4}"),
    "DE": re.compile(r"\d{5}"),
    "AT": re.compile(r"\d{4}"),
    "CH": re.compile(r"\d{4}"),
    "FR": re.compile(r"\d{5}"),
    "NO": re.compile(r"\d{4}"),
    "DK": re.compile(r"\d{4}"),
    "SE": re.compile(r"\d{3}\s?\d{2}"),
    "FI": re.compile(r"\d{5}"),
    "ES": re.compile(r"\d{5}"),
    "IT": re.compile(r"\d{5}"),
    "PL": re.compile(r"\d{2}-\d{3}"),
    "US": re.compile(r"\d{5}(-\d{4})?"),
    "GB": re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"),
}


def address_problems(address: Address) -> list[str]:
    """What is wrong with an address ('postal_code: ...'), empty when it can be used."""
    problems: list[str] = []
    for field in ("name", "street", "postal_code", "city"):
        if not str(getattr(address, field)).strip():
            problems.append(f"{field}: must not be empty")
    shape = POSTAL_CODES.get(address.country)
    code = address.postal_code.strip().upper()
    if shape is not None and code and not shape.fullmatch(code):
        problems.append(f"postal_code: {code!r} is not a postal code of {address.country}")
    return problems


def delivery_address(profile: Profile) -> Address:
    """The profile's address, checked; CheckoutError saying how to add one when it is missing or wrong."""
    address = profile.address
    where = profile.source_path or f"profile {profile.name!r}"
    if address is None:
        raise CheckoutError(
            f"no delivery address: add an [address] table (name, street, postal_code, city, country) "
            f"to {where}"
        )
    problems = address_problems(address)
    if problems:
        raise CheckoutError(f"delivery address in {where}: {'; '.join(problems)}")
    return address


def acp_fulfillment_details(address: Address) -> dict[str, Any]:
    """The address as ACP's fulfillment_details (sent only to the merchant of the order)."""
    details: dict[str, Any] = {
        "name": address.name,
        "address": {
            "name": address.name,
            "line_one": address.street,
            "line_two": "",
            "city": address.city,
            "state": "",
            "country": address.country,
            "postal_code": address.postal_code.strip().upper(),
        },
    }
    if address.email:
        details["email"] = address.email
    if address.phone:
        details["phone_number"] = address.phone
    return details


def one_line(address: Address) -> str:
    """'Name, Street, 1234 AB City, NL'."""
    return f"{address.name}, {address.street}, {address.postal_code} {address.city}, {address.country}"
