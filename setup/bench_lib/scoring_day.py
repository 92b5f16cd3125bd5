"""A day of a sales team's work, applied before each timed training of ours.

Notes logged, opportunities edited, won and lost (in SQL); new tags put on
some opportunities, a stage and a team renamed and salespeople's profiles
edited (with the ORM): the changes whose opportunities the nightly training
must read again, and only those.
"""

from odoo import SUPERUSER_ID
from odoo.tools import SQL

# A day of work on the open opportunities before each timed training of ours:
# shares of them with a note logged, edited (expected revenue), won or lost,
# given one of the day's new tags; new tags; the share of the salespeople
# whose profile (user and partner) is edited. A stage and a team are renamed.
DAY_NOTED = 0.10
DAY_EDITED = 0.05
DAY_CLOSED = 0.005
DAY_TAGGED = 0.01
DAY_NEW_TAGS = 3
DAY_PROFILES = 0.25


def _a_day_of_work(env):
    """A day of a sales team's work, dated now: ``(changes, opportunities)``.

    Notes, edits, wins and losses on the open opportunities, in SQL; new
    tags put on some of them, a stage and a team renamed and salespeople's
    profiles edited, with the ORM. ``changes``: {what: how many}; the ids of
    the opportunities changed.
    """
    cr = env.cr
    cr.execute("SELECT setseed(0.27)")
    cr.execute(
        """CREATE TEMP TABLE bench_day ON COMMIT DROP AS
           SELECT id, user_id, random() AS r
             FROM (SELECT id, user_id FROM crm_lead
                    WHERE type = 'opportunity' AND active AND probability < 100
                 ORDER BY id) AS open_leads"""
    )
    noted = DAY_NOTED
    edited = noted + DAY_EDITED
    closed = edited + DAY_CLOSED
    tagged = closed + DAY_TAGGED
    counts = {}
    cr.execute(
        SQL(
            """INSERT INTO mail_message (model, res_id, message_type, body, date,
                                         author_id, create_uid, write_uid,
                                         create_date, write_date)
               SELECT 'crm.lead', d.id, 'comment', '<p>Called back</p>',
                      now() at time zone 'UTC', u.partner_id, %s, %s,
                      now() at time zone 'UTC', now() at time zone 'UTC'
                 FROM bench_day d LEFT JOIN res_users u ON u.id = d.user_id
                WHERE d.r < %s""",
            SUPERUSER_ID,
            SUPERUSER_ID,
            noted,
        )
    )
    counts["opportunities with a note logged"] = cr.rowcount
    cr.execute(
        SQL(
            """UPDATE crm_lead l
                  SET expected_revenue = round(COALESCE(l.expected_revenue, 0) * 1.1),
                      write_date = now() at time zone 'UTC'
                 FROM bench_day d
                WHERE d.id = l.id AND d.r >= %s AND d.r < %s""",
            noted,
            edited,
        )
    )
    counts["edited"] = cr.rowcount
    cr.execute(
        SQL(
            """UPDATE crm_lead l
                  SET stage_id = CASE WHEN d.r < %s THEN
                          (SELECT id FROM crm_stage WHERE is_won
                            ORDER BY sequence, id LIMIT 1) ELSE l.stage_id END,
                      probability = CASE WHEN d.r < %s THEN 100 ELSE 0 END,
                      active = d.r < %s,
                      date_closed = now() at time zone 'UTC',
                      write_date = now() at time zone 'UTC'
                 FROM bench_day d
                WHERE d.id = l.id AND d.r >= %s AND d.r < %s""",
            edited + DAY_CLOSED / 2,
            edited + DAY_CLOSED / 2,
            edited + DAY_CLOSED / 2,
            edited,
            closed,
        )
    )
    counts["won or lost"] = cr.rowcount
    # new tags, each put on some opportunities by the ORM
    tags = env["crm.tag"].create(
        [{"name": f"Bench day tag {number}"} for number in range(DAY_NEW_TAGS)]
    )
    cr.execute(
        SQL(
            "SELECT id FROM bench_day WHERE r >= %s AND r < %s ORDER BY id",
            closed,
            tagged,
        )
    )
    to_tag = [row[0] for row in cr.fetchall()]
    Lead = env["crm.lead"]
    for number, tag in enumerate(tags):
        Lead.browse(to_tag[number :: len(tags)]).write({"tag_ids": [(4, tag.id)]})
    counts["given a new tag"] = len(to_tag)
    cr.execute("SELECT id FROM bench_day WHERE r < %s", (tagged,))
    changed = {row[0] for row in cr.fetchall()}
    # reference records edited: names the features no longer hold
    cr.execute(
        """SELECT stage_id, team_id FROM crm_lead
            WHERE type = 'opportunity' AND active AND probability < 100
              AND stage_id IS NOT NULL AND team_id IS NOT NULL
         ORDER BY id LIMIT 1"""
    )
    stage_id, team_id = cr.fetchone()
    stage = env["crm.stage"].browse(stage_id)
    stage.name = f"{stage.name} (renamed)"
    team = env["crm.team"].browse(team_id)
    team.write({"name": f"{team.name} (renamed)", "color": (team.color or 0) + 1})
    cr.execute(
        """SELECT DISTINCT user_id FROM crm_lead
            WHERE user_id IS NOT NULL ORDER BY user_id"""
    )
    user_ids = [row[0] for row in cr.fetchall()]
    users = env["res.users"].browse(user_ids[:: max(1, round(1 / DAY_PROFILES))])
    for user in users:
        user.write({"signature": f"<p>{user.name}, at your service</p>"})
        user.partner_id.write(
            {"function": "Account executive", "phone": f"+32 2 555 {user.id:04d}"}
        )
    counts["new tags"] = len(tags)
    counts["stage renamed"] = 1
    counts["team renamed"] = 1
    counts["salespeople's profiles edited"] = len(users)
    env.flush_all()
    return counts, changed


def _describe_day(day):
    return ", ".join(f"{count:,} {change}" for change, count in day.items())
