package io.hf4j.testkit.internal;

/** Registers the built-in Hub routes on a server. */
public final class HubRoutes {
  private final EmulatorServer server;
  private final long chunkSize;

  public HubRoutes(EmulatorServer server, long chunkSize) {
    this.server = server;
    this.chunkSize = chunkSize;
  }

  public void register() {
    Router api = (Router) server.routes();
    new RepoRoutes(server).register(api);
    new DiscussionRoutes(server).register(api);
    new ListingRoutes(server).register(api);
    new UploadRoutes(server, chunkSize).register(api, server.storageRoutes());
    new DownloadRoutes(server).register(api, server.storageRoutes());
    if (server.xetRoutes() != null) {
      server.xetRoutes().register(api, server.casRoutes(), server.storageRoutes());
    }
  }
}
