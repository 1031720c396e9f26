"""Quotes: what was said, by whom, with the cue that reports it.

Entry point: :func:`find_quotes` (:mod:`.attributions`, which puts the parts together):
:mod:`.marks` pairs quote marks into passages, :mod:`.direct` finds the speaker and cue of a
quoted passage, :mod:`.indirect` finds reported speech in the parse, and :mod:`.speakers`
builds speaker phrases, resolves pronouns (:mod:`tidings.extract.referents`) and links them
to entities. The cue verbs and speaker nouns are data (:class:`tidings.rules.Rules`).
"""

from tidings.extract.quotes.attributions import find_quotes

__all__ = ["find_quotes"]
