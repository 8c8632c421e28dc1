"""The scheduled deal-watch: watches, rules, price history, the alert outbox, notifications, scheduling."""
