"""The agent: one tool layer and the front-ends that use it (intent engine, LLM loop, MCP)."""
