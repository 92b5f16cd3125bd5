"""The stage history and the interview scorecards of the recruiting part's
hiring data (``recruiting_data``), written in SQL.

Each change of stage of a generated application becomes what Odoo logs for
it (a message with a ``stage_id`` tracking value); each scorecard is
submitted, rates every competency of its job and carries the weighted score
that the ORM would compute. Their ids are taken from the tables' sequences:
other connections may write to the database meanwhile.
"""

from datetime import datetime, timedelta

from odoo.tools import SQL

from .bulk import _insert


def _reserve_ids(cr, table, count):
    """``count`` new ids of ``table`` from its sequence: other connections
    may write to the database meanwhile (a load test, the scheduler)."""
    cr.execute(
        SQL(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
            "FROM generate_series(1, %s)",
            table,
            count,
        )
    )
    return [row[0] for row in cr.fetchall()]


def _rows(cr, table, columns, rows):
    """INSERT the ``rows`` (tuples of ``columns``, each ``name:type`` with a
    PostgreSQL type name: int4, text, bool, ...)."""
    names = [column.split(":")[0] for column in columns]
    types = [column.split(":")[1] for column in columns]
    arrays = [list(values) for values in zip(*rows, strict=True)]
    select = SQL(
        "SELECT * FROM unnest(%s)",
        SQL(", ").join(
            SQL("%s::%s[]", array, SQL.identifier(kind))
            for kind, array in zip(types, arrays, strict=True)
        ),
    )
    return _insert(cr, table, " ".join(names), "%(rows)s", rows=select)


def write_history(env, plans, applicants, stages, reasons, recruiter):
    """Dates and outcomes, then the stage changes as Odoo logs them."""
    cr = env.cr
    late = reasons["late"]
    early = reasons["early"]
    updates = []
    for plan, applicant in zip(plans, applicants, strict=True):
        path = plan["path"]
        last = stages[path[-2]].id if len(path) > 1 else None
        moved = plan["changes"][-1] if plan["changes"] else plan["applied"]
        refused = plan["outcome"] == "refused"
        updates.append(
            (
                applicant.id,
                plan["applied"],
                plan.get("hired"),
                last,
                moved,
                not refused,
                (late if path[-1] >= 4 else early).id if refused else None,
                moved + timedelta(days=3) if refused else None,
            )
        )
    cr.execute(
        SQL(
            """
            UPDATE hr_applicant a
               SET create_date = u.applied, write_date = u.applied,
                   date_open = u.applied, date_closed = u.hired,
                   last_stage_id = u.last_stage, date_last_stage_update = u.moved,
                   active = u.active, refuse_reason_id = u.reason,
                   refuse_date = u.refused
              FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[], %s::int[],
                          %s::timestamp[], %s::bool[], %s::int[], %s::timestamp[])
                   AS u(id, applied, hired, last_stage, moved, active, reason, refused)
             WHERE a.id = u.id""",
            *(list(column) for column in zip(*updates, strict=True)),
        )
    )
    # one message and one tracking value per stage change
    field = env["ir.model.fields"]._get("hr.applicant", "stage_id")
    subtype = env.ref("hr_recruitment.mt_applicant_stage_changed")
    changes = sum(len(plan["changes"]) for plan in plans)
    message_ids = _reserve_ids(cr, "mail_message", changes)
    tracking_ids = _reserve_ids(cr, "mail_tracking_value", changes)
    messages, trackings = [], []
    author = recruiter.partner_id.id
    for plan, applicant in zip(plans, applicants, strict=True):
        path = plan["path"]
        for old, new, moment in zip(path[:-1], path[1:], plan["changes"], strict=True):
            message_id = message_ids[len(messages)]
            moment = moment.replace(microsecond=0)
            messages.append(
                (
                    message_id,
                    "hr.applicant",
                    applicant.id,
                    plan["name"],
                    env.company.id,
                    "notification",
                    subtype.id,
                    "",
                    author,
                    True,
                    moment,
                    moment,
                    moment,
                    env.uid,
                    env.uid,
                )
            )
            trackings.append(
                (
                    tracking_ids[len(trackings)],
                    field.id,
                    stages[old].id,
                    stages[new].id,
                    stages[old].name,
                    stages[new].name,
                    message_id,
                    moment,
                    moment,
                    env.uid,
                    env.uid,
                )
            )
    count = _rows(
        cr,
        "mail_message",
        (
            "id:int4 model:text res_id:int4 record_name:text record_company_id:int4 "
            "message_type:text subtype_id:int4 body:text author_id:int4 "
            "is_internal:bool date:timestamp create_date:timestamp "
            "write_date:timestamp create_uid:int4 write_uid:int4"
        ).split(),
        messages,
    )
    _rows(
        cr,
        "mail_tracking_value",
        (
            "id:int4 field_id:int4 old_value_integer:int4 new_value_integer:int4 "
            "old_value_char:text new_value_char:text mail_message_id:int4 "
            "create_date:timestamp write_date:timestamp create_uid:int4 write_uid:int4"
        ).split(),
        trackings,
    )
    return count


