package io.hf4j.spaces;

/** Which log of a Space: the container build ({@code /logs/build}) or the running app ({@code /logs/run}). */
public enum SpaceLogKind {
  /** The image build: Dockerfile steps, dependency installs. Python: {@code fetch_space_logs(build=True)}. */
  BUILD("build"),
  /** The app's stdout and stderr since its container started. Python: {@code fetch_space_logs()}. */
  RUN("run");

  private final String path;

  SpaceLogKind(String path) {
    this.path = path;
  }

  /**
   * The last segment of the log endpoint ({@code /api/spaces/{id}/logs/{path}}).
   *
   * @return {@code build} or {@code run}
   */
  public String path() {
    return path;
  }
}
