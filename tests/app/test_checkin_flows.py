"""The flow table: every flow a config may name has its steps and its end."""

from __future__ import annotations

from typing import get_args

from microalign.app.checkin import FLOWS
from microalign.config import Flow


def test_checkin_flows_table_every_config_flow_listed():
    assert sorted(FLOWS) == sorted(get_args(Flow))


def test_checkin_flows_table_evening_sums_up_weekly_keeps_focus(app):
    from microalign.app.checkin import _save_focus

    assert [name for name, flow in FLOWS.items() if flow.sums_up] == ["evening"]
    assert [name for name, flow in FLOWS.items() if flow.keep is _save_focus] == ["weekly"]
    day = app.today()
    for name, flow in FLOWS.items():
        steps = flow.steps(app, day)
        assert steps, name  # even without goals, a flow says something
