"""Simulated forced-return scenarios: people (the truth), their batches, and the lists that
partly, noisily and dependently name them — for the demo, tests and benchmarks.

No real person is named: names are drawn from the tables in ``uncounted/names/tables``, places
from ``uncounted.places``. The same config (and seed) gives the same scenario, byte for byte.
"""

from uncounted.simulate.config import STYLES, ScenarioConfig
from uncounted.simulate.files import ScenarioFiles, write_list, write_scenario
from uncounted.simulate.journeys import ReturnBatch
from uncounted.simulate.people import SimPerson
from uncounted.simulate.scenario import Scenario, SimList, simulate_scenario
from uncounted.simulate.stream import iter_canonical_rows

__all__ = [
    "STYLES",
    "ReturnBatch",
    "Scenario",
    "ScenarioConfig",
    "ScenarioFiles",
    "SimList",
    "SimPerson",
    "iter_canonical_rows",
    "simulate_scenario",
    "write_list",
    "write_scenario",
]
