"""Business plan (연간 사업계획서): heading marks, project recovery, targets, budgets, contacts."""

from __future__ import annotations

from ingest.blocks import Block
from ingest.profiles.base import Profile
from ingest.profiles.business_plan.budgets import budgets
from ingest.profiles.business_plan.contacts import contacts
from ingest.profiles.business_plan.outline import RULES, outline, plan_context
from ingest.profiles.business_plan.targets import contract_targets, goal_targets
from ingest.profiles.records import FactRecord
from sosa.models import DocumentInfo


def extract(
    info: DocumentInfo, blocks: list[Block], sections: list[str], _meta: dict
) -> list[FactRecord]:
    return (
        contract_targets(info, blocks, sections)
        + goal_targets(info, blocks, sections)
        + budgets(info, blocks, sections)
        + contacts(info, blocks, sections)
    )


PROFILE = Profile(
    kind="business_plan", rules=RULES, extract=extract, outline=outline, context=plan_context
)
