"""`shopper rates update|show` against a local server speaking the ECB daily feed's XML format."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shopper import ecb
from shopper.cli.app import app

runner = CliRunner()

# The layout of https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml (gesmes envelope, one
# dated Cube of currency/rate Cubes, single-quoted attributes, tabs); the figures are made up.
ECB_DAILY = """<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" \
xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time='2099-03-04'>
\t\t\t<Cube currency='USD' rate='1.2000'/>
\t\t\t<Cube currency='JPY' rate='150.00'/>
\t\t\t<Cube currency='DKK' rate='7.4600'/>
\t\t\t<Cube currency='GBP' rate='0.85000'/>
\t\t\t<Cube currency='SEK' rate='11.000'/>
\t\t\t<Cube currency='CHF' rate='0.9500'/>
\t\t\t<Cube currency='NOK' rate='12.000'/>
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>
"""

BROKEN = {
    "/maintenance.xml": (200, b"<html><body>Site under maintenance</body></html>", "text/html"),
    "/truncated.xml": (200, ECB_DAILY.encode()[:400], "text/xml"),
    "/negative.xml": (200, ECB_DAILY.replace("'12.000'", "'-12.000'").encode(), "text/xml"),
    "/gone.xml": (404, b"not found", "text/plain"),
}


ROUTES = {"/daily.xml": (200, ECB_DAILY.encode(), "text/xml"), **BROKEN}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body, ctype = ROUTES.get(self.path, (404, b"not found", "text/plain"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def feed() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_update_saves_the_feed_and_show_uses_it(
    feed: str, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ecb.FEED_ENV, f"{feed}/daily.xml")
    result = runner.invoke(app, ["rates", "update"])
    assert result.exit_code == 0, result.output
    assert "2099-03-04" in result.stdout and "7 currencies" in result.stdout
    saved = json.loads((isolated_env / "ecb-rates.json").read_text())
    assert saved["date"] == "2099-03-04" and saved["rates"]["NOK"] == "12.000"
    shown = runner.invoke(app, ["rates", "show", "--json"])
    assert shown.exit_code == 0, shown.output
    rows = {row["currency"]: row for row in json.loads(shown.stdout)["rates"]}
    assert rows["USD"]["per_euro"] == "1.2000" and rows["USD"]["source"] == "ECB 2099-03-04 (updated)"
    assert Decimal(rows["NOK"]["rate"]) == Decimal(1) / Decimal(12)
    # currencies the feed lacked still come from the bundled day, labelled as such
    assert rows["AUD"]["source"] == f"ECB reference {ecb.bundled().date}"
    human = runner.invoke(app, ["rates", "show"], env={"COLUMNS": "120"})
    assert "ECB 2099-03-04 (updated)" in human.stdout and "newest ECB day 2099-03-04" in human.stdout


@pytest.mark.parametrize("path", sorted(BROKEN))
def test_a_broken_feed_is_one_line_and_keeps_the_old_rates(
    path: str, feed: str, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ecb.FEED_ENV, f"{feed}/daily.xml")
    assert runner.invoke(app, ["rates", "update"]).exit_code == 0
    before = (isolated_env / "ecb-rates.json").read_bytes()
    monkeypatch.setenv(ecb.FEED_ENV, feed + path)
    result = runner.invoke(app, ["rates", "update"])
    assert result.exit_code == 4
    message = result.stderr.strip()
    assert message.startswith("error:") and "\n" not in message and "kept the previous rates" in message
    assert "Traceback" not in result.output
    assert (isolated_env / "ecb-rates.json").read_bytes() == before


def test_show_with_a_profile_names_profile_rates(tmp_path: Path) -> None:
    profile = tmp_path / "nok.toml"
    profile.write_text('currency = "NOK"\n[rates]\nEUR = 11.5\n')
    result = runner.invoke(app, ["rates", "show", "--profile", str(profile), "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["currency"]: row for row in json.loads(result.stdout)["rates"]}
    assert rows["EUR"]["source"] == "profile" and rows["EUR"]["rate"] == "11.5"
    assert rows["SEK"]["source"].startswith("ECB reference")
