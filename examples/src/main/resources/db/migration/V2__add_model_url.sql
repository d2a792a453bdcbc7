-- publish-model stores where each run's model was pushed.
ALTER TABLE training_runs ADD COLUMN model_url VARCHAR(500);
