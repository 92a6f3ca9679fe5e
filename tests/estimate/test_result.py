"""The Estimate every method returns: JSON-ready, with the interval named."""

from __future__ import annotations

import json
import math

import numpy as np

from uncounted.estimate.result import Estimate


def test_as_dict_is_plain_json_with_non_finite_numbers_as_null():
    estimate = Estimate(
        method="loglinear",
        estimate=np.float64(120.5),
        lo95=100.0,
        hi95=math.inf,
        observed=np.int64(60),
        interval="profile-likelihood",
        settings={"rule": "bic", "lists": ("A", "B")},
        diagnostics={"top": [{"bic": np.float64(3.5), "usable": np.bool_(True)}], "nan": math.nan},
        warnings=("open above",),
    )
    plain = estimate.as_dict()
    assert json.loads(json.dumps(plain, allow_nan=False)) == plain
    assert {"method", "estimate", "lo95", "hi95", "observed"} <= plain.keys()
    assert plain["hi95"] is None and plain["diagnostics"]["nan"] is None
    assert plain["settings"]["lists"] == ["A", "B"]
    assert plain["diagnostics"]["top"] == [{"bic": 3.5, "usable": True}]
    assert estimate.dark_figure == 60.5
