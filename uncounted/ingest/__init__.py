"""Read list files (CSV, XLSX, JSON) into parsed rows. Pure: never touches a database.

``open_list`` opens a file (or decrypted bytes) and streams its rows, each once and in order,
as a ``ParsedRow`` (a record, with the issues that cost single fields) or an ``UnreadableRow``
(a line that cannot be a row, kept with its reason). ``load_mapping`` reads the TOML mapping of
a list that is not in the canonical format (``parse_mapping``: from TOML text).
``parse_row_values`` re-parses one corrected row; ``canonical_view`` turns a row's ``raw``
(keyed by the file's headers) into the canonical keys it takes.
"""

from .columns import canonical_view
from .dates import parse_date
from .listfile import ListFile, open_list
from .mapping import ListMapping, load_mapping, parse_mapping
from .parse import ParsedRow, UnreadableRow, parse_row_values

__all__ = [
    "ListFile",
    "ListMapping",
    "ParsedRow",
    "UnreadableRow",
    "canonical_view",
    "load_mapping",
    "open_list",
    "parse_date",
    "parse_mapping",
    "parse_row_values",
]
