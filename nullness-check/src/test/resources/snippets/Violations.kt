// Every line marked "expect:" must fail to compile with a diagnostic containing the text after it; nothing
// else in this file may fail. Each one would compile if hf4j's nullness contracts did not reach Kotlin.
package snippets

import io.hf4j.core.HfConfig
import io.hf4j.core.HfHttpException
import io.hf4j.core.RateLimitException
import io.hf4j.core.RepoId
import io.hf4j.jobs.JobHardware
import io.hf4j.r2.ObjectMetadata
import io.hf4j.r2.R2Config
import io.hf4j.spaces.SpaceDiagnosis
import io.hf4j.spaces.SpaceEnvironment
import io.hf4j.spaces.SpaceStage
import io.hf4j.xet.XetHash
import java.time.Duration

fun nullableGettersAreNullable(e: HfHttpException, r: RateLimitException, config: HfConfig, meta: ObjectMetadata, r2: R2Config) {
    val code: String = e.errorCode() // expect: String?
    val after: Duration = r.retryAfter() // expect: Duration?
    val token: Any = config.token() // expect: HfToken?
    val eTag: String = meta.eTag() // expect: String?
    val publicUrl: Any = r2.publicUrl() // expect: HttpUrl?
    println(listOf(code, after, token, eTag, publicUrl))
}

fun staticLookupsReturnNullableTypes() {
    val flavor: JobHardware = JobHardware.nearestKnown("a10g-smal") // expect: JobHardware?
    val here: SpaceEnvironment = SpaceEnvironment.current() // expect: SpaceEnvironment?
    val there: SpaceEnvironment = SpaceEnvironment.from(mapOf("SPACE_ID" to "acme/app")) // expect: SpaceEnvironment?
    val why: SpaceDiagnosis = SpaceDiagnosis.diagnose(SpaceStage.RUNTIME_ERROR, listOf(), listOf(), 7860) // expect: SpaceDiagnosis?
    println(listOf(flavor, here, there, why))
}

fun nonNullParametersRefuseNull() {
    RepoId.of(null) // expect: null cannot be a value of a non-null type
    XetHash.parse(null) // expect: null cannot be a value of a non-null type
    HfConfig.builder().endpoint(null) // expect: null cannot be a value of a non-null type
    R2Config.builder().bucket(null) // expect: null cannot be a value of a non-null type
    io.hf4j.hub.UploadFileParams.builder().revision(null) // expect: null cannot be a value of a non-null type
}
