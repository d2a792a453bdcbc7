// Compiled with -Werror: every value below is used as the Kotlin type the hf4j contract promises
// (non-null unless the Java getter is @Nullable), with no !! and no ?. on a non-null value.
package snippets

import io.hf4j.core.CancellationToken
import io.hf4j.core.HfConfig
import io.hf4j.core.HfHttpException
import io.hf4j.core.HfToken
import io.hf4j.core.RateLimitException
import io.hf4j.core.RateLimitInfo
import io.hf4j.core.RepoId
import io.hf4j.hub.HubClient
import io.hf4j.hub.WhoAmI
import io.hf4j.r2.ObjectMetadata
import io.hf4j.r2.R2Config
import io.hf4j.xet.XetHash
import java.nio.file.Path
import java.time.Duration
import okhttp3.HttpUrl

fun configFacts(config: HfConfig): List<Any> {
    val endpoint: HttpUrl = config.endpoint()
    val cache: Path = config.hubCache()
    val agent: String = config.userAgent()
    val token: HfToken? = config.token()
    val shown: String = token?.toString() ?: "no token"
    return listOf(endpoint, cache, agent, shown)
}

fun errorFacts(e: HfHttpException): String {
    val status: Int = e.statusCode()
    val method: String = e.method()
    val path: String = e.path()
    val code: String? = e.errorCode()
    val requestId: String? = e.requestId()
    return "$status $method $path ${code ?: "-"} ${requestId ?: "-"}"
}

fun waitFor(e: RateLimitException): Duration {
    val limit: RateLimitInfo? = e.rateLimit()
    val after: Duration? = e.retryAfter()
    return after ?: Duration.ofSeconds(limit?.resetSeconds() ?: 1L)
}

fun hubFacts(config: HfConfig): String {
    val hub: HubClient = HubClient.create(config)
    val me: WhoAmI = hub.whoami()
    val name: String = me.name()
    val email: String? = me.email()
    return name + (email ?: "")
}

fun storageFacts(config: R2Config, meta: ObjectMetadata): List<Any?> {
    val bucket: String = config.bucket()
    val endpoint: HttpUrl = config.endpoint()
    val publicUrl: HttpUrl? = config.publicUrl()
    val key: String = meta.key()
    val eTag: String? = meta.eTag()
    return listOf(bucket, endpoint, publicUrl, key, eTag)
}

fun xetFacts(): String {
    val hash: XetHash = XetHash.parse("0".repeat(64))
    val hex: String = hash.toHex()
    val repo: RepoId = RepoId.of("acme/demo")
    val token: CancellationToken = CancellationToken.create()
    return hex + repo + token.isCancelled()
}

// The commit and upload options shared by several params classes live in a package-private base class: a Kotlin
// caller still reaches its setters through the public builders (returning the concrete builder) and its getters.
fun sharedCommitOptions(token: CancellationToken): List<Any?> {
    val folder: io.hf4j.hub.UploadFolderParams = io.hf4j.hub.UploadFolderParams.builder()
        .revision("dev").createPr(true).commitDescription("d").concurrency(4).cancellationToken(token)
        .commitMessage("m").pathInRepo("sub").build()
    val delete: io.hf4j.hub.DeleteFilesParams = io.hf4j.hub.DeleteFilesParams.builder().revision("dev").commitMessage("m").build()
    val commit: io.hf4j.hub.CreateCommitParams = io.hf4j.hub.CreateCommitParams.builder().verifyLfs(true).build()
    val revision: String? = folder.revision()
    val description: String = delete.commitDescription()
    val threads: Int = commit.concurrency()
    val cancel: CancellationToken? = folder.cancellationToken()
    return listOf(revision, description, threads, cancel, commit.toBuilder().createPr(false).build().createPr())
}
