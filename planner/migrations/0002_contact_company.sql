-- A contact's employer as text, for people whose employer is not (yet) one of the
-- user's target organisations: LinkedIn imports bring hundreds of companies, and only
-- the ones the user cares about become organisations. When a target organisation with
-- the same name exists, the contact is linked to it instead.
ALTER TABLE contacts ADD COLUMN company VARCHAR NOT NULL DEFAULT '';
