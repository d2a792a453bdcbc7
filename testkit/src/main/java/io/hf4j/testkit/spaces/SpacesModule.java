package io.hf4j.testkit.spaces;

import io.hf4j.core.RepoType;
import io.hf4j.testkit.spi.EmulatorContext;
import io.hf4j.testkit.spi.EmulatorModule;
import io.hf4j.testkit.spi.RepoListener;
import java.util.Map;

/**
 * The Spaces emulation as an {@link EmulatorModule}: the Spaces API routes, a commit listener driving the
 * build stages, and the runtime in Space info. Installed automatically (ServiceLoader); tests reach it through
 * {@code hub.module(SpacesEmulation.class)}.
 */
public final class SpacesModule implements EmulatorModule {
  private SpacesEmulation emulation;

  /** For {@link java.util.ServiceLoader}. */
  public SpacesModule() {}

  @Override
  public void install(EmulatorContext context) {
    SpacesEmulation em = new SpacesEmulation(context);
    SpaceRoutes routes = new SpaceRoutes(em);
    routes.register(context.routes());
    context.addRepoListener(new RepoListener() {
      @Override
      public void onCreated(RepoType type, String repoId, Map<String, Object> request) {
        if (RepoType.SPACE.equals(type)) routes.created(repoId, request);
      }

      @Override
      public void onDeleted(RepoType type, String repoId) {
        if (RepoType.SPACE.equals(type)) em.forget(repoId);
      }

      @Override
      public void onMoved(RepoType type, String fromId, String toId) {
        if (RepoType.SPACE.equals(type)) em.moved(fromId, toId);
      }
    });
    context.addCommitListener(event -> {
      if (RepoType.SPACE.equals(event.repoType()) && "main".equals(event.ref())) em.committed(event.repoId());
    });
    context.addRepoInfoContributor((repo, info) -> {
      if (RepoType.SPACE.equals(repo.type())) info.put("runtime", em.runtime(repo.id()));
    });
    context.publish(SpacesEmulation.class, em);
    this.emulation = em;
  }

  @Override
  public void close() {
    SpacesEmulation em = emulation;
    if (em != null) em.closeAll();
  }
}
