-- One row per training run of the examples' trainer.
CREATE TABLE training_runs (
  id            BIGINT AUTO_INCREMENT PRIMARY KEY,
  config_name   VARCHAR(200) NOT NULL,
  dataset_repo  VARCHAR(200) NOT NULL,
  accuracy      DOUBLE PRECISION,
  finished_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
