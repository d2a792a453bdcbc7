package io.hf4j.testkit;

import org.jspecify.annotations.Nullable;

import io.hf4j.core.HfConfig;
import io.hf4j.core.RepoType;
import io.hf4j.testkit.internal.AccountsImpl;
import io.hf4j.testkit.internal.BlobStore;
import io.hf4j.testkit.internal.EmulatorServer;
import io.hf4j.testkit.internal.HubRoutes;
import io.hf4j.testkit.internal.HubState;
import io.hf4j.testkit.internal.ReposImpl;
import io.hf4j.testkit.internal.XetStore;
import io.hf4j.testkit.spi.CommitListener;
import io.hf4j.testkit.spi.EmulatorContext;
import io.hf4j.testkit.spi.EmulatorModule;
import io.hf4j.testkit.spi.JobImages;
import io.hf4j.testkit.spi.Repos;
import io.hf4j.testkit.spi.SpaceApps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * An in-process Hugging Face Hub: the Hub API on {@code http://127.0.0.1:<port>}, presigned storage on
 * {@code http://localhost:<port2>} (another host name, so a client that sends its token there is caught), and
 * in-process Space apps on a third port. Repos, commits and LFS uploads behave like the Hub's; state lives in
 * memory (with blobs in a temporary directory) or in a data directory that survives restarts.
 *
 * <pre>{@code
 * try (HubEmulator hub = HubEmulator.builder().build().start()) {
 *   HfConfig config = hub.hfConfig();                 // endpoint + write token of the default user
 *   // ... run code against config ...
 *   byte[] bytes = hub.repo("testuser/demo").fileBytes("main", "config.json");
 * }
 * }</pre>
 *
 * <p>Without configured users there is a user {@code testuser} (member of org {@code testorg}) with tokens
 * {@link #DEFAULT_WRITE_TOKEN} and {@link #DEFAULT_READ_TOKEN}, and a user {@code otheruser} with
 * {@link #OTHER_USER_TOKEN}. Thread-safe.
 */
public final class HubEmulator implements AutoCloseable {
  /** Write token of the default user {@code testuser}. */
  public static final String DEFAULT_WRITE_TOKEN = "hf_testkit_write";
  /** Read token of the default user {@code testuser}. */
  public static final String DEFAULT_READ_TOKEN = "hf_testkit_read";
  /** Write token of the default second user {@code otheruser}. */
  public static final String OTHER_USER_TOKEN = "hf_testkit_other";
  /** Default LFS size threshold, as the Hub's: 10 MiB. */
  public static final long DEFAULT_LFS_THRESHOLD = 10L * 1024 * 1024;
  /** Default multipart part size: 16 MiB. */
  public static final long DEFAULT_MULTIPART_CHUNK_SIZE = 16L * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(HubEmulator.class.getName());

  private final Builder config;
  private final Path root;
  private final boolean temporaryRoot;
  private final EmulatorClock clock;
  private final AccountsImpl accounts;
  private final Faults faults = new Faults();
  private final RateLimitRules rateLimits;
  private final List<EmulatorModule> modules = new ArrayList<>();
  private HubState state;
  private EmulatorServer server;
  private Repos repos;
  private boolean started;
  private boolean closed;

  private HubEmulator(Builder b) {
    this.config = b;
    this.clock = b.clock != null ? b.clock : EmulatorClock.system();
    this.accounts = b.accounts();
    this.rateLimits = new RateLimitRules(clock, b.rateLimits);
    try {
      if (b.dataDir != null) {
        this.root = b.dataDir.toAbsolutePath();
        this.temporaryRoot = false;
        Files.createDirectories(root);
      } else {
        this.root = Files.createTempDirectory("hf4j-emulator-");
        this.temporaryRoot = true;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the emulator's storage directory", e);
    }
  }

  /** {@return a builder of an emulator with no users, tokens or repos} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the listeners, installs the modules, and starts serving. Returns this.
   *
   * @return this emulator
   */
  public synchronized HubEmulator start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    BlobStore blobs = new BlobStore(root.resolve("blobs"));
    state = new HubState(clock, blobs, accounts, config.lfsThreshold, temporaryRoot ? null : root);
    server = new EmulatorServer(state, faults, rateLimits);
    if (config.xet) {
      server.xetStore(new XetStore(root.resolve("xet")));
    }
    server.absoluteResolveRedirects(config.absoluteResolveRedirects);
    repos = new ReposImpl(state);
    server.repos(repos);
    new HubRoutes(server, config.multipartChunkSize).register();
    Set<Class<?>> seen = new LinkedHashSet<>();
    List<EmulatorModule> all = new ArrayList<>(config.modules);
    if (config.discoverModules) {
      for (EmulatorModule m : ServiceLoader.load(EmulatorModule.class, HubEmulator.class.getClassLoader())) {
        all.add(m);
      }
    }
    try {
      server.start(config.port, config.storagePort, config.appsPort);
      for (EmulatorModule m : all) {
        if (seen.add(m.getClass())) {
          m.install(server);
          modules.add(m);
        }
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the Hub emulator", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    LOG.log(System.Logger.Level.DEBUG, "Hub emulator at " + url() + ", storage at " + storageUrl());
    return this;
  }

  private EmulatorServer server() {
    if (server == null) {
      throw new IllegalStateException("the emulator is not started");
    }
    return server;
  }

  /** Stops serving, closes the modules, and deletes in-memory storage. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EmulatorModule m : modules) {
      try {
        m.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "emulator module failed to close", e);
      }
    }
    if (server != null) {
      server.close();
    }
    if (config.clock == null) {
      clock.close();
    }
    if (temporaryRoot) {
      BlobStore.deleteTree(root);
    }
  }

  /** {@return the Hub endpoint, {@code http://127.0.0.1:<port>} (no trailing slash)} */
  public String url() {
    return server().apiUrl();
  }

  /** {@return the storage base URL, {@code http://localhost:<port>}: a different host name than {@link #url()}} */
  public String storageUrl() {
    return server().storageUrl();
  }

  /** {@return the Xet CAS base URL, {@code http://127.0.0.1:<port>}: its own origin, accepting only Xet access tokens} */
  public String casUrl() {
    return server().casUrl();
  }

  /** {@return the Xet CAS server's state and controls; throws when the emulator was built with {@code xet(false)}} */
  public XetCas xet() {
    XetStore store = server().xetStore();
    if (store == null) {
      throw new IllegalStateException("Xet is off (HubEmulator.builder().xet(false))");
    }
    return new XetCas(store);
  }

  /** {@return the Space-apps base URL (see {@link SpaceApps})} */
  public String spaceAppsUrl() {
    return server().spaceAppsUrl();
  }

  /** {@return the first write token (of the default user {@code testuser} unless users were configured)} */
  public String writeToken() {
    return accounts.firstToken(TokenRole.WRITE, null)
        .orElseThrow(() -> new IllegalStateException("no write token configured"));
  }

  /** {@return the first read-only token} */
  public String readToken() {
    return accounts.firstToken(TokenRole.READ, null)
        .orElseThrow(() -> new IllegalStateException("no read token configured"));
  }

  /** {@return the user owning {@link #writeToken()}} */
  public String userName() {
    return Objects.requireNonNull(accounts.authenticate(writeToken()), "the write token authenticates").user();
  }

  /**
   * {@return an {@link HfConfig} pointed at this emulator with {@link #writeToken()}, and an HF home inside the
   * emulator's storage directory (so no user cache or token file is touched)}
   */
  public HfConfig hfConfig() {
    return hfConfigBuilder().build();
  }

  /**
   * {@link #hfConfig()} as a builder, to change timeouts, retries or the token.
   *
   * @return this builder
   */
  public HfConfig.Builder hfConfigBuilder() {
    return HfConfig.builder().endpoint(url()).token(writeToken()).hfHome(root.resolve("hf-home"));
  }

  /**
   * {@return a model repo; throws {@link NoSuchElementException} when it does not exist}
   *
   * @param repoId the repository id ({@code owner/name})
   */
  public RepoView repo(String repoId) {
    return repo(RepoType.MODEL, repoId);
  }

  /**
   * {@return an existing repository}
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   * @throws java.util.NoSuchElementException when there is no such repository
   */
  public RepoView repo(RepoType type, String repoId) {
    RepoView repo = findRepo(type, repoId);
    if (repo == null) throw new NoSuchElementException("no " + type + " repo " + repoId);
    return repo;
  }

  /**
   * {@return a repository, or null when there is none}
   *
   * @param type the repository type
   * @param repoId the repository id ({@code owner/name})
   */
  public @Nullable RepoView findRepo(RepoType type, String repoId) {
    return repos().find(type, repoId);
  }

  /** {@return programmatic repo access: create and seed repos, commit without HTTP} */
  public Repos repos() {
    server();
    return repos;
  }

  /**
   * Renames a repo as the Hub's repo move does; afterwards the old name answers every request with a relative
   * {@code 307} to the new one (see {@link Repos#move}).
   *
   * @param type the repository type
   * @param fromId the current repository id ({@code owner/name})
   * @param toId the new repository id ({@code owner/name})
   */
  public void renameRepo(RepoType type, String fromId, String toId) {
    repos().move(type, fromId, toId);
  }

  /**
   * {@return every request received so far (all listeners), in the order their answers started. A request is logged
   * before its answer is written, so once a client has seen an answer its request is in this list: tests
   * assert on it right after a call returns, without waiting}
   */
  public List<RecordedRequest> requests() {
    return server().requests();
  }

  /** Forgets the requests recorded so far, so a test can assert on the requests of one call only. */
  public void clearRequests() {
    server().clearRequests();
  }

  /** {@return the fault injection rules and the faults injected so far} */
  public Faults faults() {
    return faults;
  }

  /** {@return the storage requests that carried an {@code Authorization} header (each refused with 400)} */
  public List<TokenLeak> tokenLeaks() {
    return server().tokenLeaks();
  }

  /** {@return the emulator's clock, which drives every simulated delay (builds, jobs, token expiry)} */
  public EmulatorClock clock() {
    return clock;
  }

  /** {@return the rate-limit policies and counters} */
  public RateLimitRules rateLimits() {
    return rateLimits;
  }

  /** {@return the bindings of Spaces to in-process app handlers} */
  public SpaceApps spaceApps() {
    return server().spaceApps();
  }

  /** {@return the bindings of job images to in-process handlers} */
  public JobImages jobImages() {
    return server().jobImages();
  }

  /**
   * Registers a listener called after every commit (over HTTP or through {@link #repos()}).
   *
   * @param listener called with each commit
   */
  public void onCommit(CommitListener listener) {
    server().addCommitListener(listener);
  }

  /** {@return the context modules see (routes, hooks, shared state)} */
  public EmulatorContext context() {
    return server();
  }

  /**
   * An object a module published with {@link EmulatorContext#publish}, for example
   * {@code hub.module(JobsEmulation.class)}.
   *
   * @param <T> the published type
   * @param type the published type
   * @return the published object
   * @throws NoSuchElementException when no installed module published one
   */
  public <T> T module(Class<T> type) {
    T module = server().published(type);
    if (module == null) {
      throw new NoSuchElementException("no module publishes " + type.getName() + "; is its jar on the class path?");
    }
    return module;
  }

  /**
   * {@return the directory holding blobs (and, with a data directory, the repos: {@code repos/}, one folder per
   * repo with its record, its commit journal and its LFS objects)}
   */
  public Path storageDirectory() {
    return root;
  }

  @Override
  public String toString() {
    return "HubEmulator[" + (server == null ? "not started" : url()) + "]";
  }

  /** Configures a {@link HubEmulator}. */
  public static final class Builder {
    private int port;
    private int storagePort;
    private int appsPort;
    private Path dataDir;
    private EmulatorClock clock;
    private long lfsThreshold = DEFAULT_LFS_THRESHOLD;
    private long multipartChunkSize = DEFAULT_MULTIPART_CHUNK_SIZE;
    private final Map<String, RateLimitRules.Policy> rateLimits = new LinkedHashMap<>();
    private final List<EmulatorModule> modules = new ArrayList<>();
    private boolean discoverModules = true;
    private boolean xet = true;
    private boolean absoluteResolveRedirects;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final Map<String, Set<String>> orgs = new LinkedHashMap<>();
    private final List<String[]> tokens = new ArrayList<>();

    private Builder() {
      rateLimits.put("api", new RateLimitRules.Policy(1000, Duration.ofMinutes(5)));
      rateLimits.put("resolvers", new RateLimitRules.Policy(5000, Duration.ofMinutes(5)));
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be within [0, 65535] but was " + port);
      }
      return port;
    }

    /**
     * The API port (default 0: any free port).
     *
     * @param port the port, 0 for any free one
     * @return this builder
     */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /**
     * The storage port (default 0: any free port).
     *
     * @param port the port, 0 for any free one
     * @return this builder
     */
    public Builder storagePort(int port) {
      this.storagePort = checkPort(port);
      return this;
    }

    /**
     * The Space-apps port (default 0: any free port).
     *
     * @param port the port, 0 for any free one
     * @return this builder
     */
    public Builder spaceAppsPort(int port) {
      this.appsPort = checkPort(port);
      return this;
    }

    /**
     * Keeps state and blobs in {@code dir} (reloaded on the next start); default: in memory.
     *
     * @param dir the data directory
     * @return this builder
     */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dir == null");
      return this;
    }

    /**
     * In memory (the default): metadata in the heap, blobs in a temporary directory deleted on close.
     *
     * @return this builder
     */
    public Builder inMemory() {
      this.dataDir = null;
      return this;
    }

    /**
     * The clock (default: real time). The caller closes a clock it passes.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(EmulatorClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Files at least this large are LFS in preupload (default 10 MiB).
     *
     * @param bytes the threshold in bytes
     * @return this builder
     */
    public Builder lfsThreshold(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("lfsThreshold must be >= 1 but was " + bytes);
      }
      this.lfsThreshold = bytes;
      return this;
    }

    /**
     * LFS objects larger than this get a multipart upload with parts of this size (default 16 MiB).
     *
     * @param bytes the part size in bytes
     * @return this builder
     */
    public Builder multipartChunkSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("multipartChunkSize must be >= 1 but was " + bytes);
      }
      this.multipartChunkSize = bytes;
      return this;
    }

    /**
     * {@return the fixed-window quota of a bucket ({@code api}, {@code resolvers}, or a module's)}
     *
     * @param bucket the rate-limit bucket (a route's bucket name, e.g. {@code api})
     * @param quota how many requests a caller may make per window
     * @param window the length of a rate-limit window
     */
    public Builder rateLimit(String bucket, int quota, Duration window) {
      rateLimits.put(Objects.requireNonNull(bucket, "bucket == null"), new RateLimitRules.Policy(quota, window));
      return this;
    }

    /**
     * Adds a user (replacing the default users).
     *
     * @param name the user name
     * @return this builder
     */
    public Builder user(String name) {
      users.put(Objects.requireNonNull(name, "name == null"), name);
      return this;
    }

    /**
     * Adds an organisation with members (users added with {@link #user}).
     *
     * @param name the organization's name
     * @param members the user names of the organization's members
     * @return this builder
     */
    public Builder org(String name, String... members) {
      orgs.put(Objects.requireNonNull(name, "name == null"), new LinkedHashSet<>(List.of(members)));
      return this;
    }

    /**
     * Adds a token of a user; emulated tokens, like the Hub's, should start with {@code hf_}.
     *
     * @param user the user name
     * @param token the token string
     * @param role what the token may do
     * @return this builder
     */
    public Builder token(String user, String token, TokenRole role) {
      Objects.requireNonNull(token, "token == null");
      Objects.requireNonNull(role, "role == null");
      tokens.add(new String[] {Objects.requireNonNull(user, "user == null"), token, role.name()});
      return this;
    }

    /**
     * Adds a module explicitly (modules on the class path are also found with {@link ServiceLoader}).
     *
     * @param module the module
     * @return this builder
     */
    public Builder module(EmulatorModule module) {
      modules.add(Objects.requireNonNull(module, "module == null"));
      return this;
    }

    /**
     * Whether to install the modules found with {@link ServiceLoader} (default true).
     *
     * @param discover false to install only explicitly added modules
     * @return this builder
     */
    public Builder discoverModules(boolean discover) {
      this.discoverModules = discover;
      return this;
    }

    /**
     * Whether the emulator offers Xet storage (default true): the token endpoints, the CAS server, and the Xet
     * headers on resolve and tree answers. Without it the token endpoints answer 404, as for a repo without Xet.
     *
     * @param enabled false to offer no Xet storage
     * @return this builder
     */
    public Builder xet(boolean enabled) {
      this.xet = enabled;
      return this;
    }

    /**
     * Whether resolve ({@code GET} and {@code HEAD} of {@code /{repo}/resolve/{rev}/{path}}, {@code /raw/}, and the
     * {@code /datasets/}, {@code /spaces/} forms) by a revision other than a full commit id answers, as the Hub
     * sometimes does, a {@code 307} with an <em>absolute</em> same-host {@code Location}
     * ({@code http://127.0.0.1:<port>/{repo}/resolve/<commit id>/{path}}, with {@code X-Repo-Commit}) instead of the
     * file (default false: the file, or the LFS redirect to storage, directly). A request by the commit id is
     * answered as usual, so a client that follows the redirect gets the file.
     *
     * @param enabled true for absolute redirect locations
     * @return this builder
     */
    public Builder absoluteResolveRedirects(boolean enabled) {
      this.absoluteResolveRedirects = enabled;
      return this;
    }

    AccountsImpl accounts() {
      AccountsImpl a = new AccountsImpl();
      Instant created = Instant.parse("2024-01-01T00:00:00Z");
      if (users.isEmpty()) {
        a.addUser("testuser", "Test User", "testuser@example.com");
        a.addUser("otheruser", "Other User", "otheruser@example.com");
        a.addOrg("testorg", Set.of("testuser"));
        a.addToken("testuser", DEFAULT_WRITE_TOKEN, TokenRole.WRITE, created);
        a.addToken("testuser", DEFAULT_READ_TOKEN, TokenRole.READ, created);
        a.addToken("otheruser", OTHER_USER_TOKEN, TokenRole.WRITE, created);
      }
      for (String u : users.keySet()) {
        a.addUser(u, u, u + "@example.com");
      }
      orgs.forEach(a::addOrg);
      for (String[] t : tokens) {
        a.addToken(t[0], t[1], TokenRole.valueOf(t[2]), created);
      }
      return a;
    }

    /**
     * {@return a new emulator with this configuration, not yet started}
     *
     * @throws IllegalStateException when tokens were added without their users
     */
    public HubEmulator build() {
      if (!tokens.isEmpty() && users.isEmpty()) {
        throw new IllegalStateException("add the users of the tokens with user(name)");
      }
      return new HubEmulator(this);
    }
  }
}
