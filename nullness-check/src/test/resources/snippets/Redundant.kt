// Compiled with -Werror: every line marked "expect:" must be reported (the warning becomes an error) with the text
// after it. Kotlin only calls a !! or a ?. unnecessary when it knows the Java result is non-null: on a platform
// type (a Java API without nullness annotations) these lines compile silently.
package snippets

import io.hf4j.core.HfConfig
import io.hf4j.core.HfHttpException
import io.hf4j.r2.ObjectMetadata
import io.hf4j.xet.XetHash

fun nonNullResultsAreNotNullable(config: HfConfig, e: HfHttpException) {
    val endpoint = config.endpoint()!! // expect: Unnecessary non-null assertion
    val path = e.path()?.length // expect: Unnecessary safe call
    println(listOf(endpoint, path))
}

fun nonNullRecordComponentsAreNotNullable(meta: ObjectMetadata, hash: XetHash): Int {
    val key = meta.key() ?: "none" // expect: Elvis operator (?:) always returns the left operand
    return key.length + hash.toHex()!!.length // expect: Unnecessary non-null assertion
}
