-- Issue 12 item 10: the uploaded file and staged rows of a finished or abandoned import are deleted by the
-- import clean-up job (src/jobs.ts); the job row stays, with its counts, and records when it was cleared.
ALTER TABLE import_job ADD COLUMN cleaned_at timestamptz;
-- what the job looks for: jobs not yet cleared, oldest first
CREATE INDEX import_job_uncleaned_idx ON import_job (updated_at) WHERE cleaned_at IS NULL;
