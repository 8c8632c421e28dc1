"""Preference changes: proposed by a tool, written to the user's profile file only once approved."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from shopper.agent import actions
from shopper.models import Profile


class PreferenceChange(BaseModel):
    """What to change in the profile; empty fields change nothing."""

    avoid_brands: list[str] = Field(default_factory=list, description="brands the user does not want")
    like_brands: list[str] = Field(default_factory=list, description="brands the user likes")
    avoid_shops: list[str] = Field(default_factory=list, description="shops the user does not want")
    like_colours: list[str] = Field(default_factory=list)
    sizes: dict[str, str] = Field(
        default_factory=dict, description='e.g. {"shoes_eu": "44", "clothing": "M"}'
    )
    max_per_item: Decimal | None = Field(default=None, gt=0, description="budget cap per item")

    def is_empty(self) -> bool:
        """True when it would change nothing."""
        return not (
            self.avoid_brands
            or self.like_brands
            or self.avoid_shops
            or self.like_colours
            or self.sizes
            or self.max_per_item is not None
        )

    def summary(self, profile_name: str) -> str:
        """The change in words, as the user confirms it."""
        parts = []
        if self.avoid_brands:
            parts.append("avoid brand(s) " + ", ".join(self.avoid_brands))
        if self.like_brands:
            parts.append("like brand(s) " + ", ".join(self.like_brands))
        if self.avoid_shops:
            parts.append("avoid shop(s) " + ", ".join(self.avoid_shops))
        if self.like_colours:
            parts.append("like colour(s) " + ", ".join(self.like_colours))
        for key, value in self.sizes.items():
            parts.append(f"size {key} = {value}")
        if self.max_per_item is not None:
            parts.append(f"at most {self.max_per_item} per item")
        return f"save to profile {profile_name!r}: " + "; ".join(parts)


def apply_change(profile: Profile, change: PreferenceChange) -> Profile:
    """A copy of `profile` with the change applied (liking a brand un-avoids it and back)."""
    updated = profile.model_copy(deep=True)

    def add(current: list[str], new: list[str]) -> list[str]:
        known = {c.lower() for c in current}
        return current + [n for n in new if n.lower() not in known]

    def drop(current: list[str], gone: list[str]) -> list[str]:
        lowered = {g.lower() for g in gone}
        return [c for c in current if c.lower() not in lowered]

    updated.brands_avoided = drop(add(updated.brands_avoided, change.avoid_brands), change.like_brands)
    updated.brands_liked = drop(add(updated.brands_liked, change.like_brands), change.avoid_brands)
    updated.shops_avoided = add(updated.shops_avoided, change.avoid_shops)
    updated.colours_liked = add(updated.colours_liked, change.like_colours)
    updated.sizes = {**updated.sizes, **change.sizes}
    if change.max_per_item is not None:
        updated.budget.max_per_item = change.max_per_item
    return updated


def _run(payload: dict[str, Any]) -> str:
    from shopper.profiles import load_profile, save_profile, user_path_for

    profile = load_profile(payload.get("profile"))
    change = PreferenceChange.model_validate(payload["change"])
    updated = apply_change(profile, change)
    path = save_profile(updated, user_path_for(profile))
    return f"saved to {path}"


actions.register("preferences", _run)
