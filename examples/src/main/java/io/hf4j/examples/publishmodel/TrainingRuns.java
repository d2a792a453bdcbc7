package io.hf4j.examples.publishmodel;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The training-run records of publish-model, in an embedded SQL database reached through plain JDBC.
 * The schema comes from Flyway migrations in {@code db/migration}: V1 creates {@code training_runs},
 * V2 adds its {@code model_url} column.
 */
public final class TrainingRuns {
  /** One row of {@code training_runs}. */
  public record Run(long id, String configName, String datasetRepo, double accuracy, Instant finishedAt, Optional<String> modelUrl) {}

  private final String jdbcUrl;

  private TrainingRuns(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /**
   * Opens the database at {@code jdbcUrl} (for example {@code jdbc:h2:file:/tmp/runs}) and applies the
   * migrations it has not seen yet.
   *
   * @return the store, and how many migrations ran now
   */
  public static Opened open(String jdbcUrl) {
    MigrateResult result = Flyway.configure()
        .dataSource(jdbcUrl, "sa", "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return new Opened(new TrainingRuns(jdbcUrl), result.migrationsExecuted, result.targetSchemaVersion);
  }

  /** {@link #open}'s answer. */
  public record Opened(TrainingRuns runs, int migrationsApplied, String schemaVersion) {}

  /** Records a finished run and returns its id. */
  public long insert(String configName, String datasetRepo, double accuracy, Instant finishedAt) {
    String sql = "INSERT INTO training_runs (config_name, dataset_repo, accuracy, finished_at) VALUES (?, ?, ?, ?)";
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, configName);
      ps.setString(2, datasetRepo);
      ps.setDouble(3, accuracy);
      ps.setTimestamp(4, Timestamp.from(finishedAt));
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) throw new IllegalStateException("no id generated for the run");
        return keys.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the training run: " + e.getMessage(), e);
    }
  }

  /** Stores where a run's model was published. */
  public void setModelUrl(long runId, String modelUrl) {
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("UPDATE training_runs SET model_url = ? WHERE id = ?")) {
      ps.setString(1, modelUrl);
      ps.setLong(2, runId);
      if (ps.executeUpdate() != 1) throw new IllegalStateException("no training run " + runId);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store the model URL: " + e.getMessage(), e);
    }
  }

  /** A run by id. */
  public Optional<Run> find(long runId) {
    String sql = "SELECT id, config_name, dataset_repo, accuracy, finished_at, model_url FROM training_runs WHERE id = ?";
    try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) return Optional.empty();
        return Optional.of(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
            rs.getTimestamp(5).toInstant(), Optional.ofNullable(rs.getString(6))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read training run " + runId + ": " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, "sa", "");
  }
}
