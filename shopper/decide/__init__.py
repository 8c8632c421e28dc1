"""Deciding the answer: grouping, relevance, landed cost, ranking and the answer rule (pure functions)."""
