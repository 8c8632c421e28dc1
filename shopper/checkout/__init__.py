"""Buying: carts, the confirmation policy, the budget guard, the ACP client, the mock merchant and orders."""
