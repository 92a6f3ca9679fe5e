"""The knobs of a simulated forced-return scenario."""

from __future__ import annotations

from dataclasses import dataclass

STYLES: tuple[str, ...] = ("hangul_north", "rr", "mr", "english_adhoc", "chinese")
MAX_LISTS = 8


@dataclass(frozen=True)
class ScenarioConfig:
    """What to simulate. Every rate is a probability in [0, 1]; the same config gives the same
    scenario.

    Population
      n_people: people forcibly returned, over all batches.
      female_share: share of women.
      mass_event_share: share of people returned in the mass event of 9 October 2023; the rest
        are spread over the smaller batches (April and August 2023, April 2024).
      lookalike_share: share of people in a look-alike group: two or three different people
        with the same Hangul name, birth year and home county.
      sibling_share: share of people in a sibling group: same family name and home, given
        names sharing a syllable, birth years a few years apart.
      alias_share: share of women with a Chinese alias (a name used in China), which Chinese
        and media lists sometimes give.

    Capture (which lists name whom)
      n_lists: 1..8 lists; their styles cycle through ``STYLES``.
      capture_rate: the typical chance that a list names a person.
      capture_heterogeneity: standard deviation, on the logit scale, of each person's latent
        catchability, shared by all lists (some people are named everywhere, some nowhere).
      list_dependence: standard deviation of the informant-network factor shared by the lists
        fed by one network (the ``hangul_north`` and ``rr`` lists; half as strong between the
        ``mr`` and ``english_adhoc`` lists): positive dependence between those lists.
      mass_visibility: logit boost for media-style (``english_adhoc``) lists of people in the
        mass event, which the press covered.

    Noise (per row, in every list)
      typo_rate: chance a name is misspelled (a Latin letter swapped, dropped or doubled; a
        Hangul syllable with a wrong vowel or final).
      missing_rate: chance each optional field of a row is left empty.
      age_rate: chance a row gives an age at a report date instead of a birth date, in lists
        that usually give birth dates; ``mr`` and ``english_adhoc`` lists give ages in most rows.
      korean_age_rate: chance an age in an ``english_adhoc`` list is a Korean age (one more).
      date_swap_rate: chance a full date is written day/month/year, or month/day/year.
      duplicate_rate: chance a list names a person it names twice, under two record ids with
        different spellings and details.
      unidentified_rate: chance a row says nothing identifying, only its record id and event.
    """

    n_people: int = 600
    n_lists: int = 5
    seed: int = 0
    female_share: float = 0.8
    mass_event_share: float = 0.75
    lookalike_share: float = 0.06
    sibling_share: float = 0.04
    alias_share: float = 0.1
    capture_rate: float = 0.4
    capture_heterogeneity: float = 1.0
    list_dependence: float = 1.0
    mass_visibility: float = 1.0
    typo_rate: float = 0.05
    missing_rate: float = 0.08
    age_rate: float = 0.2
    korean_age_rate: float = 0.2
    date_swap_rate: float = 0.03
    duplicate_rate: float = 0.03
    unidentified_rate: float = 0.01

    def __post_init__(self) -> None:
        if self.n_people < 1:
            raise ValueError("n_people must be at least 1")
        if not 1 <= self.n_lists <= MAX_LISTS:
            raise ValueError(f"n_lists must be between 1 and {MAX_LISTS}")
        for name in [
            "female_share",
            "mass_event_share",
            "lookalike_share",
            "sibling_share",
            "alias_share",
            "capture_rate",
            "typo_rate",
            "missing_rate",
            "age_rate",
            "korean_age_rate",
            "date_swap_rate",
            "duplicate_rate",
            "unidentified_rate",
        ]:
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1")
        if self.lookalike_share + self.sibling_share > 0.9:
            raise ValueError("lookalike_share + sibling_share must leave room for others")
        for name in ("capture_heterogeneity", "list_dependence", "mass_visibility"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")

    @property
    def styles(self) -> tuple[str, ...]:
        """The style of each list, in order."""
        return tuple(STYLES[i % len(STYLES)] for i in range(self.n_lists))
