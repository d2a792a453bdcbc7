package io.hf4j.testkit.spaces;

import io.hf4j.testkit.EmulatorClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The simulated runtime of one Space. Guarded by the emulation's lock. */
final class SpaceSim {
  record Secret(String value, String description, Instant updatedAt) {}

  record Variable(String value, String description, Instant updatedAt) {}

  /** One line of the build or run log. */
  record LogLine(Instant timestamp, String text) {}

  String id;
  String sdk;
  String stage = "NO_APP_FILE";
  String errorMessage;
  String currentHardware;
  String requestedHardware = "cpu-basic";
  Integer gcTimeout = SpacesEmulation.CPU_BASIC_SLEEP_SECONDS;
  String storage;
  boolean devMode;
  String sha;
  final Map<String, Secret> secrets = new LinkedHashMap<>();
  final Map<String, Variable> variables = new LinkedHashMap<>();
  long generation;
  EmulatorClock.Timer timer;
  EmulatorClock.Timer sleepTimer;
  Instant lastActivity;
  String failBuild;
  String failStart;
  int builds;
  /** The current (or last) build's log; replaced by each build. */
  final java.util.List<LogLine> buildLog = new java.util.ArrayList<>();
  /** The app's log, every container start appended (each starts with the startup banner). */
  final java.util.List<LogLine> runLog = new java.util.ArrayList<>();
  /** Lines the next build logs instead of the generated steps. */
  java.util.List<String> nextBuildScript;
  /** Lines the next app start logs before its start line. */
  java.util.List<String> nextStartScript;
  int buildLogEpoch;
  boolean docker;
  Integer listenPort;
  int appPort = 7860;
  int cutBuildLog = -1;
  int cutRunLog = -1;

  SpaceSim(String id, String sdk) {
    this.id = id;
    this.sdk = sdk;
  }

  boolean isStatic() {
    return "static".equals(sdk);
  }

  boolean isServing() {
    return stage.equals("RUNNING") || stage.equals("RUNNING_BUILDING") || stage.equals("RUNNING_APP_STARTING");
  }

  boolean isOn() {
    return isServing() || stage.equals("BUILDING") || stage.equals("APP_STARTING");
  }

  boolean buildLogOpen() {
    return stage.equals("BUILDING") || stage.equals("RUNNING_BUILDING");
  }

  /** The run log stays open while the Space is on (building, starting, serving): a follower waits for its app. */
  boolean runLogOpen() {
    return isOn();
  }

  void cancelTimers() {
    generation++;
    if (timer != null) timer.cancel();
    if (sleepTimer != null) sleepTimer.cancel();
    timer = null;
    sleepTimer = null;
  }
}
