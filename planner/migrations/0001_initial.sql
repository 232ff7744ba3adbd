-- The whole journey: goals -> research -> contacts -> outreach -> interviews ->
-- questions -> reflections -> action items. Every user-owned row carries
-- owner_id and every query filters on it. Ids come from id_counters (never
-- reused, so no key is ever deleted and inserted again). Keys are (owner_id,
-- id), so one person's backup imports beside another's on a shared server.
-- There are no FOREIGN KEY clauses: DuckDB refuses updates and deletes on
-- referenced rows in ways a planner needs, so the store keeps references
-- consistent in its transactions.
-- Lists of short texts are VARCHAR[] so the database can unnest and count them.
-- Written in the SQL DuckDB and PostgreSQL share (an empty list is ARRAY[]::VARCHAR[]).

CREATE TABLE id_counters (
    table_name VARCHAR PRIMARY KEY,
    last_id    BIGINT NOT NULL
);

-- Step 1: what the user wants to find out, and how many conversations it takes.
CREATE TABLE goals (
    id                   BIGINT NOT NULL,
    owner_id             VARCHAR NOT NULL,
    title                VARCHAR NOT NULL,
    kind                 VARCHAR NOT NULL,            -- planner.goals.GOAL_KINDS
    field                VARCHAR NOT NULL DEFAULT '', -- field or industry
    target_roles         VARCHAR[] NOT NULL DEFAULT ARRAY[]::VARCHAR[],
    target_organisations VARCHAR[] NOT NULL DEFAULT ARRAY[]::VARCHAR[],
    learning_aims        VARCHAR[] NOT NULL DEFAULT ARRAY[]::VARCHAR[], -- "what I want to learn"
    fit_questions        VARCHAR[] NOT NULL DEFAULT ARRAY[]::VARCHAR[], -- planner.goals.FIT_QUESTIONS keys
    target_interviews    INTEGER NOT NULL DEFAULT 4,
    target_date          DATE,
    status               VARCHAR NOT NULL DEFAULT 'active', -- active, paused, achieved
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

-- What the user believes before talking to anyone; reflections confirm or refute.
CREATE TABLE goal_assumptions (
    id         BIGINT NOT NULL,
    owner_id   VARCHAR NOT NULL,
    goal_id    BIGINT NOT NULL,
    statement  VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (owner_id, id)
);

-- Step 2: target organisations, prioritised with LAMP (advocacy, motivation, posting).
CREATE TABLE organisations (
    id         BIGINT NOT NULL,
    owner_id   VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    sector     VARCHAR NOT NULL DEFAULT '',
    website    VARCHAR NOT NULL DEFAULT '',
    advocacy   BOOLEAN NOT NULL DEFAULT false, -- someone I know works there
    motivation INTEGER NOT NULL DEFAULT 0,     -- 0-3; 0 means research it first
    posting    INTEGER NOT NULL DEFAULT 1,     -- 3 relevant posting, 2 any posting, 1 none
    origin     VARCHAR NOT NULL DEFAULT '',    -- dream, alumni, posting, trending
    notes      VARCHAR NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE organisation_motivation_history (
    id              BIGINT NOT NULL,
    owner_id        VARCHAR NOT NULL,
    organisation_id BIGINT NOT NULL,
    motivation      INTEGER NOT NULL,
    reflection_id   BIGINT,          -- the conversation that changed it, if any
    changed_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE research_notes (
    id              BIGINT NOT NULL,
    owner_id        VARCHAR NOT NULL,
    goal_id         BIGINT,
    organisation_id BIGINT,
    topic_kind      VARCHAR NOT NULL, -- field, organisation, role, person
    title           VARCHAR NOT NULL,
    body            VARCHAR NOT NULL DEFAULT '',
    source_url      VARCHAR NOT NULL DEFAULT '',
    noted_on        DATE NOT NULL,
    facts           VARCHAR[] NOT NULL DEFAULT ARRAY[]::VARCHAR[], -- facts already known; the question lint reads them
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

-- Step 3: people, where they come from, and where each one stands.
CREATE TABLE contacts (
    id                     BIGINT NOT NULL,
    owner_id               VARCHAR NOT NULL,
    name                   VARCHAR NOT NULL,
    role                   VARCHAR NOT NULL DEFAULT '',
    organisation_id        BIGINT,
    email                  VARCHAR NOT NULL DEFAULT '',
    linkedin_url           VARCHAR NOT NULL DEFAULT '',
    phone                  VARCHAR NOT NULL DEFAULT '',
    circle                 VARCHAR NOT NULL DEFAULT 'other',
    referred_by_id         BIGINT,           -- another contact
    referred_in_interview_id BIGINT,         -- the conversation where they were suggested
    warmth                 VARCHAR NOT NULL DEFAULT 'cold', -- warm, cold
    notes                  VARCHAR NOT NULL DEFAULT '',
    tags                   VARCHAR[] NOT NULL DEFAULT ARRAY[]::VARCHAR[],
    stage                  VARCHAR NOT NULL DEFAULT 'identified',
    may_recontact          BOOLEAN NOT NULL DEFAULT false,
    check_in_every_days    INTEGER NOT NULL DEFAULT 90,
    next_check_in          DATE,
    created_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL,
    version                INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE contact_goals (
    id         BIGINT NOT NULL,
    owner_id   VARCHAR NOT NULL,
    contact_id BIGINT NOT NULL,
    goal_id    BIGINT NOT NULL,
    PRIMARY KEY (owner_id, id)
);

-- Contact history: every stage change, message, reply and meeting, dated.
CREATE TABLE contact_events (
    id          BIGINT NOT NULL,
    owner_id    VARCHAR NOT NULL,
    contact_id  BIGINT NOT NULL,
    happened_at TIMESTAMP NOT NULL,
    kind        VARCHAR NOT NULL,   -- stage, message_sent, reply, meeting, note
    stage_from  VARCHAR,
    stage_to    VARCHAR,
    channel     VARCHAR NOT NULL DEFAULT '', -- email, linkedin, phone, in_person, other
    summary     VARCHAR NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE message_templates (
    id         BIGINT NOT NULL,
    owner_id   VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL, -- request, follow_up, confirmation, thank_you, check_in
    name       VARCHAR NOT NULL,
    subject    VARCHAR NOT NULL DEFAULT '',
    body       VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

-- Outreach: a message drafted (sent_at NULL) or sent to a contact.
CREATE TABLE outreach (
    id           BIGINT NOT NULL,
    owner_id     VARCHAR NOT NULL,
    contact_id   BIGINT NOT NULL,
    interview_id BIGINT,
    kind         VARCHAR NOT NULL, -- request, follow_up, confirmation, thank_you, check_in
    channel      VARCHAR NOT NULL DEFAULT 'email',
    subject      VARCHAR NOT NULL DEFAULT '',
    body         VARCHAR NOT NULL DEFAULT '',
    sent_at      TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

-- The meeting itself. starts_at is wall-clock time in time_zone.
CREATE TABLE interviews (
    id                BIGINT NOT NULL,
    owner_id          VARCHAR NOT NULL,
    contact_id        BIGINT NOT NULL,
    goal_id           BIGINT,
    starts_at         TIMESTAMP NOT NULL,
    time_zone         VARCHAR NOT NULL DEFAULT 'UTC',
    duration_minutes  INTEGER NOT NULL DEFAULT 30,
    format            VARCHAR NOT NULL DEFAULT 'video', -- video, phone, in_person
    location          VARCHAR NOT NULL DEFAULT '',      -- link or place
    status            VARCHAR NOT NULL DEFAULT 'scheduled', -- scheduled, done, cancelled
    general_notes     VARCHAR NOT NULL DEFAULT '',
    thank_you_due     DATE,
    thank_you_sent_at TIMESTAMP,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

-- Step 4: the user's own questions (the shipped bank lives in data/).
CREATE TABLE questions (
    id         BIGINT NOT NULL,
    owner_id   VARCHAR NOT NULL,
    text       VARCHAR NOT NULL,
    category   VARCHAR NOT NULL,
    tiara      VARCHAR NOT NULL DEFAULT '', -- trends, insights, advice, resources, assignments
    bank_key   VARCHAR NOT NULL DEFAULT '', -- set when copied or edited from the shipped bank
    retired    BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE question_plans (
    id                   BIGINT NOT NULL,
    owner_id             VARCHAR NOT NULL,
    interview_id         BIGINT NOT NULL,
    introduction         VARCHAR NOT NULL DEFAULT '',
    minutes_per_question INTEGER NOT NULL DEFAULT 3,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE plan_questions (
    id           BIGINT NOT NULL,
    owner_id     VARCHAR NOT NULL,
    plan_id      BIGINT NOT NULL,
    question_id  BIGINT,            -- the user's own question, if it came from one
    bank_key     VARCHAR NOT NULL DEFAULT '',
    text         VARCHAR NOT NULL,  -- as asked in this plan
    position     INTEGER NOT NULL,
    must_ask     BOOLEAN NOT NULL DEFAULT false,
    minutes      INTEGER NOT NULL DEFAULT 3,
    asked        BOOLEAN NOT NULL DEFAULT false,
    answer_notes VARCHAR NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

-- Step 5: what a conversation taught, and what the user will do about it.
CREATE TABLE reflections (
    id              BIGINT NOT NULL,
    owner_id        VARCHAR NOT NULL,
    interview_id    BIGINT NOT NULL,
    learned_field   VARCHAR NOT NULL DEFAULT '',
    skills_matter   VARCHAR NOT NULL DEFAULT '',
    advice          VARCHAR NOT NULL DEFAULT '',
    career_story    VARCHAR NOT NULL DEFAULT '',
    surprised       VARCHAR NOT NULL DEFAULT '',
    still_unknown   VARCHAR NOT NULL DEFAULT '',
    interest_change VARCHAR NOT NULL DEFAULT 'same', -- up, same, down
    takeaways       VARCHAR[] NOT NULL DEFAULT ARRAY[]::VARCHAR[],
    themes          VARCHAR[] NOT NULL DEFAULT ARRAY[]::VARCHAR[],
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE reflection_fit_ratings (
    id            BIGINT NOT NULL,
    owner_id      VARCHAR NOT NULL,
    reflection_id BIGINT NOT NULL,
    fit_question  VARCHAR NOT NULL, -- planner.goals.FIT_QUESTIONS key
    rating        INTEGER NOT NULL, -- 1-5
    why           VARCHAR NOT NULL DEFAULT '',
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE reflection_skills (
    id            BIGINT NOT NULL,
    owner_id      VARCHAR NOT NULL,
    reflection_id BIGINT NOT NULL,
    skill         VARCHAR NOT NULL,
    status        VARCHAR NOT NULL, -- have, gap
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE assumption_checks (
    id            BIGINT NOT NULL,
    owner_id      VARCHAR NOT NULL,
    reflection_id BIGINT NOT NULL,
    assumption_id BIGINT NOT NULL,
    verdict       VARCHAR NOT NULL, -- confirmed, refuted
    PRIMARY KEY (owner_id, id)
);

CREATE TABLE action_items (
    id            BIGINT NOT NULL,
    owner_id      VARCHAR NOT NULL,
    goal_id       BIGINT,
    reflection_id BIGINT,
    title         VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL DEFAULT 'other', -- learn_skill, read_or_join, contact, update_materials, other
    due_on        DATE,
    done_on       DATE,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (owner_id, id)
);

-- Numbers a user may tune (follow-up rule days, check-in interval, ...).
CREATE TABLE settings (
    id         BIGINT NOT NULL,
    owner_id   VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    value      VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (owner_id, id)
);
