-- Owners kept apart, for a database many people share (PostgreSQL), and the same on
-- a personal DuckDB file.
--
-- Ids are counted per owner: keys are (owner_id, id), so two people never need to
-- take turns for a number, and one person's saves never wait on another's. Each owner
-- already in the planner (and 'local', a personal planner's owner, always) goes on from
-- the old shared counter, so no id is reused.
CREATE TABLE owner_id_counters (
    owner_id   VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    last_id    BIGINT NOT NULL,
    PRIMARY KEY (owner_id, table_name)
);

INSERT INTO owner_id_counters (owner_id, table_name, last_id)
SELECT owners.owner_id, c.table_name, c.last_id
FROM id_counters c
CROSS JOIN (
    SELECT owner_id FROM goals UNION SELECT owner_id FROM goal_assumptions
    UNION SELECT owner_id FROM organisations
    UNION SELECT owner_id FROM organisation_motivation_history
    UNION SELECT owner_id FROM research_notes UNION SELECT owner_id FROM contacts
    UNION SELECT owner_id FROM contact_goals UNION SELECT owner_id FROM contact_events
    UNION SELECT owner_id FROM message_templates UNION SELECT owner_id FROM outreach
    UNION SELECT owner_id FROM interviews UNION SELECT owner_id FROM questions
    UNION SELECT owner_id FROM question_plans UNION SELECT owner_id FROM plan_questions
    UNION SELECT owner_id FROM reflections UNION SELECT owner_id FROM reflection_fit_ratings
    UNION SELECT owner_id FROM reflection_skills UNION SELECT owner_id FROM assumption_checks
    UNION SELECT owner_id FROM action_items UNION SELECT owner_id FROM settings
    -- the personal planner's owner, even if it deleted everything it had
    UNION SELECT 'local'
) AS owners;

DROP TABLE id_counters;

-- Each owner's planner has a version, moved on by every write: an app server learns
-- from it that another server wrote, and forgets the reads it remembered.
CREATE TABLE owner_versions (
    owner_id VARCHAR PRIMARY KEY,
    version  BIGINT NOT NULL
);

-- backend: postgres
-- Row-level security: a transaction sees and writes only the rows of the owner it
-- names (SET LOCAL planner.owner), even through a query that forgot its owner_id
-- filter. FORCE applies it to the tables' own role too, which is the role the app
-- connects as. Only a migration names every owner at once.
DO $$
DECLARE
    user_table text;
BEGIN
    FOREACH user_table IN ARRAY ARRAY[
        'goals', 'goal_assumptions', 'organisations', 'organisation_motivation_history',
        'research_notes', 'contacts', 'contact_goals', 'contact_events',
        'message_templates', 'outreach', 'interviews', 'questions', 'question_plans',
        'plan_questions', 'reflections', 'reflection_fit_ratings', 'reflection_skills',
        'assumption_checks', 'action_items', 'settings'
    ] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', user_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', user_table);
        EXECUTE format(
            'CREATE POLICY owner_only ON %I '
            'USING (owner_id = current_setting(''planner.owner'', true) '
            '       OR current_setting(''planner.owner'', true) = ''*every-owner*'') '
            'WITH CHECK (owner_id = current_setting(''planner.owner'', true) '
            '       OR current_setting(''planner.owner'', true) = ''*every-owner*'')',
            user_table);
    END LOOP;
END
$$;

-- Indexes on the columns one row refers to another by. PostgreSQL runs a correlated
-- subquery once per outer row, through an index if there is one; DuckDB turns them
-- into joins and needs none (and its indexes would slow every write), so these are
-- PostgreSQL's alone. Each leads with owner_id, as every query filters on it.
CREATE INDEX goal_assumptions_by_goal ON goal_assumptions (owner_id, goal_id);
CREATE INDEX motivation_history_by_organisation
    ON organisation_motivation_history (owner_id, organisation_id);
CREATE INDEX research_notes_by_goal ON research_notes (owner_id, goal_id);
CREATE INDEX research_notes_by_organisation ON research_notes (owner_id, organisation_id);
CREATE INDEX contacts_by_organisation ON contacts (owner_id, organisation_id);
CREATE INDEX contacts_by_referrer ON contacts (owner_id, referred_by_id);
CREATE INDEX contact_goals_by_contact ON contact_goals (owner_id, contact_id);
CREATE INDEX contact_goals_by_goal ON contact_goals (owner_id, goal_id);
CREATE INDEX contact_events_by_contact ON contact_events (owner_id, contact_id, happened_at);
CREATE INDEX outreach_by_contact ON outreach (owner_id, contact_id);
CREATE INDEX outreach_by_interview ON outreach (owner_id, interview_id);
CREATE INDEX interviews_by_contact ON interviews (owner_id, contact_id);
CREATE INDEX interviews_by_goal ON interviews (owner_id, goal_id);
CREATE INDEX question_plans_by_interview ON question_plans (owner_id, interview_id);
CREATE INDEX plan_questions_by_plan ON plan_questions (owner_id, plan_id);
CREATE INDEX reflections_by_interview ON reflections (owner_id, interview_id);
CREATE INDEX fit_ratings_by_reflection ON reflection_fit_ratings (owner_id, reflection_id);
CREATE INDEX skills_by_reflection ON reflection_skills (owner_id, reflection_id);
CREATE INDEX assumption_checks_by_reflection ON assumption_checks (owner_id, reflection_id);
CREATE INDEX action_items_by_reflection ON action_items (owner_id, reflection_id);
CREATE INDEX action_items_by_goal ON action_items (owner_id, goal_id);
