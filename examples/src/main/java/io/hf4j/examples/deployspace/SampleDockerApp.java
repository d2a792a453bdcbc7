package io.hf4j.examples.deployspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the sample backend deploy-space pushes: a FastAPI app answering {@code GET /health}, its
 * Dockerfile serving on port 7860 as user 1000 (the Docker Spaces pattern), the Space's README front
 * matter ({@code sdk: docker}, {@code app_port: 7860}), and a local {@code .env} with the settings a
 * developer keeps on their machine; that file must never reach the Hub.
 */
public final class SampleDockerApp {
  /** The local settings written to {@code .env}; deploy-space turns them into Space secrets. */
  public static final Map<String, String> LOCAL_ENV;

  static {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DATABASE_URL", "postgresql://app:local-password@localhost:5432/app");
    env.put("JWT_SECRET_KEY", "local-development-signing-key");
    env.put("CORS_ORIGINS", "http://localhost:3000,https://app.example.com");
    LOCAL_ENV = java.util.Collections.unmodifiableMap(env);
  }

  private SampleDockerApp() {}

  /** Writes the app into {@code dir} (created if needed) and returns it. */
  public static Path write(Path dir, String title) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("README.md"), """
          ---
          title: %s
          emoji: 🚀
          colorFrom: blue
          colorTo: green
          sdk: docker
          app_port: 7860
          pinned: false
          short_description: A FastAPI backend deployed with hf4j
          ---
          # %s

          A small FastAPI backend deployed by the hf4j `deploy-space` example. `GET /health` reports
          whether the settings the app needs are present; their values are Space secrets.
          """.formatted(title, title), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("Dockerfile"), """
          FROM python:3.12-slim
          RUN useradd -m -u 1000 user
          USER user
          ENV HOME=/home/user PATH=/home/user/.local/bin:$PATH
          WORKDIR $HOME/app
          COPY --chown=user requirements.txt .
          RUN pip install --no-cache-dir --user -r requirements.txt
          COPY --chown=user . .
          EXPOSE 7860
          CMD ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "7860"]
          """, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("requirements.txt"), "fastapi==0.115.6\nuvicorn==0.34.0\n", StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("app.py"), """
          import os

          from fastapi import FastAPI
          from fastapi.middleware.cors import CORSMiddleware

          app = FastAPI()
          origins = [o.strip() for o in os.environ.get("CORS_ORIGINS", "").split(",") if o.strip()]
          app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["*"], allow_headers=["*"])


          @app.get("/health")
          def health():
              settings = ["DATABASE_URL", "JWT_SECRET_KEY", "CORS_ORIGINS"]
              return {
                  "status": "ok",
                  "settings": {name: name in os.environ for name in settings},
                  "cors_origins": origins,
                  "environment": os.environ.get("APP_ENV", "unset"),
              }
          """, StandardCharsets.UTF_8);
      StringBuilder env = new StringBuilder("# Local settings: never committed, never pushed.\n");
      LOCAL_ENV.forEach((k, v) -> env.append(k).append('=').append(v).append('\n'));
      Files.writeString(dir.resolve(".env"), env.toString(), StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
