"""The LLM layer: any OpenAI-compatible server; every caller has an offline path when it is absent."""
