from __future__ import annotations

import pytest

from uncounted.simulate import Scenario, ScenarioConfig, simulate_scenario


@pytest.fixture(scope="package")
def scenario() -> Scenario:
    """A scenario big enough for shares and rare noise to show (2,000 people, 5 lists)."""
    return simulate_scenario(ScenarioConfig(n_people=2000, n_lists=5, seed=7))


@pytest.fixture(scope="package")
def rows_by_style(scenario: Scenario) -> dict[str, list[dict[str, str]]]:
    return {sim.style: list(sim.rows) for sim in scenario.lists}
