"""`find --like PHOTO`: product pictures fetched from a local shop and ranked by how they look."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from photo_shop import PhotoShop, picture
from typer.testing import CliRunner

from shopper.cli.app import app

runner = CliRunner()


def _one(title: str, handle: str, price: str, value: str, colour: str) -> dict[str, object]:
    return {"title": title, "handle": handle, "price": price, "looks": [(value, colour, "plain")]}


PRODUCTS = [
    _one("Cable Knit Sweater No. 2", "cable-2", "59.00", "Ember", "red"),
    _one("Cable Knit Sweater No. 3", "cable-3", "55.00", "Fjord", "blue"),
    _one("Cable Knit Sweater No. 4", "cable-4", "52.00", "Moss", "green"),
    _one("Waffle Knit Sweater", "waffle", "64.00", "Ember", "red"),
    {
        "title": "Lambswool Crew Sweater",
        "handle": "lambswool-crew",
        "price": "79.00",
        "looks": [("Fjord", "blue", "plain"), ("Ember", "red", "plain"), ("Moss", "green", "plain")],
    },
]


@pytest.fixture
def shop() -> Iterator[PhotoShop]:
    with PhotoShop(PRODUCTS) as s:
        yield s


def _profile(tmp_path: Path, shop: PhotoShop, photos: list[str] | None = None) -> Path:
    path = tmp_path / "me.toml"
    lines = [f"photos = {json.dumps(photos or [])}", "", "[[shops]]", 'name = "Knitworks"']
    lines += [f'url = "{shop.url}"', 'platform = "shopify"', 'currency = "EUR"']
    path.write_text("\n".join(lines) + "\n")
    return path


def _red_photo(tmp_path: Path) -> Path:
    photo = tmp_path / "red.jpg"
    photo.write_bytes(picture("red"))
    return photo


def test_like_a_red_photo_ranks_red_sweaters_first(tmp_path: Path, shop: PhotoShop) -> None:
    photo = _red_photo(tmp_path)
    args = ["find", "sweater", "--like", str(photo), "--json", "--profile", str(_profile(tmp_path, shop))]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    offers = json.loads(result.stdout)["offers"]
    top = {o["url"].split("/products/")[1].split("?")[0] for o in offers[:3]}
    assert top == {"cable-2", "waffle", "lambswool-crew"}
    for offer in offers[:3]:
        assert any("close to your photo red.jpg" in r for r in offer["reasons"]), offer["reasons"]
    for offer in offers[3:]:
        assert not any("close to your photo" in r for r in offer["reasons"])
    assert shop.image_hits == 3  # three distinct pictures, each fetched once


def test_the_variant_that_looks_like_the_photo_is_the_one_shown(tmp_path: Path, shop: PhotoShop) -> None:
    photo = _red_photo(tmp_path)
    args = [
        "find",
        "sweater size M",
        "--like",
        str(photo),
        "--json",
        "--profile",
        str(_profile(tmp_path, shop)),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    crew = next(o for o in json.loads(result.stdout)["offers"] if "lambswool-crew" in o["url"])
    # Ember / M is the 2nd colour's 2nd size: id 5000 + 20 + 2
    assert crew["variant"]["url"].endswith("?variant=5022"), crew


def test_profile_photos_count_and_a_bad_one_is_only_a_warning(tmp_path: Path, shop: PhotoShop) -> None:
    photo = _red_photo(tmp_path)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    profile = _profile(tmp_path, shop, [str(photo), str(broken)])
    result = runner.invoke(app, ["find", "sweater", "--json", "--profile", str(profile)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert any("photo skipped: broken.jpg" in w for w in payload["warnings"])
    assert any("close to your photo red.jpg" in r for r in payload["offers"][0]["reasons"])


def test_a_corrupt_like_photo_is_one_clear_error(tmp_path: Path, shop: PhotoShop) -> None:
    bad = tmp_path / "huge.jpg"
    bad.write_bytes(b"GIF89a" + b"\x00" * 20)
    result = runner.invoke(
        app, ["find", "sweater", "--like", str(bad), "--profile", str(_profile(tmp_path, shop))]
    )
    assert result.exit_code == 2
    assert "huge.jpg" in result.output and "Traceback" not in result.output


def test_like_without_words_searches_by_the_photos_colour(tmp_path: Path, shop: PhotoShop) -> None:
    photo = _red_photo(tmp_path)
    result = runner.invoke(
        app, ["find", "--like", str(photo), "--json", "--profile", str(_profile(tmp_path, shop))]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["request"] == "red"


def test_a_vision_llm_describes_the_photo_once_and_the_description_feeds_find(
    tmp_path: Path, shop: PhotoShop
) -> None:
    from tests.fake_llm import Answer, FakeLLM, text_answer

    def reply(body: dict[str, object]) -> object:
        user = [m for m in body["messages"] if m["role"] == "user"][-1]  # type: ignore[index]
        if not isinstance(user["content"], list):
            return Answer(content="not json")  # the request parser: it falls back to the offline one
        assert any(part.get("type") == "image_url" for part in user["content"])  # the photo itself is sent
        return text_answer({"category": "Sweater", "colours": ["Red"], "material": "lambswool", "style": ""})

    photo = _red_photo(tmp_path)
    with FakeLLM(reply) as llm:  # type: ignore[arg-type]
        env = {"OPENAI_BASE_URL": llm.base_url, "SHOPPER_MODEL": "fake-model"}
        args = ["find", "--like", str(photo), "--json", "--profile", str(_profile(tmp_path, shop))]
        first = runner.invoke(app, args, env=env)
        again = runner.invoke(app, args, env=env)
        photo_requests = [b for b in llm.requests if "photo" in json.dumps(b.get("messages", []))[:2000]]
    assert first.exit_code == 0, first.output
    payload = json.loads(first.stdout)
    assert payload["request"] == "sweater"
    assert "red sweater" in payload["query"]["search_terms"] or payload["query"]["terms"] == ["sweater"]
    crew = next(o for o in payload["offers"] if "lambswool-crew" in o["url"])
    assert any("lambswool, like your photo red.jpg" in r for r in crew["reasons"])
    assert again.exit_code == 0
    described = [b for b in photo_requests if any(
        isinstance(m.get("content"), list) for m in b["messages"])]  # fmt: skip
    assert len(described) == 1  # the second find reads the cached description


def test_a_model_that_cannot_see_leaves_one_warning(tmp_path: Path, shop: PhotoShop) -> None:
    from tests.fake_llm import Answer, FakeLLM

    photo = _red_photo(tmp_path)
    with FakeLLM(lambda body: Answer(content="I cannot see images, sorry.")) as llm:
        env = {"OPENAI_BASE_URL": llm.base_url, "SHOPPER_MODEL": "fake-model"}
        args = ["find", "sweater", "--like", str(photo), "--json", "--profile", str(_profile(tmp_path, shop))]
        result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert any("could not describe your photos" in w or "not usable" in w for w in payload["warnings"])
    assert any("close to your photo red.jpg" in r for r in payload["offers"][0]["reasons"])
