"""Extraction imports only what it uses: no extruct package (its __init__ pulls in mf2py, html5lib...)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import fixture_path

HEAVY = ("extruct", "mf2py", "html5lib", "rdflib", "pyrdfa", "jstyleson")


def test_reading_pages_never_imports_extruct() -> None:
    product = fixture_path("extruct_fye_product_og_microdata.html")  # JSON-LD-less: microdata + OpenGraph
    listing = fixture_path("listings", "intershop__TeamHG-Memex__debijenkorf-heren-jassen.html")
    ld = fixture_path("cdio_jsonld_unifi_priceSpecification.html")
    code = f"""
import json, sys
from pathlib import Path
from shopper.extract.page import extract_product
from shopper.extract.listing import read_listing
offer = extract_product(Path({str(product)!r}).read_bytes(), "https://shop.example/p/1")
assert offer is not None and offer.price is not None
assert extract_product(Path({str(ld)!r}).read_bytes(), "https://shop.example/p/2") is not None
assert read_listing(Path({str(listing)!r}).read_bytes(), "https://shop.example/c").offers
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
