"""The JSON output contract: its schema, generated from the fact dataclasses.

``article.schema.json`` ships as package data; :mod:`.generate` writes it from
:mod:`tidings.model`, and :mod:`.constraints` holds the ``Annotated`` markers the model's
types carry for it.
"""

SCHEMA_ID = "tidings/article@1"

__all__ = ["SCHEMA_ID"]