def _recommendation(score):
    if score >= 4.0:
        return "strong_yes"
    if score >= 3.2:
        return "yes"
    if score >= 2.5:
        return "no"
    return "strong_no"


def write_scorecards(env, plans, applicants, stages, interviewers, rnd):
    """A submitted scorecard of every interviewer rating every competency:
    for each application in progress of the comparison job and each hire;
    two for a refused application that passed the screening."""
    cr = env.cr
    weights_of = {
        job.id: [
            (line.competency_id.id, line.weight, line.sequence)
            for line in job.sales_competency_ids
        ]
        for job in applicants.job_id
    }

    def panel_of(plan):
        if plan["outcome"] != "refused":
            return interviewers
        return interviewers[:2] if plan["path"][-1] > 0 else interviewers[:0]

    panels = [panel_of(plan) for plan in plans]
    card_ids = iter(
        _reserve_ids(cr, "sales_interview_scorecard", sum(map(len, panels)))
    )
    line_ids = iter(
        _reserve_ids(
            cr,
            "sales_interview_scorecard_line",
            sum(
                len(panel) * len(weights_of[plan["job"].id])
                for plan, panel in zip(plans, panels, strict=True)
            ),
        )
    )
    cards, lines = [], []
    for plan, applicant, panel in zip(plans, applicants, panels, strict=True):
        job = plan["job"]
        weights = weights_of[job.id]
        day = (plan["changes"][0] if plan["changes"] else plan["applied"]).date()
        for number, interviewer in enumerate(panel):
            card_id = next(card_ids)
            ratings = [
                min(5, max(1, round(plan["quality"] + rnd.gauss(0, 0.7))))
                for _weight in weights
            ]
            total = sum(
                weight * rating
                for (_c, weight, _s), rating in zip(weights, ratings, strict=True)
            )
            score = round(total / sum(weight for _c, weight, _s in weights), 2)
            submitted = datetime.combine(day, datetime.min.time()) + timedelta(
                hours=10 + number
            )
            cards.append(
                (
                    card_id,
                    applicant.id,
                    job.id,
                    env.company.id,
                    interviewer.id,
                    stages[1 if number < 2 else 2].id,
                    day,
                    "submitted",
                    submitted,
                    rnd.randint(1, 5) if number < 2 else 0,
                    _recommendation(score),
                    score,
                    submitted,
                    submitted,
                    interviewer.id,
                    interviewer.id,
                )
            )
            for (competency, weight, sequence), rating in zip(
                weights, ratings, strict=True
            ):
                lines.append(
                    (
                        next(line_ids),
                        card_id,
                        applicant.id,
                        job.id,
                        env.company.id,
                        interviewer.id,
                        "submitted",
                        competency,
                        sequence,
                        weight,
                        rating,
                        submitted,
                        submitted,
                        interviewer.id,
                        interviewer.id,
                    )
                )
    count = _rows(
        cr,
        "sales_interview_scorecard",
        (
            "id:int4 applicant_id:int4 job_id:int4 company_id:int4 interviewer_id:int4 "
            "stage_id:int4 interview_date:date state:text date_submitted:timestamp "
            "role_play_score:int4 recommendation:text weighted_score:numeric "
            "create_date:timestamp write_date:timestamp create_uid:int4 write_uid:int4"
        ).split(),
        cards,
    )
    line_count = _rows(
        cr,
        "sales_interview_scorecard_line",
        (
            "id:int4 scorecard_id:int4 applicant_id:int4 job_id:int4 company_id:int4 "
            "interviewer_id:int4 state:text competency_id:int4 sequence:int4 "
            "weight:numeric rating:int4 create_date:timestamp write_date:timestamp "
            "create_uid:int4 write_uid:int4"
        ).split(),
        lines,
    )
    return count, line_count
