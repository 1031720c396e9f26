"""The JSON Schema of the output contract (article.schema.json), shipped as package data."""
