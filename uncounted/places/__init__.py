"""A small North Korean gazetteer: provinces, cities/counties, and places of arrest and return.

Pure data and lookups (stdlib only). Names come in every script lists use: North and South Hangul,
hanja, simplified Chinese and pinyin, Revised Romanization, McCune–Reischauer with and without
breves, and ad hoc English aliases.
"""

from uncounted.places.gazetteer import (
    County,
    Facility,
    Province,
    county_by_id,
    facility_by_id,
    load_counties,
    load_facilities,
    load_provinces,
    province_by_id,
)

__all__ = [
    "County",
    "Facility",
    "Province",
    "county_by_id",
    "facility_by_id",
    "load_counties",
    "load_facilities",
    "load_provinces",
    "province_by_id",
]
