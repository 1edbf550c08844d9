"""The ingest history: each task's story (queued -> started -> finished | failed, or resent when its input
had to be sent again), kept in the database so it survives Flower and Redis restarts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from worker.states import Outcome, TaskState
from worker.store.models import IngestTask, utcnow
from worker.store.repository import insert_for


def record_queued(session: Session, task_id: str, kind: str, argument: str) -> None:
    session.execute(
        insert_for(session, IngestTask)
        .values(
            task_id=task_id,
            kind=kind,
            argument=argument,
            state=TaskState.QUEUED,
            queued_at=utcnow(),
            attempts=0,
            deliveries=0,
        )
        .on_conflict_do_nothing(index_elements=["task_id"])
    )


@dataclass(frozen=True)
class Delivery:
    """One delivery of a task's message, as `record_started` found it."""

    task_id: str
    previous_state: TaskState  # the task's state before this delivery
    previous_outcome: Outcome | None  # set when it had finished: this delivery is a no-op
    article_id: int | None
    cut_short: int  # earlier deliveries that never reached an outcome: their process died

    @property
    def already_finished(self) -> bool:
        return self.previous_state == TaskState.FINISHED


def record_started(session: Session, task_id: str, kind: str, argument: str) -> Delivery:
    """Mark the task started and count this delivery; says what the task's state was before it.

    A delivery that finds the task still "started" follows one whose process died before any outcome
    (acks_late redelivers its message): it is counted in `cut_short`.
    """
    record_queued(session, task_id, kind, argument)
    row = session.scalars(select(IngestTask).where(IngestTask.task_id == task_id).with_for_update()).one()
    delivery = Delivery(
        task_id=task_id,
        previous_state=TaskState(row.state),
        previous_outcome=Outcome(row.outcome) if row.outcome is not None else None,
        article_id=row.article_id,
        cut_short=row.cut_short + (1 if row.state == TaskState.STARTED else 0),
    )
    row.deliveries += 1
    if row.state != TaskState.FINISHED:
        row.state = TaskState.STARTED
        row.started_at = utcnow()
        row.attempts += 1
        row.cut_short = delivery.cut_short
    return delivery


def record_finished(
    session: Session, task_id: str, outcome: str, article_id: int | None, timings: dict[str, Any] | None
) -> None:
    session.execute(
        update(IngestTask)
        .where(IngestTask.task_id == task_id)
        .values(
            state=TaskState.FINISHED,
            outcome=outcome,
            article_id=article_id,
            timings=timings,
            finished_at=utcnow(),
            error=None,
        )
    )


def record_failed(session: Session, task_id: str, error: str, *, will_retry: bool) -> None:
    session.execute(
        update(IngestTask)
        .where(IngestTask.task_id == task_id)
        .values(
            state=TaskState.RETRYING if will_retry else TaskState.FAILED,
            error=error[:2000],
            finished_at=None if will_retry else utcnow(),
        )
    )


def record_resent(session: Session, task_id: str, resent_as: str) -> None:
    """The task had no outcome within the resend interval and its input was sent again (a lost message,
    most often); it stays in the history, closed, pointing to the task that replaced it."""
    session.execute(
        update(IngestTask)
        .where(IngestTask.task_id == task_id, IngestTask.state.in_((TaskState.QUEUED, TaskState.STARTED)))
        .values(
            state=TaskState.RESENT, error=f"no outcome in time: sent again as task {resent_as}", finished_at=utcnow()
        )
    )


def forget(session: Session, task_id: str) -> None:
    """Remove a history row for a task that was never sent."""
    from sqlalchemy import delete

    session.execute(delete(IngestTask).where(IngestTask.task_id == task_id))
