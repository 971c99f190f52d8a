"""Korean text for every floor: one Kiwi, one sentence splitter, spacing-insensitive matching.

ingest (index side) and retrieval (query side) must analyse alike, so both import from here.
"""

from sosa.korean.analysis import (
    analyze,
    bigrams,
    kiwi,
    kiwi_lock,
    morphemes,
    normalize_query,
    proper_nouns,
)
from sosa.korean.sentences import sentences
from sosa.korean.text import Weighted, nospace, region_of, regions_in, token_set

__all__ = [
    "Weighted",
    "analyze",
    "bigrams",
    "kiwi",
    "kiwi_lock",
    "morphemes",
    "normalize_query",
    "nospace",
    "proper_nouns",
    "region_of",
    "regions_in",
    "sentences",
    "token_set",
]
