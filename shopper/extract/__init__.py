"""Pure extraction layers: HTML / JSON -> RawOffer, and page.py merging them into an Offer."""
