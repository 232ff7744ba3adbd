-- Owners kept apart, for a database many people share (PostgreSQL), and the same on
-- a personal DuckDB file.
--
-- Ids are counted per owner: keys are (owner_id, id), so two people never need to
-- take turns for a number, and one person's saves never wait on another's. Each owner
-- already in the planner goes on from the old shared counter, so no id is reused.
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
